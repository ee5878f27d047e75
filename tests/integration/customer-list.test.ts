// The customer list through lib/customers/queries.ts against a real, migrated
// Postgres with RLS on: search by phone typed any way, name prefix, e-mail and ids;
// every filter; keyset pages that return each row once, in order, both ways, on
// both read paths (under and over the count cap); the count cap; data scopes (own,
// store, region, all) in rows, search and counts; masking; soft deletes; and the
// 360 page answering 404 alike for another tenant's id and an out-of-scope one.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addDepartment, addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import {
  addIdentity, addMemberWithGrants, addScore, bulkCustomers, createCustomer, createStore, createTag, tagCustomer,
} from "@/tests/factories/customers";
import { createMember, createTier } from "@/tests/factories/members";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { listCustomers, type ListOptions } from "@/lib/customers/queries";
import { parseListRequest } from "@/lib/customers/filters";
import { getCustomer360 } from "@/lib/customers/detail";
import { SORTS, type SortKey } from "@/lib/customers/sort";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

let a: TestTenant;
let b: TestTenant;
const who: Record<"admin" | "boss" | "gzSales" | "szSales" | "northSales" | "gzLead", { tenantId: string; userId: string }> = {} as never;
const ctxOf: Record<string, AuthContext> = {};
const c: Record<string, string> = {};
let gzStoreId: string;
let vipTagId: string;
let otherTenantCustomerId: string;

const day = (iso: string) => new Date(`${iso}T04:00:00Z`); // noon in Asia/Shanghai

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("CustA"), createTenant("CustB")]);
  const south = await addDepartment(a, "华南大区", null, "region");
  const gz = await addDepartment(a, "广州天河店", south.id, "store");
  const sz = await addDepartment(a, "深圳南山店", south.id, "store");
  const north = await addDepartment(a, "华北大区", null, "region");
  who.admin = await addMember(a, "admin");
  who.boss = await addMember(a, "manager", { departmentId: south.id });
  who.gzSales = await addMember(a, "sales_staff", { departmentId: gz.id, managerUserId: who.boss.userId });
  who.szSales = await addMember(a, "sales_staff", { departmentId: sz.id, managerUserId: who.boss.userId });
  who.northSales = await addMember(a, "sales_staff", { departmentId: north.id });
  who.gzLead = await addMemberWithGrants(a, [["customer:read", "department"]], { departmentId: gz.id });
  for (const [k, v] of Object.entries(who)) ctxOf[k] = (await loadAuthContext(v))!;

  const gzStore = await createStore(a, "广州天河店", gz.id, "广州", "广东");
  const szStore = await createStore(a, "深圳南山店", sz.id, "深圳", "广东");
  gzStoreId = gzStore.id;
  const owned = (k: keyof typeof who, departmentId: string | null) => ({ ownerUserId: who[k].userId, departmentId });

  c.wang = (await createCustomer(a, {
    name: "王小明", phone: "+8613800138000", email: "wang@example.com", externalId: "EXT-001", ...owned("gzSales", gz.id),
    homeStoreId: gzStore.id, province: "广东", city: "广州", sourceChannel: "store", createdAt: day("2024-03-01"), lastOrderAt: day("2025-06-15"),
  })).id;
  c.dachui = (await createCustomer(a, {
    name: "王大锤", phone: "+8613912345678", ...owned("szSales", sz.id), homeStoreId: szStore.id, province: "广东", city: "深圳",
    sourceChannel: "tmall", createdAt: day("2024-05-10"),
  })).id;
  c.li = (await createCustomer(a, {
    name: "李王", phone: "+8613700008000", ...owned("northSales", north.id), province: "北京", city: "北京", sourceChannel: "jd",
    createdAt: day("2025-01-20"), lastOrderAt: day("2025-02-01"),
  })).id;
  c.zhang = (await createCustomer(a, {
    name: "Zhang Wei", email: "zhang.wei@example.com", ...owned("boss", south.id), province: "广东", city: "广州", sourceChannel: "wechat",
    createdAt: day("2025-03-03"),
  })).id;
  c.deleted = (await createCustomer(a, {
    name: "陈静", phone: "+8613600136000", ...owned("gzSales", gz.id), createdAt: day("2024-08-08"), deletedAt: new Date(),
  })).id;
  c.nobody = (await createCustomer(a, { name: "赵六", createdAt: day("2023-12-01") })).id;
  c.storeOnly = (await createCustomer(a, { name: "周七", departmentId: gz.id, createdAt: day("2024-09-09") })).id;

  vipTagId = (await createTag(a, "VIP")).id;
  await tagCustomer(a, c.wang!, vipTagId);
  await addIdentity(a, c.wang!, "wechat", "oXwx123openid");
  otherTenantCustomerId = (await createCustomer(b, { name: "王小明", phone: "+8613800138000", email: "wang@example.com", externalId: "EXT-001" })).id;
});

async function ids(k: keyof typeof who, params: Record<string, string> = {}, options: ListOptions = {}) {
  const page = await listCustomers(ctxOf[k]!, parseListRequest(params).request, options);
  return page.rows.map((r) => r.id).sort();
}
const set = (...keys: string[]) => keys.map((k) => c[k]!).sort();

describe("search", () => {
  it.each(["+86 138 0013 8000", "138-0013-8000", "0086 13800138000", "13800138000", "+8613800138000", "１３８００１３８０００"])(
    "finds the customer by the phone typed as %s, and only in the caller's tenant", async (q) => {
      expect(await ids("admin", { q })).toEqual(set("wang"));
    });

  it("matches the last four or more digits of a phone number", async () => {
    expect(await ids("admin", { q: "8000" })).toEqual(set("wang", "li"));
    expect(await ids("admin", { q: "0013 8000" })).toEqual(set("wang"));
  });

  it("matches the beginning of a name, case-insensitively", async () => {
    expect(await ids("admin", { q: "王" })).toEqual(set("wang", "dachui"));
    expect(await ids("admin", { q: "王小" })).toEqual(set("wang"));
    expect(await ids("admin", { q: "zhang w" })).toEqual(set("zhang"));
    expect(await ids("admin", { q: "Wei" })).toEqual([]);
  });

  it("matches an e-mail exactly, whatever its case", async () => {
    expect(await ids("admin", { q: "WANG@Example.com" })).toEqual(set("wang"));
    expect(await ids("admin", { q: "zhang.wei@example.com" })).toEqual(set("zhang"));
    expect(await ids("admin", { q: "wang@example" })).toEqual([]);
  });

  it("matches an external id and a channel id exactly", async () => {
    expect(await ids("admin", { q: "EXT-001" })).toEqual(set("wang"));
    expect(await ids("admin", { q: "oXwx123openid" })).toEqual(set("wang"));
    expect(await ids("admin", { q: "oXwx123" })).toEqual([]);
  });

  it("never finds soft-deleted customers, by phone, name or in counts", async () => {
    expect(await ids("admin", { q: "+86 136 0013 6000" })).toEqual([]);
    expect(await ids("admin", { q: "陈" })).toEqual([]);
    const page = await listCustomers(ctxOf.admin!, parseListRequest({}).request);
    expect(page.rows.map((r) => r.id)).not.toContain(c.deleted);
    expect(page.count).toEqual({ exact: true, value: 6 });
  });

  it("says how it understood the search text", async () => {
    const page = await listCustomers(ctxOf.admin!, parseListRequest({ q: "0086 13800138000" }).request);
    expect(page.search).toMatchObject({ kind: "phone", e164: "+8613800138000" });
    expect(page.count).toEqual({ exact: true, value: 1 });
  });
});

describe("filters", () => {
  it.each([
    [{ province: "广东" }, ["wang", "dachui", "zhang"]],
    [{ city: "广州" }, ["wang", "zhang"]],
    [{ channel: "tmall" }, ["dachui"]],
    [{ createdFrom: "2025-01-01" }, ["li", "zhang"]],
    [{ createdTo: "2024-05-10" }, ["wang", "dachui", "nobody"]],
    [{ createdFrom: "2024-05-10", createdTo: "2024-12-31" }, ["dachui", "storeOnly"]],
    [{ lastOrderFrom: "2025-06-01" }, ["wang"]],
    [{ lastOrderTo: "2025-03-01" }, ["li"]],
    [{ province: "广东", channel: "store" }, ["wang"]],
  ] as [Record<string, string>, string[]][])("%o", async (params, expected) => {
    expect(await ids("admin", params)).toEqual(set(...expected));
  });

  it("by home store, owner and tag", async () => {
    expect(await ids("admin", { storeId: gzStoreId })).toEqual(set("wang"));
    expect(await ids("admin", { ownerUserId: who.gzSales.userId })).toEqual(set("wang"));
    expect(await ids("admin", { tagId: vipTagId })).toEqual(set("wang"));
  });

  it("by member tier, and by RFM segment and churn risk of the newest successful scoring run only", async () => {
    const gold = await createTier(a, { rank: 2, name: "金卡" });
    await createMember(a, c.dachui!, { tierId: gold.id });
    expect(await ids("admin", { tierId: gold.id })).toEqual(set("dachui"));
    const older = new Date("2025-05-31T00:00:00Z");
    const newest = new Date("2025-06-30T00:00:00Z");
    const failed = new Date("2025-07-31T00:00:00Z");
    await withTenant(a.owner, (tx) => tx.scoringRun.createMany({ data: [
      { tenantId: a.tenantId, asOf: older, status: "succeeded" }, { tenantId: a.tenantId, asOf: newest, status: "succeeded" },
      { tenantId: a.tenantId, asOf: failed, status: "failed" },
    ] }));
    await addScore(a, c.wang!, { asOf: newest, rfmSegment: "champions", churnRisk: "low", pAlive: 0.9 });
    await addScore(a, c.li!, { asOf: newest, rfmSegment: "at_risk", churnRisk: "high", pAlive: 0.2 });
    // Older and failed runs' rows never count.
    await addScore(a, c.zhang!, { asOf: older, rfmSegment: "champions", churnRisk: "high", pAlive: 0.1 });
    await addScore(a, c.dachui!, { asOf: failed, rfmSegment: "champions", churnRisk: "high", pAlive: 0.1 });
    expect(await ids("admin", { rfmSegment: "champions" })).toEqual(set("wang"));
    expect(await ids("admin", { churnRisk: "high" })).toEqual(set("li"));
    expect(await ids("admin", { rfmSegment: "champions", churnRisk: "high" })).toEqual([]);
    // The same filter under a sales user's scope: only their own customer.
    expect(await ids("northSales", { churnRisk: "high" })).toEqual(set("li"));
    expect(await ids("gzSales", { churnRisk: "high" })).toEqual([]);
    expect(parseListRequest({ rfmSegment: "vip'; --", churnRisk: "extreme" }).invalid.sort()).toEqual(["churnRisk", "rfmSegment"]);
  });

  it("drops a malformed value, reports it and applies the rest", () => {
    const { request, invalid } = parseListRequest({ storeId: "1 OR 1=1", createdFrom: "2025-02-30", city: "广州" });
    expect(invalid.sort()).toEqual(["createdFrom", "storeId"]);
    expect(request.filters).toEqual({ city: "广州" });
  });
});

describe("sort orders", () => {
  it("last order, most recent first, puts customers who never ordered last", async () => {
    const page = await listCustomers(ctxOf.admin!, parseListRequest({ sort: "last_order_desc" }).request);
    expect(page.rows.slice(0, 2).map((r) => r.id)).toEqual([c.wang, c.li]);
    expect(page.rows.slice(2).every((r) => r.lastOrderAt === null)).toBe(true);
  });

  it("name, A to Z", async () => {
    const page = await listCustomers(ctxOf.admin!, parseListRequest({ sort: "name_asc" }).request);
    const expected = await withTenant(a.owner, (tx) =>
      tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM customers WHERE deleted_at IS NULL ORDER BY name, id`);
    expect(page.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  });
});

describe("data scope", () => {
  it.each([
    ["gzSales", "own", ["wang"]],
    ["northSales", "own", ["li"]],
    ["gzLead", "department (a store)", ["wang", "storeOnly"]],
    ["boss", "department tree (a region)", ["wang", "dachui", "zhang", "storeOnly"]],
    ["admin", "all", ["wang", "dachui", "li", "zhang", "nobody", "storeOnly"]],
  ] as const)("%s (%s) lists, counts and opens only their customers", async (k, _scope, expected) => {
    const page = await listCustomers(ctxOf[k]!, parseListRequest({}).request);
    expect(page.rows.map((r) => r.id).sort()).toEqual(set(...expected));
    expect(page.count).toEqual({ exact: true, value: expected.length });
    for (const [key, id] of Object.entries(c)) {
      if (key === "deleted") continue;
      const view = await getCustomer360(ctxOf[k]!, id);
      expect(view?.id ?? null, `${k} opening ${key}`).toBe((expected as readonly string[]).includes(key) ? id : null);
    }
  });

  it("applies the scope to search results and their counts", async () => {
    expect(await ids("gzSales", { q: "王" })).toEqual(set("wang"));
    expect(await ids("gzSales", { q: "+86 139 1234 5678" })).toEqual([]);
    expect(await ids("boss", { q: "8000" })).toEqual(set("wang"));
    const page = await listCustomers(ctxOf.gzSales!, parseListRequest({ q: "王" }).request);
    expect(page.count).toEqual({ exact: true, value: 1 });
  });
});

describe("masking", () => {
  it("shows phone and e-mail masked to a role without customer:unmask, in the list and the 360 view", async () => {
    const page = await listCustomers(ctxOf.gzSales!, parseListRequest({}).request);
    expect(page.masked).toBe(true);
    expect(page.rows[0]).toMatchObject({ phone: "+86 138****8000", email: "w***@example.com" });
    expect(JSON.stringify(page)).not.toMatch(/13800138000|0013 8000|wang@example\.com/);
    const view = await getCustomer360(ctxOf.gzSales!, c.wang!);
    expect(view?.profile).toMatchObject({ phone: "+86 138****8000", email: "w***@example.com", contactMasked: true });
    expect(JSON.stringify(view)).not.toMatch(/13800138000|0013 8000|wang@example\.com/);
  });

  it("shows them in full to a role with customer:unmask", async () => {
    const page = await listCustomers(ctxOf.admin!, parseListRequest({ q: "EXT-001" }).request);
    expect(page.masked).toBe(false);
    expect(page.rows[0]).toMatchObject({ phone: "+86 138 0013 8000", email: "wang@example.com" });
    const view = await getCustomer360(ctxOf.boss!, c.wang!);
    expect(view?.profile).toMatchObject({ phone: "+86 138 0013 8000", email: "wang@example.com", contactMasked: false });
  });
});

describe("keyset pagination", () => {
  let p: TestTenant;
  let pctx: AuthContext;

  beforeAll(async () => {
    p = await createTenant("CustPages");
    pctx = (await loadAuthContext(p.owner))!;
    // Ties on every sort key, and customers without orders, so the id tie-breaker and the
    // "never ordered" end of the last-order sort are both crossed by page boundaries.
    const names = ["王", "李", "张", "王", "Chen", "chen", "王"];
    for (let i = 0; i < 23; i++) {
      await createCustomer(p, {
        name: `${names[i % names.length]}${i % 3}`,
        createdAt: new Date(Date.UTC(2025, 0, 1 + (i % 5))),
        lastOrderAt: i % 4 === 0 ? null : new Date(Date.UTC(2025, 5, 1 + (i % 3))),
      });
    }
    await createCustomer(p, { name: "deleted", deletedAt: new Date() });
  });

  async function expectedOrder(sort: SortKey): Promise<string[]> {
    const order = {
      created_desc: "created_at DESC, id DESC", created_asc: "created_at ASC, id ASC",
      last_order_desc: "last_order_at DESC NULLS LAST, id DESC", last_order_asc: "last_order_at ASC NULLS FIRST, id ASC",
      name_asc: "name ASC, id ASC", name_desc: "name DESC, id DESC",
    }[sort];
    const rows = await withTenant(p.owner, (tx) =>
      tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text FROM customers WHERE deleted_at IS NULL ORDER BY ${order}`));
    return rows.map((r) => r.id);
  }

  async function walk(sort: SortKey, options: ListOptions) {
    const forward: string[] = [];
    let params: Record<string, string> = { sort };
    let last = null as Awaited<ReturnType<typeof listCustomers>> | null;
    for (let guard = 0; guard < 20; guard++) {
      last = await listCustomers(pctx, parseListRequest(params).request, options);
      forward.push(...last.rows.map((r) => r.id));
      if (!last.nextCursor) break;
      params = { sort, after: last.nextCursor };
    }
    // And back again from the last page, following "previous" links.
    const backward: string[][] = [last!.rows.map((r) => r.id)];
    let page = last!;
    for (let guard = 0; guard < 20 && page.prevCursor; guard++) {
      page = await listCustomers(pctx, parseListRequest({ sort, before: page.prevCursor }).request, options);
      backward.unshift(page.rows.map((r) => r.id));
    }
    return { forward, backward: backward.flat(), firstPagePrev: page.prevCursor };
  }

  it.each(SORTS.flatMap((sort) => [[sort, "under the count cap", 10_000], [sort, "over the count cap", 5]] as const))(
    "%s, %s: every row exactly once, in order, forwards and backwards", async (sort, _path, countCap) => {
      const expected = await expectedOrder(sort);
      const { forward, backward, firstPagePrev } = await walk(sort, { pageSize: 5, countCap });
      expect(forward).toEqual(expected);
      expect(backward).toEqual(expected);
      expect(firstPagePrev).toBeNull();
    });

  it("a cursor of another sort order, or a forged one, starts at the first page", async () => {
    const first = await listCustomers(pctx, parseListRequest({}).request, { pageSize: 5 });
    const other = await listCustomers(pctx, parseListRequest({ sort: "name_asc", after: first.nextCursor! }).request, { pageSize: 5 });
    expect(other.prevCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify(["created_desc", "2025-01-01'; DROP TABLE customers; --", first.rows[0]!.id])).toString("base64url");
    const page = await listCustomers(pctx, parseListRequest({ after: forged }).request, { pageSize: 5 });
    expect(page.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });
});

describe("counts", () => {
  it("are exact under the cap and '10,000+' beyond it, exact on request", async () => {
    const q = await createTenant("CustCount");
    await bulkCustomers(q, 10_004);
    const ctx = (await loadAuthContext(q.owner))!;
    const capped = await listCustomers(ctx, parseListRequest({}).request);
    expect(capped.count).toEqual({ exact: false, atLeast: 10_000 });
    expect(capped.rows).toHaveLength(50);
    expect(capped.nextCursor).not.toBeNull();
    const exact = await listCustomers(ctx, parseListRequest({ count: "exact" }).request);
    expect(exact.count).toEqual({ exact: true, value: 10_004 });
    const filtered = await listCustomers(ctx, parseListRequest({ q: "bulk-1000" }).request);
    expect(filtered.count).toEqual({ exact: true, value: 6 }); // bulk-1000 and bulk-10000 … bulk-10004
  });
});

describe("the 360 page", () => {
  const load = async () => (await import("@/app/(app)/customers/[id]/page")).default;
  const digest = async (id: string) => {
    const Page = await load();
    const err = await Promise.resolve()
      .then(() => Page({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }))
      .then(() => null, (x: unknown) => x);
    return String((err as { digest?: string } | null)?.digest ?? "rendered");
  };

  it("renders a customer in scope", async () => {
    signInAs(who.boss);
    expect(await digest(c.wang!)).toBe("rendered");
  });

  it("answers 404 alike for another tenant's customer, one outside the scope, a deleted one and a malformed id", async () => {
    signInAs(who.boss);
    for (const id of [otherTenantCustomerId, c.li!, c.nobody!, c.deleted!, "not-a-uuid", "00000000-0000-0000-0000-000000000000"]) {
      expect(await digest(id), id).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    }
  });

  it("lets tenant B's owner open nothing of tenant A's", async () => {
    signInAs(b.owner);
    expect(await digest(c.wang!)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    signInAs(b.owner);
    expect(await digest(otherTenantCustomerId)).toBe("rendered");
  });
});
