// Contribution by campaign on the sales dashboard (lib/dashboard/campaign-contribution.ts)
// read from the campaign rollups, against a direct computation over the planted
// orders and targets, and against the campaign evaluation (incremental revenue).
// Campaign X (launch L, 14-day window, treatment T0–T5, control C0–C3):
//   T0 (home GZ) contacted L+1d, buys L+3d 100 at GZ and L+5d 50 at SH → converts once (L+3d, GZ)
//   T1 (home GZ) contacted L+1d, buys L+20d 999 at GZ                   → outside the window
//   T2 (home SH) contacted L+1d, buys L+2d 300 at SH, refunded          → not a purchase
//   T3 (home SH) contacted L+1d, buys L+6d 200 at SH                    → converts
//   T4 (home SH) contacted L+1d, bought L+12h 70 at SH                  → before the contact
//   T5 (home GZ) never contacted, buys L+1d 40 at GZ (anchor = launch)  → converts
//   C0 (home GZ) buys L+2d 100 at GZ → control converts; C1–C3 nothing
// Campaign Y (no control group): T0 contacted L+2d → T0's L+3d and L+5d purchases.
// Another customer buys 1000 at GZ on L+3d (period revenue, no campaign).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { refreshRollups } from "@/lib/rollups/refresh";
import { salesDashboard } from "@/lib/dashboard/sales";
import { evaluateCampaign } from "@/lib/campaigns/evaluation/evaluate";
import { meanDifference } from "@/lib/campaigns/evaluation/uplift";
import { addDepartment, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants, createCustomer } from "@/tests/factories/customers";
import { createApprovedCampaign } from "@/tests/factories/campaigns";

const L = new Date("2026-10-01T02:00:00Z"); // 10:00 in Asia/Shanghai
const at = (days: number) => new Date(L.getTime() + days * 86_400_000);
const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

type Planted = { customer: string; at: Date; amount: number; store: "gz" | "sh"; refunded?: boolean };
type Target = { customer: string; arm: "treatment" | "control"; home: "gz" | "sh"; contactedAt: Date | null };

let a: TestTenant;
let b: TestTenant;
const stores: Record<"gz" | "sh", string> = { gz: "", sh: "" };
const viewers: Record<string, AuthContext> = {};
const campaigns: Record<"x" | "y", { id: string; targets: Target[] }> = { x: { id: "", targets: [] }, y: { id: "", targets: [] } };
const planted: Planted[] = [];

async function ctxOf(who: { tenantId: string; userId: string }): Promise<AuthContext> {
  const ctx = await loadAuthContext(who);
  if (!ctx) throw new Error("no context");
  return ctx;
}

/** What the dashboard must show, computed straight from the planted rows (the evaluation's attribution). */
function direct(c: "x" | "y", from: string, to: string, inStores: ("gz" | "sh")[]) {
  const { targets } = campaigns[c];
  const launchWindow = 14 * 86_400_000;
  let contacted = 0, converted = 0, revenue = 0, purchases = 0;
  for (const t of targets.filter((x) => x.arm === "treatment")) {
    if (t.contactedAt && inStores.includes(t.home) && dayOf(t.contactedAt) >= from && dayOf(t.contactedAt) <= to) contacted++;
    const anchor = t.contactedAt ?? L;
    const bought = planted.filter((o) => o.customer === t.customer && !o.refunded && o.at >= anchor && o.at.getTime() < anchor.getTime() + launchWindow)
      .sort((p, q) => p.at.getTime() - q.at.getTime());
    const first = bought[0];
    if (first && inStores.includes(first.store) && dayOf(first.at) >= from && dayOf(first.at) <= to) converted++;
    for (const o of bought) if (inStores.includes(o.store) && dayOf(o.at) >= from && dayOf(o.at) <= to) { revenue += o.amount; purchases++; }
  }
  const periodRevenue = planted.filter((o) => !o.refunded && inStores.includes(o.store) && dayOf(o.at) >= from && dayOf(o.at) <= to).reduce((s, o) => s + o.amount, 0);
  return { contacted, converted, revenue, purchases, share: periodRevenue > 0 ? revenue / periodRevenue : null };
}

beforeAll(async () => {
  a = await createTenant("CampDash A");
  const gzDept = await addDepartment(a, "广州店", null, "store");
  const shDept = await addDepartment(a, "上海店", null, "store");
  await withTenant(a.owner, async (tx) => {
    stores.gz = (await tx.store.create({ data: { tenantId: a.tenantId, code: "GZ", name: "广州店", kind: "store", departmentId: gzDept.id, province: "广东省", city: "广州市" } })).id;
    stores.sh = (await tx.store.create({ data: { tenantId: a.tenantId, code: "SH", name: "上海店", kind: "store", departmentId: shDept.id, province: "上海市", city: "上海市" } })).id;
  });
  const homes: ("gz" | "sh")[] = ["gz", "gz", "sh", "sh", "sh", "gz"];
  const t: string[] = [];
  const c: string[] = [];
  for (let i = 0; i < 6; i++) t.push((await createCustomer(a, { name: `T${i}`, homeStoreId: stores[homes[i]!] })).id);
  for (let i = 0; i < 4; i++) c.push((await createCustomer(a, { name: `C${i}`, homeStoreId: stores.gz })).id);
  const walkIn = (await createCustomer(a, { name: "walk-in" })).id;

  campaigns.x.targets = [
    ...t.map((customer, i) => ({ customer, arm: "treatment" as const, home: homes[i]!, contactedAt: i < 5 ? at(1) : null })),
    ...c.map((customer) => ({ customer, arm: "control" as const, home: "gz" as const, contactedAt: null })),
  ];
  campaigns.y.targets = [{ customer: t[0]!, arm: "treatment", home: "gz", contactedAt: at(2) }];
  for (const key of ["x", "y"] as const) {
    const spec = campaigns[key];
    spec.id = (await createApprovedCampaign(a, { name: key === "x" ? "国庆回馈" : "双十一预热", status: "running", channels: ["sms"],
      targets: spec.targets.map((x) => ({ customerId: x.customer, arm: x.arm })) })).id;
    await withTenant(a.owner, async (tx) => {
      await tx.campaignRun.create({ data: { tenantId: a.tenantId, campaignId: spec.id, launchedAt: L, attributionDays: 14 } });
      for (const x of spec.targets.filter((x) => x.contactedAt)) {
        await tx.campaignTarget.update({ where: { tenantId_campaignId_customerId: { tenantId: a.tenantId, campaignId: spec.id, customerId: x.customer } }, data: { contactedAt: x.contactedAt } });
      }
    });
  }
  // A drafted campaign never launched: no rows.
  await createApprovedCampaign(a, { name: "草稿", status: "draft", channels: ["sms"], targets: [{ customerId: t[0]!, arm: "treatment" }] });

  planted.push(
    { customer: t[0]!, at: at(3), amount: 100, store: "gz" }, { customer: t[0]!, at: at(5), amount: 50, store: "sh" },
    { customer: t[1]!, at: at(20), amount: 999, store: "gz" }, { customer: t[2]!, at: at(2), amount: 300, store: "sh", refunded: true },
    { customer: t[3]!, at: at(6), amount: 200, store: "sh" }, { customer: t[4]!, at: at(0.5), amount: 70, store: "sh" },
    { customer: t[5]!, at: at(1), amount: 40, store: "gz" }, { customer: c[0]!, at: at(2), amount: 100, store: "gz" },
    { customer: walkIn, at: at(3), amount: 1000, store: "gz" },
  );
  await withTenant(a.owner, async (tx) => {
    for (const o of planted) {
      await tx.order.create({ data: {
        tenantId: a.tenantId, orderNo: `CD-${randomUUID().slice(0, 10)}`, customerId: o.customer, channel: "store", storeId: stores[o.store],
        status: o.refunded ? "refunded" : "paid", orderedAt: o.at, paidAt: o.at, refundedAt: o.refunded ? at(4) : null,
        amount: o.amount.toFixed(2), paidAmount: o.amount.toFixed(2),
      } });
    }
  });
  await withTenant(a.owner, (tx) => refreshRollups(tx, a.tenantId), { timeoutMs: 60_000 });

  viewers.owner = await ctxOf(a.owner);
  viewers.gz = await ctxOf(await addMemberWithGrants(a, [["dashboard:read", "department"]], { departmentId: gzDept.id }));
  b = await createTenant("CampDash B");
  const other = (await createCustomer(b, { name: "B1" })).id;
  const bc = await createApprovedCampaign(b, { name: "B campaign", status: "running", channels: ["sms"], targets: [{ customerId: other, arm: "treatment" }] });
  await withTenant(b.owner, async (tx) => {
    await tx.campaignRun.create({ data: { tenantId: b.tenantId, campaignId: bc.id, launchedAt: L, attributionDays: 14 } });
    await tx.order.create({ data: { tenantId: b.tenantId, orderNo: "B-1", customerId: other, channel: "tmall", status: "paid", orderedAt: at(2), paidAt: at(2), amount: "500.00", paidAmount: "500.00" } });
  });
  await withTenant(b.owner, (tx) => refreshRollups(tx, b.tenantId), { timeoutMs: 60_000 });
  viewers.otherTenant = await ctxOf(b.owner);
  viewers.fresh = await ctxOf((await createTenant("CampDash new")).owner);
});

const byCampaign = async (who: string, range: { from: string; to: string }) =>
  (await salesDashboard(viewers[who]!, range)).data!.byCampaign;

describe("contribution by campaign", () => {
  const OCT = { from: "2026-10-01", to: "2026-10-31" };
  const LATE = { from: "2026-10-05", to: "2026-10-31" };

  it("equals the direct computation for the owner, per campaign and period", async () => {
    for (const range of [OCT, LATE]) {
      const data = await byCampaign("owner", range);
      expect(data.launched).toBe(2);
      for (const key of ["x", "y"] as const) {
        const row = data.rows.find((r) => r.campaignId === campaigns[key].id)!;
        const want = direct(key, range.from, range.to, ["gz", "sh"]);
        expect(row, `${key} ${range.from}`).toMatchObject({ contacted: want.contacted, converted: want.converted, purchases: want.purchases, revenue: want.revenue });
        expect(row.revenueShare).toBeCloseTo(want.share!, 12);
      }
    }
    // Worked by hand for October: X contacted 5, converted T0, T3, T5; revenue 100 + 50 + 200 + 40.
    const x = (await byCampaign("owner", OCT)).rows.find((r) => r.campaignId === campaigns.x.id)!;
    expect(x).toMatchObject({ name: "国庆回馈", contacted: 5, converted: 3, revenue: 390 });
    // From 5 October: nobody contacted or converting; T0's second purchase and T3's.
    expect((await byCampaign("owner", LATE)).rows.find((r) => r.campaignId === campaigns.x.id)).toMatchObject({ contacted: 0, converted: 1, revenue: 250 });
  });

  it("gives the evaluation's incremental revenue, and none without a control group", async () => {
    const data = await byCampaign("owner", OCT);
    const evaluation = (await evaluateCampaign(a.owner, campaigns.x.id))!;
    const x = data.rows.find((r) => r.campaignId === campaigns.x.id)!;
    expect(evaluation.overall.incrementalRevenue).not.toBeNull();
    expect(x.incrementalRevenue).toBeCloseTo(evaluation.overall.incrementalRevenue!, 9);
    expect(x.incrementalRevenue).toBeCloseTo((390 / 6 - 100 / 4) * 6, 9);
    expect(x).toMatchObject({ treatmentCustomers: 6, controlCustomers: 4 });
    expect(data.rows.find((r) => r.campaignId === campaigns.y.id)!.incrementalRevenue).toBeNull();
  });

  it("a store manager counts only their store: contacts by home store, purchases by the order's store", async () => {
    const data = await byCampaign("gz", OCT);
    const x = data.rows.find((r) => r.campaignId === campaigns.x.id)!;
    const want = direct("x", OCT.from, OCT.to, ["gz"]);
    expect(x).toMatchObject({ contacted: want.contacted, converted: want.converted, revenue: want.revenue });
    expect(x).toMatchObject({ contacted: 2, converted: 2, revenue: 140 });
    expect(x.revenueShare).toBeCloseTo(140 / 2239, 12); // 100 + 40 + C0's 100 + walk-in's 1000 + T1's 999 at GZ
    // Incremental over GZ's customers only: T0, T1, T5 (revenue 150 + 0 + 40) against C0–C3 (100).
    const m = meanDifference({ n: 3, sum: 190, sumSq: 150 ** 2 + 40 ** 2 }, { n: 4, sum: 100, sumSq: 100 ** 2 });
    expect(x.incrementalRevenue).toBeCloseTo(m.diff! * 3, 9);
    // A store filter outside the scope yields nothing.
    expect((await salesDashboard(viewers.gz!, { ...OCT, storeId: stores.sh })).data!.byCampaign.rows).toEqual([]);
  });

  it("another tenant sees none of it; a tenant without launched campaigns gets the empty state", async () => {
    const other = await byCampaign("otherTenant", OCT);
    expect(other.rows.map((r) => r.campaignId)).not.toContain(campaigns.x.id);
    expect(other.rows.map((r) => r.name)).toEqual(["B campaign"]);
    expect(other.rows[0]).toMatchObject({ revenue: 500, converted: 1 });
    const fresh = await salesDashboard(viewers.fresh!, OCT);
    expect(fresh.data).toBeNull(); // rollups never computed
    await withTenant(viewers.fresh!, (tx) => refreshRollups(tx, viewers.fresh!.tenantId), { timeoutMs: 60_000 });
    expect((await byCampaign("fresh", OCT))).toEqual({ launched: 0, periodRevenue: 0, rows: [] });
  });

  it("the rollup follows the data: a refund after the refresh counts once the job runs again", async () => {
    await withTenant(a.owner, (tx) => tx.$executeRaw`UPDATE orders SET refunded_at = ${at(7)}, status = 'refunded'
      WHERE tenant_id = ${a.tenantId}::uuid AND customer_id = (SELECT customer_id FROM campaign_targets WHERE tenant_id = ${a.tenantId}::uuid AND campaign_id = ${campaigns.y.id}::uuid)
        AND ordered_at = ${at(5)}`);
    planted.find((o) => o.at.getTime() === at(5).getTime())!.refunded = true;
    expect((await byCampaign("owner", OCT)).rows.find((r) => r.campaignId === campaigns.y.id)!.revenue).toBe(150); // page reads the rollup, not orders
    await withTenant(a.owner, (tx) => refreshRollups(tx, a.tenantId), { timeoutMs: 60_000 });
    const y = (await byCampaign("owner", OCT)).rows.find((r) => r.campaignId === campaigns.y.id)!;
    expect(y.revenue).toBe(direct("y", OCT.from, OCT.to, ["gz", "sh"]).revenue);
    expect(y.revenue).toBe(100);
  });
});
