import { describe, expect, it } from "vitest";
import { decodeOrderCursor, encodeOrderCursor } from "@/lib/orders/cursor";
import { decodeCursor, encodeCursor } from "@/lib/customers/cursor";

const id = "0190b6c4-1a2b-7c3d-8e4f-123456789abc";
const raw = (parts: unknown[]) => Buffer.from(JSON.stringify(parts), "utf8").toString("base64url");

describe("keyset cursors from the URL", () => {
  it("round-trips a cursor of the same sort and lower-cases the id", () => {
    const c = { sort: "amount_desc" as const, key: "1234.50", id: id.toUpperCase() };
    expect(decodeOrderCursor(encodeOrderCursor(c), "amount_desc")).toEqual({ ...c, id });
    const t = { sort: "created_desc" as const, key: "2026-01-02T03:04:05.123+00:00", id };
    expect(decodeCursor(encodeCursor(t), "created_desc")).toEqual(t);
  });

  it("ignores a cursor of another sort order", () => {
    expect(decodeOrderCursor(encodeOrderCursor({ sort: "amount_desc", key: "1", id }), "ordered_desc")).toBeNull();
  });

  it("rejects keys that do not fit the sort column's type", () => {
    expect(decodeOrderCursor(raw(["amount_desc", "1; DROP TABLE orders", id]), "amount_desc")).toBeNull();
    expect(decodeOrderCursor(raw(["ordered_desc", "yesterday", id]), "ordered_desc")).toBeNull();
    expect(decodeCursor(raw(["created_desc", "2026-13-45T99:99:99Z", id]), "created_desc")).toBeNull();
    expect(decodeCursor(raw(["last_order_desc", "-infinity", id]), "last_order_desc")).not.toBeNull();
  });

  it("rejects malformed input without throwing", () => {
    for (const v of [undefined, 42, "", "%%%", raw(["name_asc", "x"]), raw(["name_asc", "x", "not-a-uuid"]), "a".repeat(9001)]) {
      expect(decodeCursor(v, "name_asc")).toBeNull();
    }
    expect(decodeCursor(raw(["name_asc", "x".repeat(2001), id]), "name_asc")).toBeNull();
  });
});
