// Descriptive statistics (count, mean, median, sd, min, max, quantiles — type 7,
// lib/analytics/stats/describe.ts) of one measure, overall and per group (RFM
// segment, cluster or churn risk), within the viewer's data scope.
//
// Customer measures come from the newest succeeded scoring snapshot (features and
// scores of as_of), so they agree with the RFM page; the order measure is each
// purchase order's paid amount (paid, not cancelled or refunded) up to now, grouped
// by its customer's segment in that snapshot. A customer without a value (e.g. CLV
// while the model is not fitted) is counted in `skipped`, never as 0.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { ScopeFilter } from "@/lib/auth/data-scope";
import type { TenantTx } from "@/lib/db/tenant";
import { scopeSql } from "@/lib/customers/scope";
import { describe, describeBySegment, type Description } from "@/lib/analytics/stats/describe";
import { withoutNestedLoops } from "@/lib/analytics/insights/planner";

export const STAT_MEASURES = [
  "total_paid", "orders", "purchase_days", "aov", "tenure_days", "recency_days", "predicted_clv", "p_alive", "expected_purchases_90", "order_paid",
] as const;
export type StatMeasure = (typeof STAT_MEASURES)[number];
export const STAT_GROUPS = ["rfm_segment", "cluster", "churn_risk", "none"] as const;
export type StatGroup = (typeof STAT_GROUPS)[number];

const CUSTOMER_COLUMN: Record<Exclude<StatMeasure, "order_paid">, Prisma.Sql> = {
  total_paid: Prisma.sql`f.total_paid::float8`,
  orders: Prisma.sql`f.orders::float8`,
  purchase_days: Prisma.sql`f.purchase_days::float8`,
  aov: Prisma.sql`f.mean_paid::float8`,
  tenure_days: Prisma.sql`f.tenure_days::float8`,
  recency_days: Prisma.sql`f.recency_days::float8`,
  predicted_clv: Prisma.sql`s.predicted_clv::float8`,
  p_alive: Prisma.sql`s.p_alive`,
  expected_purchases_90: Prisma.sql`s.expected_purchases_90`,
};

const GROUP_COLUMN: Record<StatGroup, Prisma.Sql> = {
  rfm_segment: Prisma.sql`s.rfm_segment`,
  cluster: Prisma.sql`cc.cluster::text`,
  churn_risk: Prisma.sql`s.churn_risk`,
  none: Prisma.sql`NULL::text`,
};

export type GroupStats = Description & { group: string | null };
export type SegmentStats = {
  asOf: string | null;
  measure: StatMeasure;
  groupBy: StatGroup;
  overall: Description;
  /** Sorted by group key; null = customers without a group (not scored, not clustered). */
  groups: GroupStats[];
};

export async function segmentStats(
  tx: TenantTx,
  options: { scope: ScopeFilter; measure: StatMeasure; groupBy: StatGroup; probabilities?: readonly number[] },
): Promise<SegmentStats> {
  const measure: StatMeasure = STAT_MEASURES.includes(options.measure) ? options.measure : "total_paid";
  const groupBy: StatGroup = STAT_GROUPS.includes(options.groupBy) ? options.groupBy : "rfm_segment";
  const run = await tx.$queryRaw<{ as_of: string }[]>`
    SELECT as_of::text FROM scoring_runs WHERE tenant_id = (SELECT app_current_tenant()) AND status = 'succeeded'
    ORDER BY as_of DESC LIMIT 1`;
  const asOf = run[0]?.as_of ?? null;
  const cond = scopeSql(options.scope);
  const scopeCond = cond ? Prisma.sql`AND ${cond}` : Prisma.empty;
  const groupCol = GROUP_COLUMN[groupBy];

  let rows: { v: number | null; g: string | null }[];
  if (measure === "order_paid") {
    rows = await withoutNestedLoops(tx, () => tx.$queryRaw`
      SELECT o.paid_amount::float8 AS v, ${groupCol} AS g
      FROM orders o
      JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id AND c.deleted_at IS NULL
      LEFT JOIN customer_scores s ON s.tenant_id = o.tenant_id AND s.customer_id = o.customer_id AND s.as_of = ${asOf}::date
      LEFT JOIN customer_clusters cc ON cc.tenant_id = o.tenant_id AND cc.customer_id = o.customer_id
      WHERE o.tenant_id = (SELECT app_current_tenant()) AND o.paid_at IS NOT NULL
        AND o.status NOT IN ('cancelled', 'refunded') AND o.refunded_at IS NULL
        ${scopeCond}`);
  } else if (!asOf) {
    rows = [];
  } else {
    rows = await withoutNestedLoops(tx, () => tx.$queryRaw`
      SELECT ${CUSTOMER_COLUMN[measure]} AS v, ${groupCol} AS g
      FROM customer_features f
      JOIN customers c ON c.tenant_id = f.tenant_id AND c.id = f.customer_id AND c.deleted_at IS NULL
      LEFT JOIN customer_scores s ON s.tenant_id = f.tenant_id AND s.customer_id = f.customer_id AND s.as_of = f.as_of
      LEFT JOIN customer_clusters cc ON cc.tenant_id = f.tenant_id AND cc.customer_id = f.customer_id
      WHERE f.tenant_id = (SELECT app_current_tenant()) AND f.as_of = ${asOf}::date
        ${scopeCond}`);
  }
  const values = Float64Array.from(rows, (r) => (r.v === null ? NaN : r.v));
  // "\u0000" stands for "no group" inside describeBySegment (it sorts first) and becomes null again.
  const labels = rows.map((r) => r.g ?? "\u0000");
  const describeOptions = options.probabilities ? { probabilities: options.probabilities } : {};
  const overall = describe(values, describeOptions);
  const groups = groupBy === "none"
    ? []
    : describeBySegment(values, labels, describeOptions).map(({ segment, ...rest }) => ({ ...rest, group: segment === "\u0000" ? null : String(segment) }));
  if (groupBy === "cluster") groups.sort((a, b) => (a.group === null ? 1 : b.group === null ? -1 : Number(a.group) - Number(b.group)));
  else groups.sort((a, b) => (a.group === null ? 1 : b.group === null ? -1 : 0));
  return { asOf, measure, groupBy, overall, groups };
}
