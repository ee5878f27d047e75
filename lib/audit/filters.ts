// The audit page's filters come from the URL (a plain GET form, so they can be
// bookmarked and shared). Each is parsed on its own: one bad value is dropped and
// reported, the others still apply.
import { z } from "zod";
import { decodeCursor, type AuditCursor } from "@/lib/audit/cursor";

export type AuditFilters = {
  action?: string;
  entity?: string;
  actorUserId?: string;
  /** Calendar days in the tenant's time zone, inclusive. */
  from?: string;
  to?: string;
  cursor?: AuditCursor | null;
};

const isRealDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

const text = z.string().trim().min(1).max(100).regex(/^[\w.:-]+$/);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isRealDay);
const FIELDS = {
  action: text,
  entity: text,
  actorUserId: z.uuid(),
  from: day,
  to: day,
} as const;

type SearchParams = Record<string, string | string[] | undefined>;

export function parseAuditFilters(params: SearchParams): { filters: AuditFilters; invalid: (keyof typeof FIELDS)[] } {
  const filters: AuditFilters = {};
  const invalid: (keyof typeof FIELDS)[] = [];
  for (const name of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
    const raw = params[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === "") continue;
    const parsed = FIELDS[name].safeParse(value);
    if (parsed.success) filters[name] = parsed.data;
    else invalid.push(name);
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    invalid.push("to");
    delete filters.to;
  }
  filters.cursor = decodeCursor(Array.isArray(params.after) ? params.after[0] : params.after);
  return { filters, invalid };
}
