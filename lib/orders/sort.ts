// The order list's sort orders. Each is a keyset on (column, id) served by an
// index (tenant_id, column, id) (migration 20261125060000_commerce).
export const ORDER_SORTS = ["ordered_desc", "ordered_asc", "amount_desc", "amount_asc"] as const;
export type OrderSortKey = (typeof ORDER_SORTS)[number];
export const DEFAULT_ORDER_SORT: OrderSortKey = "ordered_desc";

export type OrderSortSpec = { column: "ordered_at" | "paid_amount"; type: "timestamptz" | "numeric"; descending: boolean };

export const ORDER_SORT_SPECS: Record<OrderSortKey, OrderSortSpec> = {
  ordered_desc: { column: "ordered_at", type: "timestamptz", descending: true },
  ordered_asc: { column: "ordered_at", type: "timestamptz", descending: false },
  amount_desc: { column: "paid_amount", type: "numeric", descending: true },
  amount_asc: { column: "paid_amount", type: "numeric", descending: false },
};

export function isOrderSortKey(value: unknown): value is OrderSortKey {
  return typeof value === "string" && (ORDER_SORTS as readonly string[]).includes(value);
}
