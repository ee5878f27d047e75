// The rollups on a tenant made by hand, every expected figure worked out below
// from the orders themselves: two days, two stores and an online shop, a refund,
// an unpaid order, a new and a returning customer, and orders near midnight in
// Shanghai (the tenant's zone) that must land on the Shanghai day.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db/tenant";
import { refreshRollups, grainStarts } from "@/lib/rollups/refresh";
import { ALL_STORES, NOBODY } from "@/lib/rollups/dimensions";
import { createTenant, addDepartment, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer, addScore } from "@/tests/factories/customers";

let t: TestTenant;
let other: TestTenant;
const ids: Record<string, string> = {};

type Line = { product: string; qty: number; price: number };
async function order(
  tenant: TestTenant,
  customer: string,
  store: string | null,
  channel: string,
  at: string,
  o: { paid?: string; shipped?: string; received?: string; reviewed?: string; refunded?: string; lines: Line[] },
) {
  return withTenant(tenant.owner, async (tx) => {
    const amount = o.lines.reduce((s, l) => s + l.qty * l.price, 0);
    const row = await tx.order.create({
      data: {
        tenantId: tenant.tenantId, orderNo: `R-${randomUUID().slice(0, 10)}`, customerId: customer, channel, storeId: store,
        status: o.refunded ? "refunded" : o.paid ? "paid" : "created", orderedAt: new Date(at),
        paidAt: o.paid ? new Date(o.paid) : null, shippedAt: o.shipped ? new Date(o.shipped) : null,
        receivedAt: o.received ? new Date(o.received) : null, reviewedAt: o.reviewed ? new Date(o.reviewed) : null,
        refundedAt: o.refunded ? new Date(o.refunded) : null, amount: amount.toFixed(2), paidAmount: o.paid ? amount.toFixed(2) : "0",
      },
    });
    for (const l of o.lines) {
      await tx.orderItem.create({
        data: { tenantId: tenant.tenantId, orderId: row.id, productId: l.product, quantity: l.qty, unitPrice: l.price.toFixed(2), amount: (l.qty * l.price).toFixed(2) },
      });
    }
    return row;
  });
}

async function refresh(tenant: TestTenant, opts: { fromDay?: string } = {}) {
  return withTenant(tenant.owner, (tx) => refreshRollups(tx, tenant.tenantId, opts), { timeoutMs: 60_000 });
}

async function read<T = Record<string, unknown>>(tenant: TestTenant, sql: string): Promise<T[]> {
  return withTenant(tenant.owner, (tx) => tx.$queryRawUnsafe<T[]>(sql));
}

const D0 = "2026-03-01";
const D1 = "2026-03-10";
const D2 = "2026-03-11";

beforeAll(async () => {
  t = await createTenant("Rollups");
  const south = await addDepartment(t, "华南", null, "region");
  const deptA = await addDepartment(t, "深圳店", south.id, "store");
  const deptB = await addDepartment(t, "上海店", null, "store");
  Object.assign(ids, { south: south.id, deptA: deptA.id, deptB: deptB.id });
  await withTenant(t.owner, async (tx) => {
    const mk = (code: string, kind: string, departmentId: string | null, province: string | null, city: string | null) =>
      tx.store.create({ data: { tenantId: t.tenantId, code, name: code, kind, departmentId, province, city } });
    ids.storeA = (await mk("A", "store", deptA.id, "广东省", "深圳市")).id;
    ids.storeB = (await mk("B", "store", deptB.id, "上海市", "上海市")).id;
    ids.shop = (await mk("T", "online", null, "浙江省", "杭州市")).id; // the shop's own address never counts
    const p = (sku: string, category: string | null, brand: string | null) =>
      tx.product.create({ data: { tenantId: t.tenantId, sku, name: sku, category, brand } });
    ids.phone = (await p("PHONE", "手机", "华为")).id;
    ids.case = (await p("CASE", "配件", "星辰")).id;
    ids.misc = (await p("MISC", null, null)).id;
  });
  const c = async (name: string, province: string | null, city: string | null, departmentId: string | null) =>
    (await createCustomer(t, { name, province, city, departmentId })).id;
  ids.c1 = await c("新客 c1", "广东省", "深圳市", deptA.id);
  ids.c2 = await c("老客 c2", "上海", "上海市", deptB.id);
  ids.c3 = await c("未付 c3", "广东", "广州市", deptA.id);
  ids.c4 = await c("网购 c4", "新疆维吾尔自治区", "乌鲁木齐市", null);
  ids.c5 = await c("没下单 c5", "广东省", "深圳市", deptA.id);

  // c2's first purchase, before the two days: c2 is a returning customer on D1.
  await order(t, ids.c2, ids.storeB, "store", `${D0}T12:00:00+08:00`, { paid: `${D0}T12:00:00+08:00`, lines: [{ product: ids.case, qty: 1, price: 80 }] });
  // D1 — c1's first purchase (new), with the whole life cycle: paid after 5 min, shipped 2 h later, received a day later, reviewed.
  await order(t, ids.c1, ids.storeA, "store", `${D1}T10:00:00+08:00`, {
    paid: `${D1}T10:05:00+08:00`, shipped: `${D1}T12:05:00+08:00`, received: `${D2}T12:05:00+08:00`, reviewed: `${D2}T13:00:00+08:00`,
    lines: [{ product: ids.phone, qty: 1, price: 100 }],
  });
  // D1 — c2 returns at store B (paid 1 h later).
  await order(t, ids.c2, ids.storeB, "store", `${D1}T09:00:00+08:00`, {
    paid: `${D1}T10:00:00+08:00`, lines: [{ product: ids.phone, qty: 1, price: 150 }, { product: ids.case, qty: 2, price: 25 }],
  });
  // D1 — c3 never pays.
  await order(t, ids.c3, ids.storeA, "store", `${D1}T15:00:00+08:00`, { lines: [{ product: ids.case, qty: 1, price: 70 }] });
  // D2 at 00:30 Shanghai (still D1 in UTC) — c4's first purchase, online: the customer's region counts.
  await order(t, ids.c4, ids.shop, "tmall", `${D2}T00:30:00+08:00`, { paid: `${D2}T00:31:00+08:00`, lines: [{ product: ids.misc, qty: 3, price: 10 }] });
  // D2 at 23:30 Shanghai — c1 again (returning): D2, not D3.
  await order(t, ids.c1, ids.storeA, "store", `${D2}T23:30:00+08:00`, { paid: `${D2}T23:40:00+08:00`, lines: [{ product: ids.case, qty: 2, price: 25 }] });
  // D2 — c2 buys and gets a refund: a paid order, a refund, not a purchase.
  await order(t, ids.c2, ids.storeB, "store", `${D2}T11:00:00+08:00`, {
    paid: `${D2}T11:00:00+08:00`, refunded: `${D2}T18:00:00+08:00`, lines: [{ product: ids.phone, qty: 1, price: 300 }],
  });

  other = await createTenant("Rollups other");
  const stranger = await createCustomer(other, { name: "别家客户", province: "广东省", city: "深圳市" });
  const otherProduct = await withTenant(other.owner, (tx) => tx.product.create({ data: { tenantId: other.tenantId, sku: "X", name: "X", category: "手机" } }));
  await order(other, stranger.id, null, "store", `${D1}T10:00:00+08:00`, { paid: `${D1}T10:00:00+08:00`, lines: [{ product: otherProduct.id, qty: 9, price: 999 }] });
});


describe("rollup refresh on a hand-made tenant", () => {
  it("sales by day, store, channel and region equal the hand sums", async () => {
    await refresh(t);
    const rows = await read(t, `SELECT day::text, store_id::text, channel, province, city, orders, paid_orders, purchases, revenue::float8 AS revenue,
      refunded_orders, refund_amount::float8 AS refund_amount, new_purchases, new_revenue::float8 AS new_revenue, received_orders, reviewed_orders,
      pay_seconds::int AS pay_seconds, pay_count, ship_seconds::int AS ship_seconds, ship_count, receive_seconds::int AS receive_seconds, receive_count
      FROM rollup_sales_daily ORDER BY day, channel, store_id`);
    const key = (r: Record<string, unknown>) => `${r.day} ${r.store_id === ids.storeA ? "A" : r.store_id === ids.storeB ? "B" : "T"} ${r.channel} ${r.province}/${r.city}`;
    const byKey = Object.fromEntries(rows.map((r) => [key(r), r]));
    expect(Object.keys(byKey).sort()).toEqual([
      `${D0} B store 上海/上海市`,
      `${D1} A store 广东/深圳市`,
      `${D1} B store 上海/上海市`,
      `${D2} A store 广东/深圳市`,
      `${D2} B store 上海/上海市`,
      `${D2} T tmall 新疆/乌鲁木齐市`,
    ].sort());
    // D1 store A: c1's new purchase (100) and c3's unpaid order.
    expect(byKey[`${D1} A store 广东/深圳市`]).toMatchObject({
      orders: 2, paid_orders: 1, purchases: 1, revenue: 100, refunded_orders: 0, new_purchases: 1, new_revenue: 100,
      received_orders: 1, reviewed_orders: 1, pay_seconds: 300, pay_count: 1, ship_seconds: 7200, ship_count: 1, receive_seconds: 86400, receive_count: 1,
    });
    // D1 store B: c2 returning, 150 + 2 × 25, paid after an hour.
    expect(byKey[`${D1} B store 上海/上海市`]).toMatchObject({ orders: 1, paid_orders: 1, purchases: 1, revenue: 200, new_purchases: 0, new_revenue: 0, pay_seconds: 3600, pay_count: 1, ship_count: 0 });
    // D2 store A: c1's 23:30 order, returning.
    expect(byKey[`${D2} A store 广东/深圳市`]).toMatchObject({ orders: 1, purchases: 1, revenue: 50, new_purchases: 0, pay_seconds: 600 });
    // D2 store B: the refunded order — paid, refunded, no revenue.
    expect(byKey[`${D2} B store 上海/上海市`]).toMatchObject({ orders: 1, paid_orders: 1, purchases: 0, revenue: 0, refunded_orders: 1, refund_amount: 300 });
    // D2 online: the 00:30 order on the Shanghai day, in the customer's region, new.
    expect(byKey[`${D2} T tmall 新疆/乌鲁木齐市`]).toMatchObject({ orders: 1, purchases: 1, revenue: 30, new_purchases: 1, new_revenue: 30 });

    const store = await read(t, `SELECT day::text, sum(orders)::int AS orders, sum(revenue)::float8 AS revenue FROM rollup_sales_store_daily GROUP BY day ORDER BY day`);
    expect(store).toEqual([{ day: D0, orders: 1, revenue: 80 }, { day: D1, orders: 3, revenue: 300 }, { day: D2, orders: 3, revenue: 80 }]);
  });

  it("distinct customers per day, week and month, new ones in their first-purchase period", async () => {
    const rows = await read<{ grain: string; period: string; customers: number; new_customers: number }>(t, `
      SELECT grain, period::text, sum(customers)::int AS customers, sum(new_customers)::int AS new_customers
      FROM rollup_sales_customers GROUP BY grain, period ORDER BY grain, period`);
    expect(rows).toEqual([
      { grain: "day", period: D0, customers: 1, new_customers: 1 }, // c2's first purchase
      { grain: "day", period: D1, customers: 2, new_customers: 1 }, // c1 (new), c2
      { grain: "day", period: D2, customers: 2, new_customers: 1 }, // c4 (new), c1 — c2's refunded order is no purchase
      { grain: "month", period: "2026-03-01", customers: 3, new_customers: 3 }, // c1, c2, c4 once each
      { grain: "week", period: "2026-02-23", customers: 1, new_customers: 1 }, // Mon 23 Feb – Sun 1 Mar
      { grain: "week", period: "2026-03-09", customers: 3, new_customers: 2 }, // c1, c2, c4; c2 was new the week before
    ]);
  });

  it("products, categories and brands count purchases only", async () => {
    const products = await read(t, `SELECT product_id::text AS product, sum(units)::int AS units, sum(revenue)::float8 AS revenue, sum(order_lines)::int AS lines
      FROM rollup_product_daily GROUP BY product_id ORDER BY 1`);
    const byProduct = Object.fromEntries(products.map((p) => [p.product, p]));
    expect(byProduct[ids.phone]).toMatchObject({ units: 2, revenue: 250, lines: 2 }); // 100 (c1) + 150 (c2); the refunded 300 is out
    expect(byProduct[ids.case]).toMatchObject({ units: 5, revenue: 180, lines: 3 }); // 80 (D0) + 50 (c2 D1) + 50 (c1 D2); c3 unpaid is out
    expect(byProduct[ids.misc]).toMatchObject({ units: 3, revenue: 30, lines: 1 });
    const categories = await read(t, `SELECT category, brand, sum(units)::int AS units, sum(revenue)::float8 AS revenue FROM rollup_category_daily GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(categories).toEqual([
      { category: "", brand: "", units: 3, revenue: 30 },
      { category: "手机", brand: "华为", units: 2, revenue: 250 },
      { category: "配件", brand: "星辰", units: 5, revenue: 180 },
    ]);
  });

  it("monthly product and category rows sum the daily ones", async () => {
    const daily = await read(t, `SELECT date_trunc('month', day)::date::text AS month, category, sum(units)::int AS units, sum(revenue)::float8 AS revenue FROM rollup_category_daily GROUP BY 1, 2 ORDER BY 1, 2`);
    const monthly = await read(t, `SELECT month::text, category, sum(units)::int AS units, sum(revenue)::float8 AS revenue FROM rollup_category_monthly GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(monthly).toEqual(daily);
    expect(monthly.map((r) => r.month)).toEqual(["2026-03-01", "2026-03-01", "2026-03-01"]);
    const [p] = await read(t, `SELECT sum(units)::int AS units, sum(revenue)::float8 AS revenue FROM rollup_product_monthly`);
    expect(p).toEqual({ units: 10, revenue: 460 });
  });

  it("repurchase by category: per store and tenant-wide", async () => {
    const rows = await read(t, `SELECT subject, store_id::text AS store, customers, repeat_customers FROM rollup_repurchase WHERE kind = 'category' ORDER BY subject, store_id`);
    const find = (subject: string, store: string) => rows.find((r) => r.subject === subject && r.store === store);
    // 配件: c2 bought it twice at B (D0, D1), c1 once at A (D2) → 2 customers, 1 repeat.
    expect(find("配件", ALL_STORES)).toMatchObject({ customers: 2, repeat_customers: 1 });
    expect(find("配件", ids.storeB)).toMatchObject({ customers: 1, repeat_customers: 1 });
    expect(find("配件", ids.storeA)).toMatchObject({ customers: 1, repeat_customers: 0 });
    // 手机: c1 (A, D1) and c2 (B, D1) once each.
    expect(find("手机", ALL_STORES)).toMatchObject({ customers: 2, repeat_customers: 0 });
  });

  it("customer regions count live customers with their buyers and repeat buyers, provinces in the map's short form", async () => {
    const rows = await read(t, `SELECT province, city, department_id::text AS dept, sum(customers)::int AS customers, sum(buyers)::int AS buyers, sum(repeat_buyers)::int AS repeat
      FROM rollup_customer_regions GROUP BY 1, 2, 3 ORDER BY 1, 2`);
    expect(rows).toEqual([
      { province: "上海", city: "上海市", dept: ids.deptB, customers: 1, buyers: 1, repeat: 1 }, // c2: D0 + D1 (the refund does not count)
      { province: "广东", city: "广州市", dept: ids.deptA, customers: 1, buyers: 0, repeat: 0 }, // c3 never paid
      { province: "广东", city: "深圳市", dept: ids.deptA, customers: 2, buyers: 1, repeat: 1 }, // c1 twice, c5 never ordered
      { province: "新疆", city: "乌鲁木齐市", dept: NOBODY, customers: 1, buyers: 1, repeat: 0 },
    ]);
  });

  it("records when and in which zone; no scores means no score rows", async () => {
    const [state] = await read(t, `SELECT refreshed_from, data_from::text, data_to::text, time_zone FROM rollup_state`);
    expect(state).toEqual({ refreshed_from: null, data_from: D0, data_to: D2, time_zone: "Asia/Shanghai" });
    expect(await read(t, `SELECT * FROM rollup_customer_scores`)).toEqual([]);
  });

  it("is idempotent: a second full refresh and a partial one give the same rows", async () => {
    const snapshot = async () => ({
      sales: await read(t, `SELECT * FROM rollup_sales_daily ORDER BY day, store_id, channel, province, city`),
      store: await read(t, `SELECT * FROM rollup_sales_store_daily ORDER BY day, store_id, channel`),
      customers: await read(t, `SELECT * FROM rollup_sales_customers ORDER BY grain, period, store_id, channel, province`),
      products: await read(t, `SELECT * FROM rollup_product_daily ORDER BY day, store_id, channel, product_id`),
      categories: await read(t, `SELECT * FROM rollup_category_daily ORDER BY day, store_id, channel, category, brand`),
      productMonths: await read(t, `SELECT * FROM rollup_product_monthly ORDER BY month, store_id, channel, product_id`),
      categoryMonths: await read(t, `SELECT * FROM rollup_category_monthly ORDER BY month, store_id, channel, category, brand`),
      repurchase: await read(t, `SELECT * FROM rollup_repurchase ORDER BY kind, subject, store_id`),
      regions: await read(t, `SELECT * FROM rollup_customer_regions ORDER BY province, city, department_id, owner_user_id`),
    });
    const before = await snapshot();
    await refresh(t);
    expect(await snapshot()).toEqual(before);
    const partial = await refresh(t, { fromDay: D2 });
    expect(partial).toMatchObject({ full: false, fromDay: D2 });
    expect(await snapshot()).toEqual(before);
  });

  it("a partial refresh picks up a late change in its range and leaves earlier days alone", async () => {
    await order(t, ids.c5, ids.storeA, "store", `${D2}T20:00:00+08:00`, { paid: `${D2}T20:00:00+08:00`, lines: [{ product: ids.case, qty: 1, price: 40 }] });
    await refresh(t, { fromDay: D2 });
    const [d2] = await read(t, `SELECT sum(revenue)::float8 AS revenue, sum(new_purchases)::int AS new FROM rollup_sales_store_daily WHERE day = '${D2}'`);
    expect(d2).toEqual({ revenue: 120, new: 2 }); // 30 + 50 + 40; c4 and c5 new
    const [d1] = await read(t, `SELECT sum(revenue)::float8 AS revenue FROM rollup_sales_store_daily WHERE day = '${D1}'`);
    expect(d1).toEqual({ revenue: 300 });
  });

  it("the hourly recent-days refresh leaves the whole-history repurchase rows to the full one", async () => {
    const before = await read(t, `SELECT kind, subject, store_id::text, customers, repeat_customers FROM rollup_repurchase ORDER BY 1, 2, 3`);
    await withTenant(t.owner, (tx) => tx.$executeRaw`UPDATE rollup_repurchase SET customers = 999`);
    const result = await withTenant(t.owner, (tx) => refreshRollups(tx, t.tenantId, { recentDays: 3 }));
    expect(result.full).toBe(false);
    expect(result.rows.rollup_repurchase).toBeUndefined();
    expect(await read(t, `SELECT DISTINCT customers FROM rollup_repurchase`)).toEqual([{ customers: 999 }]);
    await withTenant(t.owner, (tx) => refreshRollups(tx, t.tenantId, { steps: ["repurchase"] }));
    expect(await read(t, `SELECT kind, subject, store_id::text, customers, repeat_customers FROM rollup_repurchase ORDER BY 1, 2, 3`)).toEqual(before);
  });

  const scoringRun = (asOf: string, status: string) =>
    withTenant(t.owner, (tx) => tx.scoringRun.create({ data: { tenantId: t.tenantId, asOf: new Date(`${asOf}T00:00:00Z`), status } }));
  const scoreRows = () => read(t, `SELECT kind, bucket, as_of::text, sum(customers)::int AS n FROM rollup_customer_scores GROUP BY 1, 2, 3 ORDER BY 1, 2`);
  const newestScores = [
    { kind: "churn_risk", bucket: "low", as_of: "2026-03-12", n: 1 },
    { kind: "churn_risk", bucket: "medium", as_of: "2026-03-12", n: 1 },
    { kind: "f_score", bucket: "3", as_of: "2026-03-12", n: 2 },
    { kind: "m_score", bucket: "4", as_of: "2026-03-12", n: 2 },
    { kind: "r_score", bucket: "5", as_of: "2026-03-12", n: 2 },
    { kind: "rfm_segment", bucket: "champions", as_of: "2026-03-12", n: 2 },
  ];

  it("counts scores of the newest successful run in segment, churn and CLV buckets", async () => {
    await addScore(t, ids.c1, { asOf: new Date("2026-03-01T00:00:00Z"), rfmSegment: "lost", churnRisk: "high", pAlive: 0.1 });
    await addScore(t, ids.c1, { asOf: new Date("2026-03-12T00:00:00Z"), rfmSegment: "champions", churnRisk: "low", pAlive: 0.9 });
    await addScore(t, ids.c2, { asOf: new Date("2026-03-12T00:00:00Z"), rfmSegment: "champions", churnRisk: "medium", pAlive: 0.6 });
    // Score rows without a successful run behind them are not counted.
    await refresh(t);
    expect(await scoreRows()).toEqual([]);
    await scoringRun("2026-03-01", "succeeded");
    await scoringRun("2026-03-12", "succeeded");
    await refresh(t);
    expect(await scoreRows()).toEqual(newestScores);
    // Every bucket carries the customer's segment, for the dashboards' segment filter.
    const bySegment = await read(t, `SELECT DISTINCT segment FROM rollup_customer_scores`);
    expect(bySegment).toEqual([{ segment: "champions" }]);
  });

  it("ignores a later failed run's score rows: the buckets stay those of the newest successful run", async () => {
    // D2 = 2026-03-20 failed after writing rows that say the opposite.
    await scoringRun("2026-03-20", "failed");
    await addScore(t, ids.c1, { asOf: new Date("2026-03-20T00:00:00Z"), rfmSegment: "lost", churnRisk: "high", pAlive: 0.1 });
    await addScore(t, ids.c2, { asOf: new Date("2026-03-20T00:00:00Z"), rfmSegment: "lost", churnRisk: "high", pAlive: 0.1 });
    await refresh(t);
    expect(await scoreRows()).toEqual(newestScores);
  });

  it("never reads or writes another tenant's rows", async () => {
    await refresh(other);
    const mine = await read(t, `SELECT count(*)::int AS n FROM rollup_sales_daily WHERE revenue > 8000`);
    expect(mine).toEqual([{ n: 0 }]);
    const theirs = await read(other, `SELECT sum(revenue)::float8 AS revenue, count(DISTINCT tenant_id)::int AS tenants FROM rollup_sales_daily`);
    expect(theirs).toEqual([{ revenue: 8991, tenants: 1 }]);
  });
});

describe("grainStarts", () => {
  it("gives each grain's period start and the earliest of them", () => {
    expect(grainStarts("2026-03-11")).toEqual({ day: "2026-03-11", week: "2026-03-09", month: "2026-03-01", earliest: "2026-03-01" });
    expect(grainStarts("2026-04-01")).toEqual({ day: "2026-04-01", week: "2026-03-30", month: "2026-04-01", earliest: "2026-03-30" });
    expect(grainStarts("2026-03-01")).toEqual({ day: "2026-03-01", week: "2026-02-23", month: "2026-03-01", earliest: "2026-02-23" });
  });
});
