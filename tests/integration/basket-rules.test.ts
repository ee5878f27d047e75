// Basket rules in the database on a hand-made tenant whose answer is worked out by
// hand. Purchase orders with lines (cancelled, refunded and line-less orders are not
// transactions):
//   {A,B} {A,B,C} {A,C} {B,C} {A} {D}            N = 6
// counts A 4, B 3, C 3, D 1, AB 2, AC 2, BC 2, ABC 1. Minimum support 0.3 → count ≥ 2;
// minimum confidence 0.5 → six one-to-one rules, support 1/3 each:
//   B→C, C→B: confidence 2/3, lift (2/3)/(3/6) = 4/3
//   B→A, C→A: confidence 2/3, lift (2/3)/(4/6) = 1
//   A→B, A→C: confidence 2/4, lift (1/2)/(3/6) = 1
// Bought A but not B, per customer's purchases: cust1 {A,B,C}, cust2 {A,C},
// cust3 {A,B,C}, cust4 {D} (its A,B order was cancelled): C→B and A→B have cust2.
// Then: the viewer's scope, the recompute action (permission, validation, through
// the real worker), re-runs replacing rows, and another tenant.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { runBasketRules } from "@/lib/analytics/insights/basket-run";
import { basketRules, basketRun } from "@/lib/analytics/insights/queries";
import { withTenant } from "@/lib/db/tenant";
import { queueFor } from "@/lib/jobs/queues";
import { analyticsJob } from "@/lib/jobs/definitions";
import { nightlyAnalyticsSchedulerId, removeNightlyAnalytics, scheduleNightlyAnalytics } from "@/lib/analytics/insights/enqueue";
import { createCustomer } from "@/tests/factories/customers";
import { addProduct, addStoreOrder } from "@/tests/factories/products";
import { addDepartment, addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { withTestWorker } from "@/tests/support/test-worker";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const { runAnalyticsAction } = await import("@/app/(app)/analytics/actions");

let a: TestTenant;
let b: TestTenant;
let deptA: string;
const p: Record<string, string> = {};
const nameOf = new Map<string, string>();

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

const worker = withTestWorker({ lazy: true });

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("BasketA"), createTenant("BasketB")]);
  deptA = (await addDepartment(a, "Region A", null, "region")).id;
  const deptB = (await addDepartment(a, "Region B", null, "region")).id;
  for (const name of ["A", "B", "C", "D"]) {
    p[name] = (await addProduct(a, { name: `Product ${name}`, price: "10.00" })).id;
    nameOf.set(p[name]!, name);
  }
  const [c1, c2, c3, c4] = [
    await createCustomer(a, { name: "cust1", departmentId: deptA }),
    await createCustomer(a, { name: "cust2", departmentId: deptB }),
    await createCustomer(a, { name: "cust3", departmentId: deptA }),
    await createCustomer(a, { name: "cust4", departmentId: deptA }),
  ];
  const when = new Date("2026-03-01T04:00:00Z");
  const order = (customerId: string, items: string[], status = "received", paid = true) =>
    addStoreOrder(a, customerId, { status, orderedAt: when, paidAt: paid ? when : null, items: items.map((x) => ({ productId: p[x]!, quantity: 1, unitPrice: "10.00" })) });
  await order(c1.id, ["A", "B"]);
  await order(c1.id, ["A", "B", "C"]);
  await order(c2.id, ["A", "C"]);
  await order(c3.id, ["B", "C"]);
  await order(c3.id, ["A"]);
  await order(c4.id, ["A", "B"], "cancelled");
  await order(c4.id, ["D"]);
  await order(c2.id, []);
  await order(c1.id, ["A", "B"], "refunded");
  await order(c4.id, ["A", "B"], "created", false);
  // Tenant B: two orders of its own with the same product names.
  const bx = (await addProduct(b, { name: "Product A" })).id;
  const by = (await addProduct(b, { name: "Product B" })).id;
  const bc = await createCustomer(b, { name: "b1" });
  for (let i = 0; i < 2; i++) {
    await addStoreOrder(b, bc.id, { status: "received", orderedAt: when, paidAt: when, items: [{ productId: bx, quantity: 1, unitPrice: "1.00" }, { productId: by, quantity: 1, unitPrice: "1.00" }] });
  }
});

const label = (r: { antecedent: { id: string }[]; consequent: { id: string }[] }) =>
  `${r.antecedent.map((x) => nameOf.get(x.id) ?? "?").join("")}→${r.consequent.map((x) => nameOf.get(x.id) ?? "?").join("")}`;

describe("basket rules job", () => {
  it("stores exactly the rules worked out by hand, with support, confidence and lift", async () => {
    const result = await withTenant(a.owner, (tx) => runBasketRules(tx, a.tenantId, { minSupport: 0.3, minConfidence: 0.5 }));
    expect(result).toEqual({ orders: 6, itemsets: 6, rules: 6, truncated: false });
    const list = await withTenant(a.owner, (tx) => basketRules(tx, { scope: { all: true } }));
    expect(list.total).toBe(6);
    const byLabel = new Map(list.rules.map((r) => [label(r), r]));
    const expected: Record<string, [number, number, number]> = {
      "B→C": [2 / 3, 4 / 3, 0], "C→B": [2 / 3, 4 / 3, 1], "B→A": [2 / 3, 1, 0], "C→A": [2 / 3, 1, 0], "A→B": [0.5, 1, 1], "A→C": [0.5, 1, 0],
    };
    expect([...byLabel.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [key, [confidence, lift, notB]] of Object.entries(expected)) {
      const r = byLabel.get(key)!;
      expect(r.support, key).toBeCloseTo(1 / 3, 12);
      expect(r.confidence, key).toBeCloseTo(confidence, 12);
      expect(r.lift, key).toBeCloseTo(lift, 12);
      expect(r.orders, key).toBe(2);
      expect(r.boughtANotB, key).toBe(notB);
    }
    // Ordered by lift, then confidence: the two lift-4/3 rules first, A→B and A→C last.
    expect(list.rules.slice(0, 2).map(label).sort()).toEqual(["B→C", "C→B"]);
    expect(list.rules.slice(4).map(label).sort()).toEqual(["A→B", "A→C"]);
    expect(list.rules[0]!.antecedent[0]!.name).toMatch(/^Product [BC]$/);
    expect(await withTenant(a.owner, (tx) => basketRun(tx))).toMatchObject({ orders: 6, minSupport: 0.3, minConfidence: 0.5, itemsets: 6, rules: 6 });
  });

  it("counts the customers who bought A but not B within the viewer's data scope", async () => {
    const list = await withTenant(a.owner, (tx) => basketRules(tx, { scope: { all: false, userIds: [], departmentIds: [deptA] } }));
    const counts = Object.fromEntries(list.rules.map((r) => [label(r), r.boughtANotB]));
    // cust2 is in the other region: no one left in scope has A or C without B.
    expect(counts).toEqual({ "B→C": 0, "C→B": 0, "B→A": 0, "C→A": 0, "A→B": 0, "A→C": 0 });
  });

  it("a re-run replaces the rules rather than adding to them; a higher confidence keeps fewer", async () => {
    await withTenant(a.owner, (tx) => runBasketRules(tx, a.tenantId, { minSupport: 0.3, minConfidence: 0.5 }));
    expect(await withTenant(a.owner, (tx) => tx.associationRule.count())).toBe(6);
    await withTenant(a.owner, (tx) => runBasketRules(tx, a.tenantId, { minSupport: 0.3, minConfidence: 0.6 }));
    const list = await withTenant(a.owner, (tx) => basketRules(tx, { scope: { all: true } }));
    expect(list.rules.map(label).sort()).toEqual(["B→A", "B→C", "C→A", "C→B"]);
  });

  it("recompute: refused without analytics:run, validated, and run by the worker with the chosen thresholds", async () => {
    const queue = queueFor(analyticsJob);
    await queue.obliterate({ force: true });
    const manager = await addMember(a, "manager");
    signInAs(manager);
    const refused = await runAnalyticsAction(form({ part: "basket", minSupportPct: "30", minConfidencePct: "50" }));
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });
    expect(await queue.count()).toBe(0);

    const planner = await addMember(a, "marketing_planner");
    signInAs(planner);
    const invalid = await runAnalyticsAction(form({ part: "basket", minSupportPct: "0", minConfidencePct: "50" }));
    expect(invalid).toMatchObject({ ok: false, code: "validation" });
    expect(invalid.ok ? null : invalid.fieldErrors?.minSupportPct).toBe("Minimum support must be more than 0% and at most 100%.");
    const badK = await runAnalyticsAction(form({ part: "clusters", kMin: "5", kMax: "3" }));
    expect(badK).toMatchObject({ ok: false, code: "validation" });
    expect(await queue.count()).toBe(0);

    const ok = await runAnalyticsAction(form({ part: "basket", minSupportPct: "30", minConfidencePct: "50" }));
    expect(ok).toEqual({ ok: true, data: { queued: "basket" } });
    const clusterForm = form({ part: "clusters", kMin: "2", kMax: "4" });
    clusterForm.append("extraFeatures[]", "tenure");
    expect(await runAnalyticsAction(clusterForm)).toEqual({ ok: true, data: { queued: "clusters" } });
    const queued = (await queue.getJobs(["waiting", "prioritized", "delayed"])).map((j) => j.data);
    expect(queued).toEqual(expect.arrayContaining([
      expect.objectContaining({ tenantId: a.tenantId, parts: ["basket"], minSupport: 0.3, minConfidence: 0.5 }),
      expect.objectContaining({ tenantId: a.tenantId, parts: ["clusters"], kMin: 2, kMax: 4, extraFeatures: ["tenure"] }),
    ]));
    const audit = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { action: "analytics.run", actorUserId: planner.userId } }));
    expect(audit).toHaveLength(2);
    const before = (await withTenant(a.owner, (tx) => basketRun(tx)))!.computedAt;
    worker.start();
    let after = before;
    for (let i = 0; i < 120 && after.getTime() === before.getTime(); i++) {
      await new Promise((r) => setTimeout(r, 250));
      after = (await withTenant(a.owner, (tx) => basketRun(tx)))!.computedAt;
    }
    expect(after.getTime()).toBeGreaterThan(before.getTime());
    expect(await withTenant(a.owner, (tx) => basketRun(tx))).toMatchObject({ orders: 6, minSupport: 0.3, minConfidence: 0.5, rules: 6 });
  });

  it("keeps tenants apart: B's run finds its own rule and A's rules are untouched and invisible to B", async () => {
    const result = await withTenant(b.owner, (tx) => runBasketRules(tx, b.tenantId, { minSupport: 0.5, minConfidence: 0.5 }));
    expect(result).toMatchObject({ orders: 2, rules: 2 });
    const listB = await withTenant(b.owner, (tx) => basketRules(tx, { scope: { all: true } }));
    expect(listB.rules.map((r) => [r.support, r.confidence, r.lift, r.boughtANotB])).toEqual([[1, 1, 1, 0], [1, 1, 1, 0]]);
    expect(listB.rules.flatMap((r) => [...r.antecedent, ...r.consequent]).every((x) => !nameOf.has(x.id))).toBe(true);
    expect(await withTenant(a.owner, (tx) => tx.associationRule.count())).toBe(6);
  });
});

describe("nightly rules", () => {
  it("registers one scheduler per tenant at 04:00 in its time zone, after the scoring run (which fits the clusters), and removes it", async () => {
    await scheduleNightlyAnalytics(a.tenantId, { timeZone: "Asia/Shanghai" });
    await scheduleNightlyAnalytics(a.tenantId, { timeZone: "Asia/Shanghai" });
    const mine = (await queueFor(analyticsJob).getJobSchedulers()).filter((x) => x.key === nightlyAnalyticsSchedulerId(a.tenantId));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ pattern: "0 4 * * *", tz: "Asia/Shanghai" });
    const scheduler = await queueFor(analyticsJob).getJobScheduler(nightlyAnalyticsSchedulerId(a.tenantId));
    expect(scheduler?.template?.data).toMatchObject({ tenantId: a.tenantId, parts: ["basket"] });
    expect(await removeNightlyAnalytics(a.tenantId)).toBe(true);
    expect((await queueFor(analyticsJob).getJobSchedulers()).filter((x) => x.key === nightlyAnalyticsSchedulerId(a.tenantId))).toEqual([]);
  });
});
