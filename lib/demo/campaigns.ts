// The demo tenant's launched campaigns, so the sales dashboard's contribution by
// campaign (and the campaign pages) have something to show: two campaigns aimed at
// recent buyers, one in ten held out as the control group, most of the treatment
// group contacted by SMS within two days of the launch. Conversions are whatever the
// generated orders make of it (the attribution window is 14 days). Deterministic:
// targets are picked by external id. Set-based, inside the tenant (RLS on).
import { withTenant } from "@/lib/db/tenant";

const DAY_MS = 86_400_000;
const CAMPAIGNS = [
  { name: "会员日回馈", daysBeforeEnd: 45, targets: 3000, offset: 0 },
  { name: "高价值客户关怀", daysBeforeEnd: 20, targets: 2000, offset: 5 },
] as const;

export async function seedDemoCampaigns(scope: { tenantId: string; userId: string }, end: Date): Promise<number> {
  return withTenant(scope, async (tx) => {
    let targets = 0;
    for (const c of CAMPAIGNS) {
      const launchedAt = new Date(end.getTime() - c.daysBeforeEnd * DAY_MS);
      const campaign = await tx.campaign.create({
        data: { tenantId: scope.tenantId, name: c.name, channels: ["sms"], status: "running", ownerUserId: scope.userId, controlRatio: "0.100" },
      });
      // Customers whose latest purchase is no older than 180 days before the launch; the two
      // campaigns take disjoint halves (even and odd external ids).
      targets += await tx.$executeRaw`
        INSERT INTO campaign_targets (tenant_id, campaign_id, customer_id, arm, assigned_at, contacted_at, contact_channel)
        SELECT ${scope.tenantId}::uuid, ${campaign.id}::uuid, x.id, CASE WHEN x.rn % 10 = 0 THEN 'control' ELSE 'treatment' END, ${launchedAt},
          CASE WHEN x.rn % 10 <> 0 AND x.rn % 7 <> 0 THEN ${launchedAt}::timestamptz + make_interval(hours => (x.rn % 48)::int) END,
          CASE WHEN x.rn % 10 <> 0 AND x.rn % 7 <> 0 THEN 'sms' END
        FROM (
          SELECT cu.id, row_number() OVER (ORDER BY cu.external_id, cu.id) AS rn
          FROM customers cu
          WHERE cu.tenant_id = ${scope.tenantId}::uuid AND cu.deleted_at IS NULL
            AND cu.last_order_at >= ${new Date(launchedAt.getTime() - 180 * DAY_MS)}
            AND right(cu.external_id, 1) IN ('0', '2', '4', '6', '8') = ${c.offset === 0}
        ) x
        WHERE x.rn <= ${c.targets}`;
      await tx.campaignRun.create({ data: { tenantId: scope.tenantId, campaignId: campaign.id, launchedAt, launchedBy: scope.userId, attributionDays: 14 } });
    }
    return targets;
  }, { timeoutMs: 120_000 });
}
