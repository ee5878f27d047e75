// A campaign's evaluation (issue 7, point 7), overall, by RFM segment and by store,
// from one set-based query over its targets (lib/campaigns/evaluation/outcomes.sql.ts
// defines conversion), plus message and call counts for contact, success and cost.
//   contact rate   treatment customers contacted / treatment customers
//   success rate   contacted customers who converted or answered a call "interested"/"purchased" / contacted
//   conversion     per arm, converted / customers; uplift = treatment − control, 95% CI (Newcombe hybrid score)
//   revenue        treatment revenue in the window; per-customer uplift with a Welch 95% CI
//   incremental    per-customer revenue uplift × treatment customers
//   cost           messages sent × cost per message + calls made × cost per call + fixed cost
//   ROI            (incremental revenue − cost) / cost
// Segment = the customer's RFM segment in the snapshot of the newest succeeded scoring
// run on or before the launch day (a failed or running run's rows are never read).
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { scoringRunOnOrBeforeText } from "@/lib/customers/list-query";
import { OUTCOMES_CTE } from "@/lib/campaigns/evaluation/outcomes.sql";
import { meanDifference, proportionDifference, rate, returnOnInvestment, type Interval } from "@/lib/campaigns/evaluation/uplift";

export type ArmStats = { customers: number; contacted: number; converted: number; revenue: number; revenueSq: number; successes: number };
export type GroupEvaluation = {
  key: string | null;
  treatment: ArmStats;
  control: ArmStats;
  contactRate: number | null;
  successRate: number | null;
  conversionT: number | null;
  conversionC: number | null;
  uplift: number | null;
  upliftCi: Interval | null;
  revenuePerCustomerUplift: number | null;
  revenuePerCustomerCi: Interval | null;
  incrementalRevenue: number | null;
};
export type CampaignEvaluation = {
  campaignId: string;
  launchedAt: Date;
  attributionDays: number;
  phase: number;
  parentCampaignId: string | null;
  overall: GroupEvaluation;
  bySegment: GroupEvaluation[];
  byStore: (GroupEvaluation & { storeName: string | null })[];
  messagesSent: number;
  callsMade: number;
  cost: number;
  roi: number | null;
};

type Row = { dim: "all" | "segment" | "store"; key: string | null; arm: "treatment" | "control"; customers: number; contacted: number;
  converted: number; successes: number; revenue: number; revenue_sq: number };

const emptyArm = (): ArmStats => ({ customers: 0, contacted: 0, converted: 0, revenue: 0, revenueSq: 0, successes: 0 });

export function groupEvaluation(key: string | null, treatment: ArmStats, control: ArmStats): GroupEvaluation {
  const p = proportionDifference(treatment.converted, treatment.customers, control.converted, control.customers);
  const m = meanDifference({ n: treatment.customers, sum: treatment.revenue, sumSq: treatment.revenueSq },
    { n: control.customers, sum: control.revenue, sumSq: control.revenueSq });
  return {
    key, treatment, control,
    contactRate: rate(treatment.contacted, treatment.customers),
    successRate: rate(treatment.successes, treatment.contacted),
    conversionT: rate(treatment.converted, treatment.customers),
    conversionC: rate(control.converted, control.customers),
    uplift: p.diff, upliftCi: p.newcombe,
    revenuePerCustomerUplift: m.diff, revenuePerCustomerCi: m.interval,
    incrementalRevenue: m.diff === null ? null : m.diff * treatment.customers,
  };
}

export async function evaluateInTx(tx: TenantTx, tenantId: string, campaignId: string): Promise<CampaignEvaluation | null> {
  const run = await tx.campaignRun.findFirst({ where: { campaignId, launchedAt: { not: null } } });
  if (!run?.launchedAt) return null;
  const rows = await tx.$queryRawUnsafe<Row[]>(
    `WITH ${OUTCOMES_CTE},
     seg AS (
       SELECT s.customer_id, s.rfm_segment FROM customer_scores s
       WHERE s.tenant_id = $1::uuid AND s.customer_id IN (SELECT customer_id FROM outcome)
         AND s.as_of = ${scoringRunOnOrBeforeText("$1", "(SELECT (launched_at AT TIME ZONE 'UTC')::date FROM run)")}
     ),
     calls AS (
       SELECT customer_id, bool_or(outcome IN ('interested', 'purchased')) AS positive, bool_or(outcome IS NOT NULL AND outcome <> 'not_reached') AS reached
       FROM care_tasks WHERE tenant_id = $1::uuid AND campaign_id = $2::uuid AND status = 'done' GROUP BY customer_id
     ),
     x AS (
       SELECT o.*, seg.rfm_segment,
              (o.contacted_at IS NOT NULL OR coalesce(calls.reached, false)) AS was_contacted,
              ((o.contacted_at IS NOT NULL OR coalesce(calls.reached, false)) AND (o.converted OR coalesce(calls.positive, false))) AS success
       FROM outcome o LEFT JOIN seg USING (customer_id) LEFT JOIN calls USING (customer_id)
     )
     SELECT CASE WHEN GROUPING(rfm_segment) = 0 THEN 'segment' WHEN GROUPING(home_store_id) = 0 THEN 'store' ELSE 'all' END AS dim,
            CASE WHEN GROUPING(rfm_segment) = 0 THEN rfm_segment WHEN GROUPING(home_store_id) = 0 THEN home_store_id::text END AS key,
            arm, count(*)::int AS customers, count(*) FILTER (WHERE was_contacted)::int AS contacted,
            count(*) FILTER (WHERE converted)::int AS converted, count(*) FILTER (WHERE success)::int AS successes,
            coalesce(sum(revenue), 0)::float8 AS revenue, coalesce(sum(revenue * revenue), 0)::float8 AS revenue_sq
     FROM x GROUP BY GROUPING SETS ((arm), (arm, rfm_segment), (arm, home_store_id))`, tenantId, campaignId);
  const groups = new Map<string, { dim: Row["dim"]; key: string | null; t: ArmStats; c: ArmStats }>();
  for (const r of rows) {
    const id = `${r.dim}|${r.key ?? ""}`;
    const g = groups.get(id) ?? { dim: r.dim, key: r.key, t: emptyArm(), c: emptyArm() };
    const arm: ArmStats = { customers: r.customers, contacted: r.contacted, converted: r.converted, revenue: r.revenue, revenueSq: r.revenue_sq, successes: r.successes };
    if (r.arm === "treatment") g.t = arm; else g.c = arm;
    groups.set(id, g);
  }
  const all = [...groups.values()];
  const overallG = all.find((g) => g.dim === "all");
  const overall = groupEvaluation(null, overallG?.t ?? emptyArm(), overallG?.c ?? emptyArm());
  const storeIds = all.filter((g) => g.dim === "store" && g.key).map((g) => g.key!);
  const stores = storeIds.length ? await tx.store.findMany({ where: { id: { in: storeIds } }, select: { id: true, name: true } }) : [];
  const storeName = new Map(stores.map((s) => [s.id, s.name]));
  const [counts] = await tx.$queryRaw<{ messages: number; calls: number }[]>`
    SELECT (SELECT count(*) FROM outbound_messages WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid
              AND status IN ('sent', 'delivered'))::int AS messages,
           (SELECT count(*) FROM care_tasks WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND status = 'done')::int AS calls`;
  const messagesSent = counts?.messages ?? 0;
  const callsMade = counts?.calls ?? 0;
  const cost = messagesSent * Number(run.costPerMessage) + callsMade * Number(run.costPerCall) + Number(run.fixedCost);
  const bySort = (a: GroupEvaluation, b: GroupEvaluation) => b.treatment.customers + b.control.customers - (a.treatment.customers + a.control.customers);
  return {
    campaignId, launchedAt: run.launchedAt, attributionDays: run.attributionDays, phase: run.phase, parentCampaignId: run.parentCampaignId,
    overall,
    bySegment: all.filter((g) => g.dim === "segment").map((g) => groupEvaluation(g.key, g.t, g.c)).sort(bySort),
    byStore: all.filter((g) => g.dim === "store").map((g) => ({ ...groupEvaluation(g.key, g.t, g.c), storeName: g.key ? storeName.get(g.key) ?? null : null })).sort(bySort),
    messagesSent, callsMade, cost,
    roi: overall.incrementalRevenue === null ? null : returnOnInvestment(overall.incrementalRevenue, cost),
  };
}

export function evaluateCampaign(scope: { tenantId: string; userId?: string }, campaignId: string): Promise<CampaignEvaluation | null> {
  return withTenant(scope, (tx) => evaluateInTx(tx, scope.tenantId, campaignId), { timeoutMs: 60_000 });
}
