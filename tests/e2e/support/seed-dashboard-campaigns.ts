// The dashboard scenario's campaigns, basket analysis and an earlier scoring
// snapshot (issue 6: contribution by campaign, product affinity, segment movement),
// written before the scenario's rollup refresh: two launched campaigns with
// contacted treatment customers and a control group, the basket rules of the
// scenario's orders, and a month-end RFM snapshot before today's.
import type { TestTenant } from "@/tests/factories/tenants";

const DAY_MS = 86_400_000;

export async function seedDashboardCampaigns(tenant: TestTenant, customerIds: string[], now: number) {
  const { withTenant } = await import("@/lib/db/tenant");
  const { runBasketRules } = await import("@/lib/analytics/insights/basket-run");
  const T = tenant.tenantId;
  await withTenant(tenant.owner, async (tx) => {
    // Customers belong to their department's store (contacts count by home store).
    await tx.$executeRaw`UPDATE customers c SET home_store_id = s.id FROM stores s
      WHERE c.tenant_id = ${T}::uuid AND s.tenant_id = c.tenant_id AND s.department_id = c.department_id AND s.kind = 'store'`;
    for (const [name, daysAgo, treated] of [["会员回馈月", 30, customerIds.slice(0, 12)], ["新品预热", 12, customerIds.slice(16, 26)]] as const) {
      const launchedAt = new Date(now - daysAgo * DAY_MS);
      const campaign = await tx.campaign.create({ data: { tenantId: T, name, channels: ["sms"], status: "running", ownerUserId: tenant.owner.userId } });
      const control = daysAgo === 30 ? customerIds.slice(12, 16) : customerIds.slice(26, 30);
      await tx.campaignTarget.createMany({ data: [
        ...treated.map((customerId, i) => ({ tenantId: T, campaignId: campaign.id, customerId, arm: "treatment",
          contactedAt: i % 5 === 4 ? null : new Date(launchedAt.getTime() + (1 + (i % 3)) * 3600_000), contactChannel: i % 5 === 4 ? null : "sms" })),
        ...control.map((customerId) => ({ tenantId: T, campaignId: campaign.id, customerId, arm: "control" })),
      ] });
      await tx.campaignRun.create({ data: { tenantId: T, campaignId: campaign.id, launchedAt, attributionDays: 14 } });
    }
    await runBasketRules(tx, T, { minSupport: 0.05, minConfidence: 0.2 });
    // An earlier month-end snapshot, so the customer dashboard shows segment movement.
    const today = new Date(now);
    const monthEnd = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0));
    const todayDay = new Date(`${today.toISOString().slice(0, 10)}T00:00:00Z`);
    const segments = ["loyal", "potential_loyalist", "champions", "need_attention", "at_risk"];
    await tx.customerScore.createMany({ data: customerIds.slice(0, 24).map((customerId, i) => ({ tenantId: T, customerId, asOf: monthEnd, rfmSegment: segments[i % segments.length]! })) });
    await tx.scoringRun.createMany({ data: [monthEnd, todayDay].map((asOf) => ({ tenantId: T, asOf, status: "succeeded" })), skipDuplicates: true });
  }, { timeoutMs: 60_000 });
}
