// Contribution by campaign on the sales dashboard, from the campaign rollups
// (lib/rollups/refresh-campaigns.ts; never from orders on page load). Per campaign
// with activity in the period, in the viewer's stores:
//   contacted   treatment customers first contacted in the period (their home store)
//   converted   treatment customers whose first attributed purchase fell in the period
//   revenue     attributed purchases of treatment customers made in the period (the order's store)
//   share       revenue / all purchases' revenue of the period in the same stores
//   incremental the evaluation's revenue uplift over the control group for the whole
//               attribution window (not only the period): (mean revenue per treatment
//               customer − per control customer) × treatment customers, over the
//               customers of the viewer's stores; null without a control group.
// The channel and province filters do not apply (a contact has no channel or order region).
import type { TenantTx } from "@/lib/db/tenant";
import type { DashboardBase } from "@/lib/dashboard/base";
import { storeCondition } from "@/lib/dashboard/scope";
import { meanDifference, type Interval } from "@/lib/campaigns/evaluation/uplift";
import { Prisma } from "@/lib/generated/prisma/client.ts";

export type CampaignContribution = {
  campaignId: string; name: string; status: string;
  contacted: number; converted: number; purchases: number; revenue: number;
  /** Of the period's revenue in the same stores; null when that is 0. */
  revenueShare: number | null;
  treatmentCustomers: number; controlCustomers: number;
  incrementalRevenue: number | null;
  incrementalCi: Interval | null;
};

export type CampaignsData = {
  /** Launched campaigns of the tenant (0: the page says there are none yet). */
  launched: number;
  periodRevenue: number;
  rows: CampaignContribution[];
};

export async function campaignContribution(tx: TenantTx, base: DashboardBase): Promise<CampaignsData> {
  const { tenantId, filters: f, stores } = base;
  const [{ launched }] = await tx.$queryRaw<{ launched: number }[]>`
    SELECT count(*)::int AS launched FROM campaign_runs WHERE tenant_id = ${tenantId}::uuid AND launched_at IS NOT NULL`;
  if (!launched) return { launched: 0, periodRevenue: 0, rows: [] };
  const rows = await tx.$queryRaw<Omit<CampaignContribution, "revenueShare" | "treatmentCustomers" | "controlCustomers" | "incrementalRevenue" | "incrementalCi">[]>`
    SELECT x.campaign_id::text AS "campaignId", c.name, c.status, x.contacted, x.converted, x.purchases, x.revenue
    FROM (
      SELECT r.campaign_id, sum(r.contacted)::float8 AS contacted, sum(r.converted)::float8 AS converted,
        sum(r.purchases)::float8 AS purchases, sum(r.revenue)::float8 AS revenue
      FROM rollup_campaign_sales r
      WHERE r.tenant_id = ${tenantId}::uuid AND r.day >= ${f.from}::date AND r.day <= ${f.to}::date
        ${storeCondition(Prisma.raw("r.store_id"), stores)}
      GROUP BY r.campaign_id
    ) x
    JOIN campaigns c ON c.tenant_id = ${tenantId}::uuid AND c.id = x.campaign_id
    ORDER BY x.revenue DESC, x.contacted DESC, c.name, x.campaign_id`;
  if (!rows.length) return { launched, periodRevenue: 0, rows: [] };
  const [{ revenue: periodRevenue }] = await tx.$queryRaw<{ revenue: number }[]>`
    SELECT coalesce(sum(r.revenue), 0)::float8 AS revenue FROM rollup_sales_store_daily r
    WHERE r.tenant_id = ${tenantId}::uuid AND r.day >= ${f.from}::date AND r.day <= ${f.to}::date
      ${storeCondition(Prisma.raw("r.store_id"), stores)}`;
  const arms = await tx.$queryRaw<{ campaignId: string; arm: string; customers: number; revenue: number; revenueSq: number }[]>`
    SELECT r.campaign_id::text AS "campaignId", r.arm, sum(r.customers)::float8 AS customers,
      sum(r.revenue)::float8 AS revenue, sum(r.revenue_sq)::float8 AS "revenueSq"
    FROM rollup_campaign_arms r
    WHERE r.tenant_id = ${tenantId}::uuid AND r.campaign_id = ANY(${rows.map((r) => r.campaignId)}::uuid[])
      ${storeCondition(Prisma.raw("r.store_id"), stores)}
    GROUP BY 1, 2`;
  const arm = (id: string, name: string) => {
    const a = arms.find((x) => x.campaignId === id && x.arm === name);
    return { n: a?.customers ?? 0, sum: a?.revenue ?? 0, sumSq: a?.revenueSq ?? 0 };
  };
  return {
    launched,
    periodRevenue,
    rows: rows.map((r) => {
      const t = arm(r.campaignId, "treatment");
      const c = arm(r.campaignId, "control");
      const m = meanDifference(t, c);
      return {
        ...r,
        revenueShare: periodRevenue > 0 ? r.revenue / periodRevenue : null,
        treatmentCustomers: t.n, controlCustomers: c.n,
        incrementalRevenue: m.diff === null ? null : m.diff * t.n,
        incrementalCi: m.interval ? { low: m.interval.low * t.n, high: m.interval.high * t.n } : null,
      };
    }),
  };
}
