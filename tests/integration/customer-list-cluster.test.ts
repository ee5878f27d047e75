// The customer list's cluster filter (the current cluster model, customer_clusters):
// planted customers in two clusters, the filter returns exactly one cluster's live
// customers, page by page both ways on both read paths (under and over the count
// cap), another tenant's customers in the same cluster number never appear, and the
// form offers the model's clusters by name.
import { beforeAll, describe, expect, it } from "vitest";
import { plantCluster } from "@/tests/factories/clusters";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { listHref, parseListRequest } from "@/lib/customers/filters";
import { customerFilterOptions, listCustomers, type ListOptions } from "@/lib/customers/queries";

let a: TestTenant;
let b: TestTenant;
let ctxA: AuthContext;
let ctxB: AuthContext;
const inCluster: Record<0 | 1, string[]> = { 0: [], 1: [] };
const otherTenant: string[] = [];

async function cluster(t: TestTenant, customerId: string, n: number) {
  await withTenant(t.owner, (tx) => plantCluster(tx, t.tenantId, customerId, n));
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("ClusterA"), createTenant("ClusterB")]);
  [ctxA, ctxB] = [(await loadAuthContext(a.owner))!, (await loadAuthContext(b.owner))!];
  for (let i = 0; i < 12; i++) {
    const k = (i % 3 === 0 ? 1 : 0) as 0 | 1;
    const id = (await createCustomer(a, { name: `c${String(i).padStart(2, "0")}`, createdAt: new Date(Date.UTC(2025, 0, 1 + i)) })).id;
    await cluster(a, id, k);
    inCluster[k].push(id);
  }
  // A soft-deleted member of cluster 1 and a customer never clustered: neither is listed.
  await cluster(a, (await createCustomer(a, { name: "gone", deletedAt: new Date() })).id, 1);
  await createCustomer(a, { name: "unclustered" });
  for (let i = 0; i < 3; i++) {
    const id = (await createCustomer(b, { name: `b${i}` })).id;
    await cluster(b, id, 1);
    otherTenant.push(id);
  }
  await withTenant(a.owner, async (tx) => {
    await tx.clusterModel.upsert({ where: { tenantId: a.tenantId }, create: { tenantId: a.tenantId, asOf: new Date("2026-11-01T00:00:00Z"), status: "succeeded", k: 2, kMin: 2, kMax: 6, seed: 1 }, update: { k: 2, kMin: 2, kMax: 6, seed: 1 } }); // plantCluster made it
    await tx.clusterProfile.createMany({ data: [
      { tenantId: a.tenantId, cluster: 0, size: 8, share: 0.67, nameEn: "Regulars", nameZh: "常客" },
      { tenantId: a.tenantId, cluster: 1, size: 4, share: 0.33, nameEn: "Big spenders", nameZh: "高消费" },
    ] });
  });
});

const sorted = (xs: string[]) => [...xs].sort();

/** Every row of the filtered list, walking next pages and then back with previous pages. */
async function walk(ctx: AuthContext, params: Record<string, string>, options: ListOptions) {
  const forward: string[] = [];
  const pages: string[][] = [];
  let page = await listCustomers(ctx, parseListRequest(params).request, options);
  for (;;) {
    pages.push(page.rows.map((r) => r.id));
    forward.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) break;
    page = await listCustomers(ctx, parseListRequest({ ...params, after: page.nextCursor }).request, options);
  }
  const backward: string[][] = [pages[pages.length - 1]!];
  while (page.prevCursor) {
    page = await listCustomers(ctx, parseListRequest({ ...params, before: page.prevCursor }).request, options);
    backward.unshift(page.rows.map((r) => r.id));
  }
  return { forward, pages, backward, count: page.count };
}

describe("cluster filter", () => {
  it("returns exactly one cluster's live customers", async () => {
    for (const k of [0, 1] as const) {
      const page = await listCustomers(ctxA, parseListRequest({ cluster: String(k) }).request);
      expect(sorted(page.rows.map((r) => r.id))).toEqual(sorted(inCluster[k]));
      expect(page.count).toEqual({ exact: true, value: inCluster[k].length });
    }
    expect(inCluster[1]).toHaveLength(4);
    expect((await listCustomers(ctxA, parseListRequest({ cluster: "7" }).request)).rows).toEqual([]);
  });

  it.each([
    ["under the count cap", { pageSize: 3 }],
    ["over the count cap", { pageSize: 3, countCap: 2 }],
  ] as [string, ListOptions][])("keeps keyset pages whole and in order, both ways, %s", async (_, options) => {
    for (const sort of ["created_desc", "name_asc"]) {
      const { forward, pages, backward } = await walk(ctxA, { cluster: "0", sort }, options);
      expect(sorted(forward)).toEqual(sorted(inCluster[0]));
      expect(new Set(forward).size).toBe(forward.length);
      expect(pages.length).toBe(3);
      expect(backward).toEqual(pages);
    }
  });

  it("never shows another tenant's customers in the same cluster number", async () => {
    const a1 = (await listCustomers(ctxA, parseListRequest({ cluster: "1" }).request)).rows.map((r) => r.id);
    expect(a1.filter((id) => otherTenant.includes(id))).toEqual([]);
    const b1 = (await listCustomers(ctxB, parseListRequest({ cluster: "1" }).request)).rows.map((r) => r.id);
    expect(sorted(b1)).toEqual(sorted(otherTenant));
  });

  it("accepts only a cluster number, keeps cluster 0 in links, and offers the model's clusters by name", async () => {
    for (const bad of ["x", "-1", "01", "1.5", "1000", "1; DROP TABLE customers"]) {
      expect(parseListRequest({ cluster: bad }).invalid, bad).toEqual(["cluster"]);
    }
    const { request } = parseListRequest({ cluster: "0", churnRisk: "high" });
    expect(request.filters).toEqual({ cluster: "0", churnRisk: "high" });
    expect(listHref(request.filters, request.sort)).toBe("/customers?churnRisk=high&cluster=0");
    expect((await customerFilterOptions(ctxA)).clusters).toEqual([{ cluster: 0, name: "Regulars" }, { cluster: 1, name: "Big spenders" }]);
    expect((await customerFilterOptions(ctxB)).clusters).toEqual([]);
  });
});
