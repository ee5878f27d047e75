// Every dashboard figure follows the viewer's dashboard:read scope: a store manager
// (department scope, placed in a store's department) counts only that store, a
// region manager (department tree) the region's stores, the owner everything; a
// store filter never widens a scope; another tenant sees none of it; a new tenant
// gets "not computed" markers, then empty figures — never made-up numbers.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { refreshRollups } from "@/lib/rollups/refresh";
import { salesDashboard } from "@/lib/dashboard/sales";
import { productsDashboard } from "@/lib/dashboard/products";
import { customersDashboard } from "@/lib/dashboard/customers";
import { overviewDashboard } from "@/lib/dashboard/overview";
import { NO_STORE } from "@/lib/rollups/dimensions";
import { addDepartment, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants, createCustomer } from "@/tests/factories/customers";

const DAY = "2026-06-15";
const RANGE = { from: "2026-06-01", to: "2026-06-30" };

let a: TestTenant;
let b: TestTenant;
const stores: Record<string, string> = {};
const viewers: Record<string, AuthContext> = {};

async function ctxOf(who: { tenantId: string; userId: string }): Promise<AuthContext> {
  const ctx = await loadAuthContext(who);
  if (!ctx) throw new Error("no context");
  return ctx;
}

/** One paid order of `amount` at the store for a new customer of that store's department. */
async function sale(t: TestTenant, storeId: string | null, departmentId: string | null, amount: number, province: string, city: string) {
  const customer = await createCustomer(t, { name: `c-${amount}`, province, city, departmentId });
  await withTenant(t.owner, async (tx) => {
    const product = await tx.product.create({ data: { tenantId: t.tenantId, sku: `P-${randomUUID().slice(0, 8)}`, name: `商品${amount}`, category: "手机", brand: "华为" } });
    const order = await tx.order.create({
      data: {
        tenantId: t.tenantId, orderNo: `S-${randomUUID().slice(0, 10)}`, customerId: customer.id, channel: storeId ? "store" : "tmall", storeId,
        status: "paid", orderedAt: new Date(`${DAY}T12:00:00+08:00`), paidAt: new Date(`${DAY}T12:00:00+08:00`), amount: amount.toFixed(2), paidAmount: amount.toFixed(2),
      },
    });
    await tx.orderItem.create({ data: { tenantId: t.tenantId, orderId: order.id, productId: product.id, quantity: 1, unitPrice: amount.toFixed(2), amount: amount.toFixed(2) } });
  });
}

async function refresh(t: TestTenant) {
  await withTenant(t.owner, (tx) => refreshRollups(tx, t.tenantId), { timeoutMs: 60_000 });
}

beforeAll(async () => {
  a = await createTenant("Dash A");
  const south = await addDepartment(a, "华南大区", null, "region");
  const gzDept = await addDepartment(a, "广州店", south.id, "store");
  const szDept = await addDepartment(a, "深圳店", south.id, "store");
  const north = await addDepartment(a, "华北大区", null, "region");
  const bjDept = await addDepartment(a, "北京店", north.id, "store");
  await withTenant(a.owner, async (tx) => {
    const mk = async (code: string, departmentId: string, province: string, city: string) =>
      (await tx.store.create({ data: { tenantId: a.tenantId, code, name: `${city}店`, kind: "store", departmentId, province, city } })).id;
    stores.gz = await mk("GZ", gzDept.id, "广东省", "广州市");
    stores.sz = await mk("SZ", szDept.id, "广东省", "深圳市");
    stores.bj = await mk("BJ", bjDept.id, "北京市", "北京市");
  });
  await sale(a, stores.gz!, gzDept.id, 100, "广东省", "广州市");
  await sale(a, stores.sz!, szDept.id, 200, "广东省", "深圳市");
  await sale(a, stores.bj!, bjDept.id, 400, "北京市", "北京市");
  await sale(a, null, null, 800, "浙江省", "杭州市"); // no store: only "all" counts it
  await refresh(a);

  viewers.owner = await ctxOf(a.owner);
  viewers.gzManager = await ctxOf(await addMemberWithGrants(a, [["dashboard:read", "department"]], { departmentId: gzDept.id }));
  viewers.southManager = await ctxOf(await addMemberWithGrants(a, [["dashboard:read", "department_tree"]], { departmentId: south.id }));
  viewers.ownOnly = await ctxOf(await addMemberWithGrants(a, [["dashboard:read", "own"]], { departmentId: gzDept.id }));

  b = await createTenant("Dash B");
  await sale(b, null, null, 99_999, "广东省", "广州市");
  await refresh(b);
  viewers.otherTenant = await ctxOf(b.owner);
});

const revenueOf = async (who: string, params: Record<string, string> = {}) =>
  (await salesDashboard(viewers[who]!, { ...RANGE, ...params })).data!.totals.current.revenue;

describe("dashboards follow the viewer's data scope", () => {
  it("sales: the owner counts everything, a store manager their store, a region manager the region's stores", async () => {
    expect(await revenueOf("owner")).toBe(1500);
    expect(await revenueOf("gzManager")).toBe(100);
    expect(await revenueOf("southManager")).toBe(300);
    expect(await revenueOf("ownOnly")).toBe(0); // "own" names no department: no store figures
    expect(await revenueOf("otherTenant")).toBe(99_999);
  });

  it("sales breakdowns list only the stores and regions in scope", async () => {
    const gz = (await salesDashboard(viewers.gzManager!, RANGE)).data!;
    expect(gz.byStore.map((r) => r.key)).toEqual([stores.gz]);
    expect(gz.byRegion.rows.map((r) => [r.key, r.revenue])).toEqual([["广东", 100]]);
    const south = (await salesDashboard(viewers.southManager!, RANGE)).data!;
    expect(south.byStore.map((r) => r.key).sort()).toEqual([stores.gz, stores.sz].sort());
    const owner = (await salesDashboard(viewers.owner!, RANGE)).data!;
    expect(owner.byStore.map((r) => r.key)).toContain(NO_STORE);
    expect(owner.byRegion.rows.map((r) => r.key).sort()).toEqual(["北京", "广东", "浙江"].sort());
    expect(owner.byStore.map((r) => r.key)).not.toContain(undefined);
  });

  it("a store filter narrows the scope and never widens it", async () => {
    expect(await revenueOf("owner", { storeId: stores.bj! })).toBe(400);
    expect(await revenueOf("gzManager", { storeId: stores.bj! })).toBe(0);
    expect(await revenueOf("southManager", { storeId: stores.sz! })).toBe(200);
    expect(await revenueOf("otherTenant", { storeId: stores.gz! })).toBe(0);
  });

  it("the province filter and the drill into cities stay within scope", async () => {
    const south = (await salesDashboard(viewers.southManager!, { ...RANGE, province: "广东省" })).data!;
    expect(south.totals.current.revenue).toBe(300);
    expect(south.byRegion).toEqual({ level: "city", rows: expect.arrayContaining([expect.objectContaining({ key: "广州市", revenue: 100 }), expect.objectContaining({ key: "深圳市", revenue: 200 })]) });
    expect((await salesDashboard(viewers.gzManager!, { ...RANGE, province: "北京" })).data!.totals.current.revenue).toBe(0);
  });

  it("products: the same stores", async () => {
    const rev = async (who: string) => (await productsDashboard(viewers[who]!, RANGE)).data!.totals.current.revenue;
    expect(await rev("owner")).toBe(1500);
    expect(await rev("gzManager")).toBe(100);
    expect(await rev("southManager")).toBe(300);
    // A range of whole months plus ragged ends (monthly rows + daily ones) and a range inside a month (daily only).
    expect((await productsDashboard(viewers.southManager!, { from: "2026-05-20", to: "2026-07-10" })).data!.totals.current.revenue).toBe(300);
    expect((await productsDashboard(viewers.southManager!, { from: "2026-06-10", to: "2026-06-20" })).data!.totals.current.revenue).toBe(300);
    expect((await productsDashboard(viewers.southManager!, { from: "2026-06-16", to: "2026-07-31" })).data!.totals.current).toMatchObject({ revenue: 0, units: 0 });
    const gz = (await productsDashboard(viewers.gzManager!, RANGE)).data!;
    expect(gz.topProducts.map((p) => p.name)).toEqual(["商品100"]);
    expect(gz.repurchaseByCategory).toEqual([expect.objectContaining({ key: "手机", customers: 1 })]);
    const owner = (await productsDashboard(viewers.owner!, RANGE)).data!;
    expect(owner.repurchaseByCategory).toEqual([expect.objectContaining({ key: "手机", customers: 4, repeatCustomers: 0 })]);
  });

  it("customers: by the customer's department, like the customer list", async () => {
    const totals = async (who: string) => (await customersDashboard(viewers[who]!, {})).data!.totals.customers;
    expect(await totals("owner")).toBe(4);
    expect(await totals("gzManager")).toBe(1);
    expect(await totals("southManager")).toBe(2);
    expect(await totals("ownOnly")).toBe(0); // owns no customer
    expect(await totals("otherTenant")).toBe(1);
    const south = (await customersDashboard(viewers.southManager!, { province: "广东" })).data!;
    expect(south.byProvince.map((r) => r.key)).toEqual(["广东"]);
    expect(south.byCity?.map((r) => r.key).sort()).toEqual(["广州市", "深圳市"]);
  });

  it("the overview agrees with the sales dashboard", async () => {
    const o = (await overviewDashboard(viewers.southManager!, RANGE)).data!;
    expect(o.totals.current.revenue).toBe(300);
    expect(o.customers.customers).toBe(2);
    expect(o.byChannel).toEqual([expect.objectContaining({ key: "store", revenue: 300 })]);
  });
});

describe("a new tenant", () => {
  it("gets 'not computed' markers before the first refresh, then empty figures", async () => {
    const fresh = await createTenant("Dash new");
    const ctx = await ctxOf(fresh.owner);
    for (const load of [overviewDashboard, salesDashboard, productsDashboard, customersDashboard]) {
      const r = await load(ctx, {});
      expect(r.base.status).toEqual({ computed: false });
      expect(r.data).toBeNull();
    }
    await refresh(fresh);
    const sales = await salesDashboard(ctx, {});
    expect(sales.base.status).toMatchObject({ computed: true, dataFrom: null, dataTo: null });
    expect(sales.data!.totals.current).toMatchObject({ orders: 0, revenue: 0, newCustomers: 0 });
    expect(sales.data!.byStore).toEqual([]);
    const customers = await customersDashboard(ctx, {});
    expect(customers.data).toMatchObject({ totals: { customers: 0, buyers: 0, repeatBuyers: 0, repurchaseRate: null }, byProvince: [], scores: null });
    const products = await productsDashboard(ctx, {});
    expect(products.data).toMatchObject({ topProducts: [], byCategory: [], repurchaseByCategory: [] });
  });

  it("a viewer without dashboard:read is refused", async () => {
    const member = await addMemberWithGrants(a, [["customer:read", "all"]]);
    await expect(salesDashboard(await ctxOf(member), {})).rejects.toMatchObject({ code: "forbidden" });
  });
});
