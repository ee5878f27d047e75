// The list's sort orders. Each has an index over live rows ending in id, so the
// keyset cursor (sort value, id) is an index range, however deep the page.
export const SORTS = ["created_desc", "created_asc", "last_order_desc", "last_order_asc", "name_asc", "name_desc"] as const;
export type SortKey = (typeof SORTS)[number];
export const DEFAULT_SORT: SortKey = "created_desc";

export type SortSpec = { column: "created_at" | "last_order_sort" | "name"; type: "timestamptz" | "text"; descending: boolean };

export const SORT_SPECS: Record<SortKey, SortSpec> = {
  created_desc: { column: "created_at", type: "timestamptz", descending: true },
  created_asc: { column: "created_at", type: "timestamptz", descending: false },
  last_order_desc: { column: "last_order_sort", type: "timestamptz", descending: true },
  last_order_asc: { column: "last_order_sort", type: "timestamptz", descending: false },
  name_asc: { column: "name", type: "text", descending: false },
  name_desc: { column: "name", type: "text", descending: true },
};

export function isSortKey(value: unknown): value is SortKey {
  return typeof value === "string" && (SORTS as readonly string[]).includes(value);
}
