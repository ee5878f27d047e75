// Keyset cursors of the customer list: the sort value and id of the row a page
// starts after (or ends before). They travel in the URL, so decoding treats them
// as untrusted: a cursor of another sort order, or anything malformed, is ignored
// (first page) rather than passed to SQL.
import { SORT_SPECS, isSortKey, type SortKey } from "@/lib/customers/sort";

export type ListCursor = { sort: SortKey; key: string; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// What Postgres' to_json() writes for a timestamptz, or -infinity (never ordered).
const TIMESTAMP = /^(-infinity|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:\d{2})?))$/;
// Generous: a name longer than this would make "next" fall back to the first page.
const MAX_KEY = 2000;

export function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.id]), "utf8").toString("base64url");
}

export function decodeCursor(value: unknown, sort: SortKey): ListCursor | null {
  if (typeof value !== "string" || !value || value.length > 9000) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [s, key, id] = parsed as unknown[];
  if (!isSortKey(s) || s !== sort || typeof key !== "string" || typeof id !== "string" || !UUID.test(id)) return null;
  if (key.length > MAX_KEY) return null;
  if (SORT_SPECS[s].type === "timestamptz" && (!TIMESTAMP.test(key) || (key !== "-infinity" && Number.isNaN(Date.parse(key))))) return null;
  return { sort: s, key, id: id.toLowerCase() };
}
