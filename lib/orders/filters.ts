// The order list's filters come from the URL (a plain GET form: bookmarkable, no
// script needed). Each value is parsed on its own; a bad one is dropped and
// reported while the others still apply.
import { z } from "zod";
import { MAX_SEARCH_LENGTH } from "@/lib/customers/search";
import { decodeOrderCursor, type OrderCursor } from "@/lib/orders/cursor";
import { DEFAULT_ORDER_SORT, isOrderSortKey, type OrderSortKey } from "@/lib/orders/sort";
import { PAYMENT_STATES, type PaymentState } from "@/lib/orders/statuses";

export type OrderFilters = {
  /** The customer: name, phone, e-mail or an id, as the customer search reads it. */
  q?: string;
  /** Calendar days of the order time in the tenant's time zone, inclusive. */
  from?: string;
  to?: string;
  storeId?: string;
  channel?: string;
  status?: string;
  payment?: PaymentState;
};

export type OrderListRequest = {
  filters: OrderFilters;
  sort: OrderSortKey;
  page: { after: OrderCursor } | { before: OrderCursor } | null;
};

const isRealDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isRealDay);

export const ORDER_FILTER_FIELDS = {
  q: text(MAX_SEARCH_LENGTH),
  from: day,
  to: day,
  storeId: z.guid(),
  channel: text(50),
  status: text(50),
  payment: z.enum(PAYMENT_STATES),
} as const;
export type OrderFilterField = keyof typeof ORDER_FILTER_FIELDS;
export const ORDER_FILTER_NAMES = Object.keys(ORDER_FILTER_FIELDS) as OrderFilterField[];

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parseOrderListRequest(params: SearchParams): { request: OrderListRequest; invalid: OrderFilterField[] } {
  const filters: Record<string, string> = {};
  const invalid: OrderFilterField[] = [];
  for (const name of ORDER_FILTER_NAMES) {
    const value = first(params[name]);
    if (value === undefined || value.trim() === "") continue;
    const parsed = ORDER_FILTER_FIELDS[name].safeParse(value);
    if (parsed.success) filters[name] = parsed.data;
    else invalid.push(name);
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    invalid.push("to");
    delete filters.to;
  }
  const sortParam = first(params.sort);
  const sort = isOrderSortKey(sortParam) ? sortParam : DEFAULT_ORDER_SORT;
  const after = decodeOrderCursor(first(params.after), sort);
  const before = after ? null : decodeOrderCursor(first(params.before), sort);
  return { request: { filters: filters as OrderFilters, sort, page: after ? { after } : before ? { before } : null }, invalid };
}

export function hasOrderFilters(filters: OrderFilters): boolean {
  return ORDER_FILTER_NAMES.some((n) => filters[n] !== undefined);
}

/** The list's URL for these filters and sort, at a cursor or the first page. */
export function orderListHref(filters: OrderFilters, sort: OrderSortKey, extra: { after?: string | null; before?: string | null } = {}): string {
  const q = new URLSearchParams();
  for (const name of ORDER_FILTER_NAMES) if (filters[name]) q.set(name, filters[name]!);
  if (sort !== DEFAULT_ORDER_SORT) q.set("sort", sort);
  if (extra.after) q.set("after", extra.after);
  if (extra.before) q.set("before", extra.before);
  const s = q.toString();
  return s ? `/orders?${s}` : "/orders";
}
