// What the ticket forms may send, and the tickets list's query string. Messages
// are i18n keys; ids must look like ids before a query runs.
import { z } from "zod";
import { parseDay } from "@/lib/interactions/day-range";

export const TICKET_KINDS = ["consultation", "complaint", "suggestion", "praise"] as const;
export const TICKET_STATUSES = ["open", "closed"] as const;
export const SUBJECT_MAX = 200;
export const BODY_MAX = 4000;

const id = (message: string) => z.guid({ message });
const fields = {
  kind: z.enum(TICKET_KINDS, { message: "tickets.error.kind" }),
  subject: z.string({ message: "tickets.error.subjectRequired" }).trim()
    .min(1, "tickets.error.subjectRequired").max(SUBJECT_MAX, "tickets.error.subjectTooLong"),
  body: z.string().trim().max(BODY_MAX, "tickets.error.bodyTooLong").default(""),
  /** Empty: nobody yet. */
  assigneeUserId: z.union([z.literal("").transform(() => null), id("tickets.error.assignee")]).nullable().default(null),
};

export const createTicketSchema = z.object({ customerId: id("tickets.error.customerRequired"), ...fields });
export const updateTicketSchema = z.object({ id: id("tickets.error.invalidId"), ...fields });
export const ticketIdSchema = z.object({ id: id("tickets.error.invalidId") });

export type CreateTicketInput = z.output<typeof createTicketSchema>;
export type UpdateTicketInput = z.output<typeof updateTicketSchema>;

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TicketFilters = {
  kind: (typeof TICKET_KINDS)[number] | null;
  status: (typeof TICKET_STATUSES)[number] | null;
  /** A user id, "me" or "none". */
  assignee: string | null;
  from: string | null; to: string | null; customer: string; page: number;
};

export function parseTicketFilters(params: SearchParams): { filters: TicketFilters; invalid: string[] } {
  const invalid: string[] = [];
  const kind = first(params.kind);
  const status = first(params.status);
  const assignee = first(params.assignee);
  const from = parseDay(first(params.from) || undefined);
  const to = parseDay(first(params.to) || undefined);
  const okKind = (TICKET_KINDS as readonly string[]).includes(kind);
  const okStatus = (TICKET_STATUSES as readonly string[]).includes(status);
  const okAssignee = assignee === "me" || assignee === "none" || UUID.test(assignee);
  if (kind && !okKind) invalid.push("kind");
  if (status && !okStatus) invalid.push("status");
  if (assignee && !okAssignee) invalid.push("assignee");
  if (first(params.from) && !from) invalid.push("from");
  if (first(params.to) && !to) invalid.push("to");
  const reversed = Boolean(from && to && from > to);
  if (reversed) invalid.push("to");
  const page = Number.parseInt(first(params.page), 10);
  return {
    filters: {
      kind: okKind ? (kind as TicketFilters["kind"]) : null,
      status: okStatus ? (status as TicketFilters["status"]) : null,
      assignee: assignee && okAssignee ? assignee : null,
      from, to: reversed ? null : to,
      customer: first(params.customer).slice(0, 100),
      page: Number.isFinite(page) && page > 1 && page <= 10_000 ? page : 1,
    },
    invalid,
  };
}
