// Keyset cursors of the sortable lists: the sort value and id of the row a page
// starts after (or ends before). They travel in the URL, so decoding treats them
// as untrusted: a cursor of another sort order, or anything malformed, is ignored
// (first page) rather than passed to SQL. Each list makes its own codec from its
// sort keys and the SQL type of each sort's column.
export type KeyType = "timestamptz" | "numeric" | "text";
export type KeysetCursor<S extends string> = { sort: S; key: string; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// What Postgres' to_json() writes for a timestamptz, or -infinity (never ordered).
const TIMESTAMP = /^(-infinity|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:\d{2})?))$/;
const NUMERIC = /^-?\d{1,15}(\.\d{1,4})?$/;
// Generous: a name longer than this makes "next" fall back to the first page.
const MAX_KEY = 2000;

function validKey(type: KeyType, key: string): boolean {
  if (key.length > MAX_KEY) return false;
  if (type === "timestamptz") return TIMESTAMP.test(key) && (key === "-infinity" || !Number.isNaN(Date.parse(key)));
  if (type === "numeric") return NUMERIC.test(key);
  return true;
}

export function keysetCodec<S extends string>(isSort: (v: unknown) => v is S, typeOf: (sort: S) => KeyType) {
  return {
    encode(c: KeysetCursor<S>): string {
      return Buffer.from(JSON.stringify([c.sort, c.key, c.id]), "utf8").toString("base64url");
    },
    decode(value: unknown, sort: S): KeysetCursor<S> | null {
      if (typeof value !== "string" || !value || value.length > 9000) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
      } catch {
        return null;
      }
      if (!Array.isArray(parsed) || parsed.length !== 3) return null;
      const [s, key, id] = parsed as unknown[];
      if (!isSort(s) || s !== sort || typeof key !== "string" || typeof id !== "string" || !UUID.test(id)) return null;
      return validKey(typeOf(s), key) ? { sort: s, key, id: id.toLowerCase() } : null;
    },
  };
}
