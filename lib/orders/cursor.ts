// Keyset cursors of the order list: the sort value and id of the row a page starts
// after (or ends before). They travel in the URL, so decoding treats them as
// untrusted: another sort order's cursor, or anything malformed, means the first
// page rather than reaching SQL.
import { ORDER_SORT_SPECS, isOrderSortKey, type OrderSortKey } from "@/lib/orders/sort";

export type OrderCursor = { sort: OrderSortKey; key: string; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// What Postgres' to_json() writes for a timestamptz.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:\d{2})?)$/;
const NUMERIC = /^-?\d{1,15}(\.\d{1,4})?$/;

export function encodeOrderCursor(c: OrderCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.id]), "utf8").toString("base64url");
}

export function decodeOrderCursor(value: unknown, sort: OrderSortKey): OrderCursor | null {
  if (typeof value !== "string" || !value || value.length > 400) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [s, key, id] = parsed as unknown[];
  if (!isOrderSortKey(s) || s !== sort || typeof key !== "string" || typeof id !== "string" || !UUID.test(id)) return null;
  const type = ORDER_SORT_SPECS[s].type;
  if (type === "timestamptz" && (!TIMESTAMP.test(key) || Number.isNaN(Date.parse(key)))) return null;
  if (type === "numeric" && !NUMERIC.test(key)) return null;
  return { sort: s, key, id: id.toLowerCase() };
}
