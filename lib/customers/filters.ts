// The list's filters come from the URL (a plain GET form: bookmarkable, shareable,
// no script needed). Each value is parsed on its own; a bad one is dropped and
// reported while the others still apply.
import { z } from "zod";
import { decodeCursor, type ListCursor } from "@/lib/customers/cursor";
import { DEFAULT_SORT, isSortKey, type SortKey } from "@/lib/customers/sort";
import { MAX_SEARCH_LENGTH } from "@/lib/customers/search";
import { RFM_SEGMENTS } from "@/lib/analytics/rfm/segments";

export const CHURN_LEVELS = ["low", "medium", "high"] as const;

export type CustomerFilters = {
  q?: string;
  province?: string;
  city?: string;
  storeId?: string;
  channel?: string;
  ownerUserId?: string;
  tagId?: string;
  /** Calendar days in the tenant's time zone, inclusive. */
  createdFrom?: string;
  createdTo?: string;
  lastOrderFrom?: string;
  lastOrderTo?: string;
  /** Member tier (members.tier_id). */
  tierId?: string;
  /** From the newest successful scoring run (customer_scores). */
  rfmSegment?: (typeof RFM_SEGMENTS)[number];
  churnRisk?: (typeof CHURN_LEVELS)[number];
  /** k-means cluster number in the current cluster model (customer_clusters), as digits. */
  cluster?: string;
};

export type ListRequest = {
  filters: CustomerFilters;
  sort: SortKey;
  /** Rows after this cursor (next page) or before it (previous page); none = first page. */
  page: { after: ListCursor } | { before: ListCursor } | null;
  exactCount: boolean;
};

const isRealDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isRealDay);

export const FILTER_FIELDS = {
  q: text(MAX_SEARCH_LENGTH),
  province: text(50),
  city: text(50),
  storeId: z.guid(),
  channel: text(50),
  ownerUserId: z.guid(),
  tagId: z.guid(),
  createdFrom: day,
  createdTo: day,
  lastOrderFrom: day,
  lastOrderTo: day,
  tierId: z.guid(),
  rfmSegment: z.enum(RFM_SEGMENTS),
  churnRisk: z.enum(CHURN_LEVELS),
  cluster: z.string().trim().regex(/^(0|[1-9]\d{0,2})$/),
} as const;
export type FilterField = keyof typeof FILTER_FIELDS;
export const FILTER_NAMES = Object.keys(FILTER_FIELDS) as FilterField[];

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parseListRequest(params: SearchParams): { request: ListRequest; invalid: FilterField[] } {
  const filters: CustomerFilters = {};
  const invalid: FilterField[] = [];
  for (const name of FILTER_NAMES) {
    const value = first(params[name]);
    if (value === undefined || value.trim() === "") continue;
    const parsed = FILTER_FIELDS[name].safeParse(value);
    if (parsed.success) (filters as Record<string, string>)[name] = parsed.data;
    else invalid.push(name);
  }
  for (const [from, to] of [["createdFrom", "createdTo"], ["lastOrderFrom", "lastOrderTo"]] as const) {
    if (filters[from] && filters[to] && filters[from] > filters[to]) {
      invalid.push(to);
      delete filters[to];
    }
  }
  const sortParam = first(params.sort);
  const sort = isSortKey(sortParam) ? sortParam : DEFAULT_SORT;
  const after = decodeCursor(first(params.after), sort);
  const before = after ? null : decodeCursor(first(params.before), sort);
  return {
    request: { filters, sort, page: after ? { after } : before ? { before } : null, exactCount: first(params.count) === "exact" },
    invalid,
  };
}

export function hasFilters(filters: CustomerFilters): boolean {
  return FILTER_NAMES.some((n) => filters[n] !== undefined);
}

/** The list's URL for these filters and sort, at a position (a cursor) or the first page. */
export function listHref(
  filters: CustomerFilters,
  sort: SortKey,
  extra: { after?: string | null; before?: string | null; count?: "exact" } = {},
): string {
  const q = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name]) q.set(name, filters[name]!);
  if (sort !== DEFAULT_SORT) q.set("sort", sort);
  if (extra.after) q.set("after", extra.after);
  if (extra.before) q.set("before", extra.before);
  if (extra.count) q.set("count", extra.count);
  const s = q.toString();
  return s ? `/customers?${s}` : "/customers";
}
