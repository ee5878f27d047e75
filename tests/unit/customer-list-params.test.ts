import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/customers/cursor";
import { listHref, parseListRequest } from "@/lib/customers/filters";

const ID = "3f2b8c1e-0a4d-4e5f-9a6b-7c8d9e0f1a2b";

describe("list cursors", () => {
  it("round-trip for timestamp and text sort keys", () => {
    for (const c of [
      { sort: "created_desc", key: "2025-01-02T03:04:05.678+00:00", id: ID },
      { sort: "last_order_asc", key: "-infinity", id: ID },
      { sort: "name_asc", key: "王小明 \"quoted\" 'x'", id: ID },
    ] as const) {
      expect(decodeCursor(encodeCursor(c), c.sort)).toEqual(c);
    }
  });

  it("are ignored when malformed, forged or of another sort order", () => {
    const good = encodeCursor({ sort: "created_desc", key: "2025-01-02T03:04:05+00:00", id: ID });
    expect(decodeCursor(good, "name_asc")).toBeNull();
    const forge = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const bad of [
      "", "%%%", "bm90IGpzb24", forge({}), forge(["created_desc", "2025-01-02", "not-a-uuid"]),
      forge(["created_desc", "now(); DROP TABLE customers", ID]), forge(["created_desc", "2025-13-45T99:99:99Z", ID]),
      forge(["nope", "x", ID]), forge(["name_asc", "x".repeat(2001), ID]), forge(["name_asc", 5, ID]),
    ]) {
      expect(decodeCursor(bad, "created_desc"), bad).toBeNull();
      expect(decodeCursor(bad, "name_asc"), bad).toBeNull();
    }
  });
});

describe("parseListRequest and listHref", () => {
  it("keeps filters and sort through a URL round trip", () => {
    const params = {
      q: "王", province: "广东", city: "广州", storeId: ID, channel: "tmall", ownerUserId: ID, tagId: ID,
      createdFrom: "2025-01-01", createdTo: "2025-01-31", lastOrderFrom: "2025-02-01", lastOrderTo: "2025-02-28", sort: "name_asc",
    };
    const { request, invalid } = parseListRequest(params);
    expect(invalid).toEqual([]);
    const url = new URL(listHref(request.filters, request.sort), "http://x");
    expect(Object.fromEntries(url.searchParams)).toEqual(params);
  });

  it("reports a reversed date range and drops its end", () => {
    const { request, invalid } = parseListRequest({ createdFrom: "2025-02-01", createdTo: "2025-01-01" });
    expect(invalid).toEqual(["createdTo"]);
    expect(request.filters).toEqual({ createdFrom: "2025-02-01" });
  });

  it("falls back to the default sort, the first page and a capped count", () => {
    const { request } = parseListRequest({ sort: "drop table", after: "junk", count: "yes" });
    expect(request).toMatchObject({ sort: "created_desc", page: null, exactCount: false });
    expect(listHref({}, "created_desc")).toBe("/customers");
  });
});
