// Campaign evaluation on a small fixture whose answer is worked out by hand:
// 10 treatment and 10 control customers, a launch at L, a 14-day attribution window.
//   T0 contacted L+1d, buys L+3d 100        → converts
//   T1 contacted L+1d, buys L+20d           → outside the window
//   T2 contacted L+1d, bought L+12h         → before the contact: not attributed
//   T3 contacted L+1d, buys L+2d, refunded  → not a purchase
//   T4 contacted L+1d, buys L+5d 200        → converts
//   T5–T7 contacted, no orders; T8 never contacted, buys L+1d 50 (anchor = launch) → converts; T9 nothing
//   C0 buys L+2d 100 → converts; C1 bought L−1d → before launch
// Treatment 3/10, control 1/10: uplift 0.2 with Newcombe's interval for 3/10 − 1/10;
// revenue per customer 35 vs 10: +25, incremental 250; contact rate 8/10;
// success (contacted and converted) 2/8; cost 8 messages × 5 + fixed 10 = 50; ROI (250 − 50)/50 = 4.
// By RFM segment: Champions (T0–T4, C0–C4) 2/5 vs 1/5; At Risk (T5–T9, C5–C9) 1/5 vs 0/5.
// The segments come from the newest succeeded scoring run on or before the launch day
// (09-29); a newer failed run (09-30) and a succeeded run after the launch (10-02)
// left score rows too (everyone "Lost" / "Hibernating"), which must not be read.
import { beforeAll, describe, expect, it } from "vitest";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addOrder, addScore, createCustomer, createStore } from "@/tests/factories/customers";
import { createApprovedCampaign } from "@/tests/factories/campaigns";
import { withTenant } from "@/lib/db/tenant";
import { evaluateCampaign } from "@/lib/campaigns/evaluation/evaluate";
import { proportionDifference } from "@/lib/campaigns/evaluation/uplift";

const L = new Date("2026-10-01T02:00:00Z");
const at = (days: number) => new Date(L.getTime() + days * 86_400_000);
let a: TestTenant;
let b: TestTenant;
let campaignId = "";
let stores: { id: string; name: string }[] = [];

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("EvalA"), createTenant("EvalB")]);
  stores = [await createStore(a, "南京西路店"), await createStore(a, "淮海路店")];
  const t: string[] = [];
  const c: string[] = [];
  for (let i = 0; i < 10; i++) {
    t.push((await createCustomer(a, { name: `T${i}`, homeStoreId: stores[i < 5 ? 0 : 1]!.id })).id);
    c.push((await createCustomer(a, { name: `C${i}`, homeStoreId: stores[i < 5 ? 0 : 1]!.id })).id);
  }
  await withTenant(a.owner, (tx) => tx.scoringRun.createMany({ data: [
    { tenantId: a.tenantId, asOf: new Date("2026-09-29"), status: "succeeded" },
    { tenantId: a.tenantId, asOf: new Date("2026-09-30"), status: "failed" },
    { tenantId: a.tenantId, asOf: new Date("2026-10-02"), status: "succeeded" },
  ] }));
  for (const [i, id] of [...t.entries(), ...c.entries()]) {
    await addScore(a, id, { asOf: new Date("2026-09-29"), rfmSegment: i < 5 ? "Champions" : "At Risk", churnRisk: "low", pAlive: 0.8 });
    await addScore(a, id, { asOf: new Date("2026-09-30"), rfmSegment: "Lost", churnRisk: "high", pAlive: 0.1 });
    await addScore(a, id, { asOf: new Date("2026-10-02"), rfmSegment: "Hibernating", churnRisk: "high", pAlive: 0.1 });
  }
  campaignId = (await createApprovedCampaign(a, { status: "completed", channels: ["sms"],
    targets: [...t.map((customerId) => ({ customerId, arm: "treatment" as const })), ...c.map((customerId) => ({ customerId, arm: "control" as const }))] })).id;
  await withTenant(a.owner, async (tx) => {
    await tx.campaignRun.create({ data: { tenantId: a.tenantId, campaignId, launchedAt: L, attributionDays: 14, costPerMessage: "5", fixedCost: "10" } });
    for (let i = 0; i < 8; i++) {
      await tx.campaignTarget.update({ where: { tenantId_campaignId_customerId: { tenantId: a.tenantId, campaignId, customerId: t[i]! } }, data: { contactedAt: at(1) } });
      await tx.outboundMessage.create({ data: { tenantId: a.tenantId, idempotencyKey: `k${i}`, campaignId, customerId: t[i]!, channel: "sms",
        toAddress: "+8613800138000", body: "x", status: "delivered", provider: "dev", sentAt: at(1) } });
    }
  });
  const paid = (orderedAt: Date, amount: string, refundedAt: Date | null = null) => ({ orderedAt, paidAt: orderedAt, paidAmount: amount, status: "paid", refundedAt });
  await addOrder(a, t[0]!, paid(at(3), "100"));
  await addOrder(a, t[1]!, paid(at(20), "999"));
  await addOrder(a, t[2]!, paid(at(0.5), "999"));
  await addOrder(a, t[3]!, paid(at(2), "300", at(4)));
  await addOrder(a, t[4]!, paid(at(5), "200"));
  await addOrder(a, t[8]!, paid(at(1), "50"));
  await addOrder(a, c[0]!, paid(at(2), "100"));
  await addOrder(a, c[1]!, paid(at(-1), "999"));
});

describe("campaign evaluation", () => {
  it("matches the hand-worked answer overall", async () => {
    const e = (await evaluateCampaign(a.owner, campaignId))!;
    const o = e.overall;
    expect(o.treatment).toMatchObject({ customers: 10, contacted: 8, converted: 3, revenue: 350, successes: 2 });
    expect(o.control).toMatchObject({ customers: 10, contacted: 0, converted: 1, revenue: 100 });
    expect(o.contactRate).toBeCloseTo(0.8, 12);
    expect(o.successRate).toBeCloseTo(0.25, 12);
    expect(o.conversionT).toBeCloseTo(0.3, 12);
    expect(o.conversionC).toBeCloseTo(0.1, 12);
    expect(o.uplift).toBeCloseTo(0.2, 12);
    const ci = proportionDifference(3, 10, 1, 10).newcombe!;
    expect(o.upliftCi!.low).toBeCloseTo(ci.low, 12);
    expect(o.upliftCi!.high).toBeCloseTo(ci.high, 12);
    expect(o.upliftCi!.low).toBeLessThan(0); // 10 a side: not significant, and the page must say so
    expect(o.revenuePerCustomerUplift).toBeCloseTo(25, 9);
    expect(o.incrementalRevenue).toBeCloseTo(250, 9);
    expect(e.messagesSent).toBe(8);
    expect(e.cost).toBeCloseTo(50, 9);
    expect(e.roi).toBeCloseTo(4, 9);
  });

  it("breaks down by RFM segment and by store", async () => {
    const e = (await evaluateCampaign(a.owner, campaignId))!;
    const seg = Object.fromEntries(e.bySegment.map((g) => [g.key, [g.treatment.converted, g.treatment.customers, g.control.converted, g.control.customers]]));
    expect(seg).toEqual({ Champions: [2, 5, 1, 5], "At Risk": [1, 5, 0, 5] });
    const store = Object.fromEntries(e.byStore.map((g) => [g.storeName, [g.treatment.converted, g.control.converted, g.treatment.revenue]]));
    expect(store).toEqual({ 南京西路店: [2, 1, 300], 淮海路店: [1, 0, 50] });
  });

  it("segments by the newest succeeded run before launch, not a newer failed one", async () => {
    const e = (await evaluateCampaign(a.owner, campaignId))!;
    const keys = e.bySegment.map((g) => g.key).sort();
    expect(keys).toEqual(["At Risk", "Champions"]);
    expect(e.bySegment.reduce((n, g) => n + g.treatment.customers + g.control.customers, 0)).toBe(20);
  });

  it("another tenant cannot evaluate it", async () => {
    expect(await evaluateCampaign(b.owner, campaignId)).toBeNull();
  });
});
