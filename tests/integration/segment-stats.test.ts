// Statistics per segment on a hand-made tenant, answers worked out by hand:
//   c1 100 (plus a refunded 999 and a cancelled 500 that do not count), c2 200, c3 300
//   in region A; c4 400 + 600 on two days in region B.
// Total paid over everyone: 100, 200, 300, 1000 → mean 400, median 250,
// sd √(500000/3), type-7 quantiles 5% 115, 25% 175, 75% 475, 95% 895.
// Region A only: 100, 200, 300 → mean 200, sd 100, 5% 110, 25% 150, 75% 250, 95% 290.
// Paid per order: 100, 200, 300, 400, 600 → mean 320, median 300, sd √37000.
// Four customers are too few for the BG/NBD, so predicted CLV is empty for all of
// them: counted as missing, never as 0.
import { beforeAll, describe, expect, it } from "vitest";
import { scoreAsOf } from "@/lib/analytics/scoring/run";
import { segmentStats } from "@/lib/analytics/insights/segment-stats";
import { withTenant } from "@/lib/db/tenant";
import { createCustomer } from "@/tests/factories/customers";
import { addProduct, addStoreOrder } from "@/tests/factories/products";
import { addDepartment, createTenant, type TestTenant } from "@/tests/factories/tenants";

const AS_OF = "2026-05-31";
let a: TestTenant;
let b: TestTenant;
let deptA: string;
const regionA = () => ({ all: false as const, userIds: [], departmentIds: [deptA] });

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("StatsA"), createTenant("StatsB")]);
  deptA = (await addDepartment(a, "Region A", null, "region")).id;
  const deptB = (await addDepartment(a, "Region B", null, "region")).id;
  const product = (await addProduct(a, { name: "Phone" })).id;
  const order = async (customerId: string, amount: string, day: string, status = "received", refundedAt: Date | null = null) => {
    const at = new Date(`${day}T04:00:00Z`);
    return addStoreOrder(a, customerId, { status, orderedAt: at, paidAt: at, refundedAt, items: [{ productId: product, quantity: 1, unitPrice: amount }] });
  };
  const c1 = await createCustomer(a, { name: "c1", departmentId: deptA });
  const c2 = await createCustomer(a, { name: "c2", departmentId: deptA });
  const c3 = await createCustomer(a, { name: "c3", departmentId: deptA });
  const c4 = await createCustomer(a, { name: "c4", departmentId: deptB });
  await order(c1.id, "100.00", "2026-05-01");
  await order(c1.id, "999.00", "2026-05-02", "refunded", new Date("2026-05-03T04:00:00Z"));
  await order(c1.id, "500.00", "2026-05-04", "cancelled");
  await order(c2.id, "200.00", "2026-04-10");
  await order(c3.id, "300.00", "2026-03-10");
  await order(c4.id, "400.00", "2026-02-10");
  await order(c4.id, "600.00", "2026-05-20");
  await scoreAsOf(a.owner, AS_OF);
});

const q = (d: { quantiles: { p: number; value: number | null }[] }) => d.quantiles.map((x) => [x.p, x.value]);

describe("segmentStats", () => {
  it("describes total paid over the tenant exactly", async () => {
    const s = await withTenant(a.owner, (tx) => segmentStats(tx, { scope: { all: true }, measure: "total_paid", groupBy: "none" }));
    expect(s.asOf).toBe(AS_OF);
    expect(s.groups).toEqual([]);
    expect(s.overall).toMatchObject({ count: 4, skipped: 0, mean: 400, median: 250, min: 100, max: 1000, sum: 1600 });
    expect(s.overall.sd!).toBeCloseTo(Math.sqrt(500000 / 3), 9);
    expect(q(s.overall)).toEqual([[0.05, 115], [0.25, 175], [0.5, 250], [0.75, 475], [0.95, 895]].map(([p, v]) => [p, expect.closeTo(v!, 9)]));
  });

  it("covers only the viewer's data scope", async () => {
    const s = await withTenant(a.owner, (tx) => segmentStats(tx, { scope: regionA(), measure: "total_paid", groupBy: "none" }));
    expect(s.overall).toMatchObject({ count: 3, mean: 200, median: 200, min: 100, max: 300 });
    expect(s.overall.sd!).toBeCloseTo(100, 9);
    expect(q(s.overall)).toEqual([[0.05, 110], [0.25, 150], [0.5, 200], [0.75, 250], [0.95, 290]].map(([p, v]) => [p, expect.closeTo(v!, 9)]));
  });

  it("describes paid per order (purchases only) and orders per customer", async () => {
    const perOrder = await withTenant(a.owner, (tx) => segmentStats(tx, { scope: { all: true }, measure: "order_paid", groupBy: "none" }));
    expect(perOrder.overall).toMatchObject({ count: 5, mean: 320, median: 300, min: 100, max: 600 });
    expect(perOrder.overall.sd!).toBeCloseTo(Math.sqrt(37000), 9);
    const orders = await withTenant(a.owner, (tx) => segmentStats(tx, { scope: { all: true }, measure: "orders", groupBy: "none" }));
    expect(orders.overall).toMatchObject({ count: 4, mean: 1.25, median: 1, max: 2 });
  });

  it("groups by the stored RFM segment, each group's numbers those of its customers", async () => {
    const s = await withTenant(a.owner, (tx) => segmentStats(tx, { scope: { all: true }, measure: "total_paid", groupBy: "rfm_segment" }));
    const rows = await withTenant(a.owner, (tx) => tx.$queryRaw<{ seg: string; total: number }[]>`
      SELECT s.rfm_segment AS seg, f.total_paid::float8 AS total FROM customer_scores s
      JOIN customer_features f ON f.tenant_id = s.tenant_id AND f.as_of = s.as_of AND f.customer_id = s.customer_id
      WHERE s.as_of = ${AS_OF}::date`);
    const expected = new Map<string, number[]>();
    for (const r of rows) expected.set(r.seg, [...(expected.get(r.seg) ?? []), r.total]);
    expect(s.groups.map((g) => g.group).sort()).toEqual([...expected.keys()].sort());
    for (const g of s.groups) {
      const v = expected.get(g.group!)!;
      expect(g.count).toBe(v.length);
      expect(g.mean).toBeCloseTo(v.reduce((x, y) => x + y, 0) / v.length, 9);
    }
    expect(s.groups.reduce((n, g) => n + g.count, 0)).toBe(4);
  });

  it("counts a model number that does not exist (CLV, model not fitted) as missing, never as 0", async () => {
    const s = await withTenant(a.owner, (tx) => segmentStats(tx, { scope: { all: true }, measure: "predicted_clv", groupBy: "none" }));
    expect(s.overall).toMatchObject({ count: 0, skipped: 4, mean: null, median: null, sd: null });
  });

  it("another tenant sees nothing of A", async () => {
    const s = await withTenant(b.owner, (tx) => segmentStats(tx, { scope: { all: true }, measure: "order_paid", groupBy: "rfm_segment" }));
    expect(s).toMatchObject({ asOf: null, groups: [] });
    expect(s.overall.count).toBe(0);
  });
});
