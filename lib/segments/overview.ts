// The Segments overview: customers and revenue per RFM segment and churn-risk level
// (newest successful scoring run) and per cluster (the current cluster model),
// inside the viewer's data scope of segment:read, soft-deleted customers excluded.
//
// Revenue is each customer's total paid up to that run (customer_features.total_paid,
// the same for every group, whatever the run's monetary basis). Shares are of the
// group kind's own total: scored customers in scope for RFM and churn, clustered
// customers in scope for clusters, so each kind's shares add up to 100%.
import type { AuthContext } from "@/lib/auth/context";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import { withTenant } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { RFM_SEGMENTS } from "@/lib/analytics/rfm/segments";
import { CHURN_LEVELS } from "@/lib/customers/filters";
import { tenantDisplay } from "@/lib/orders/queries";

export type OverviewRow = { key: string; label?: { en: string; zh: string }; customers: number; customerShare: number; revenue: number; revenueShare: number };
export type OverviewGroup = { rows: OverviewRow[]; customers: number; revenue: number };
export type SegmentsOverview = {
  asOf: string | null;
  currency: string;
  rfm: OverviewGroup | null;
  churn: OverviewGroup | null;
  clusters: (OverviewGroup & { asOf: string | null }) | null;
};

type Raw = { key: string | null; n: number; paid: string };

function group(raw: Raw[], order: readonly string[] | null, labels: Map<string, { en: string; zh: string }> = new Map()): OverviewGroup {
  const rows = raw.filter((r): r is Raw & { key: string } => r.key !== null);
  const customers = rows.reduce((s, r) => s + r.n, 0);
  const revenue = rows.reduce((s, r) => s + Number(r.paid), 0);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const keys = order ? [...order] : [...byKey.keys()].sort((a, b) => Number(a) - Number(b));
  return {
    customers,
    revenue,
    rows: keys.map((key) => {
      const r = byKey.get(key);
      const n = r?.n ?? 0;
      const paid = r ? Number(r.paid) : 0;
      return {
        key, label: labels.get(key), customers: n, revenue: paid,
        customerShare: customers ? n / customers : 0, revenueShare: revenue ? paid / revenue : 0,
      };
    }),
  };
}

export async function segmentsOverview(ctx: AuthContext): Promise<SegmentsOverview> {
  return withTenant(ctx, async (tx) => {
    const scope = scopeSql(await customerScope(tx, ctx, "segment:read"));
    const inScope = scope ? Prisma.sql`AND ${scope}` : Prisma.empty;
    const run = await tx.$queryRaw<{ as_of: string }[]>`
      SELECT as_of::text FROM scoring_runs WHERE tenant_id = ${ctx.tenantId}::uuid AND status = 'succeeded' ORDER BY as_of DESC LIMIT 1`;
    const asOf = run[0]?.as_of ?? null;

    let rfm: OverviewGroup | null = null;
    let churn: OverviewGroup | null = null;
    if (asOf) {
      const rows = await tx.$queryRaw<(Raw & { kind: string })[]>`
        WITH base AS (
          SELECT s.rfm_segment, s.churn_risk, COALESCE(f.total_paid, 0) AS paid
          FROM customer_scores s
          JOIN customers c ON c.tenant_id = s.tenant_id AND c.id = s.customer_id AND c.deleted_at IS NULL
          LEFT JOIN customer_features f ON f.tenant_id = s.tenant_id AND f.as_of = s.as_of AND f.customer_id = s.customer_id
          WHERE s.tenant_id = ${ctx.tenantId}::uuid AND s.as_of = ${asOf}::date ${inScope}
        )
        SELECT 'rfm' AS kind, rfm_segment AS key, count(*)::int AS n, sum(paid)::text AS paid FROM base GROUP BY rfm_segment
        UNION ALL
        SELECT 'churn', churn_risk, count(*)::int, sum(paid)::text FROM base GROUP BY churn_risk`;
      rfm = group(rows.filter((r) => r.kind === "rfm"), RFM_SEGMENTS);
      churn = group(rows.filter((r) => r.kind === "churn"), CHURN_LEVELS);
    }

    const model = await tx.clusterModel.findFirst({ select: { status: true, asOf: true } });
    let clusters: SegmentsOverview["clusters"] = null;
    if (model?.status === "succeeded") {
      const rows = await tx.$queryRaw<Raw[]>`
        SELECT cc.cluster::text AS key, count(*)::int AS n, COALESCE(sum(f.total_paid), 0)::text AS paid
        FROM customer_clusters cc
        JOIN customers c ON c.tenant_id = cc.tenant_id AND c.id = cc.customer_id AND c.deleted_at IS NULL
        LEFT JOIN customer_features f ON f.tenant_id = cc.tenant_id AND f.customer_id = cc.customer_id AND f.as_of = ${asOf}::date
        WHERE cc.tenant_id = ${ctx.tenantId}::uuid ${inScope}
        GROUP BY cc.cluster`;
      const profiles = await tx.clusterProfile.findMany({ select: { cluster: true, nameEn: true, nameZh: true } });
      const labels = new Map(profiles.map((p) => [String(p.cluster), { en: p.nameEn, zh: p.nameZh }]));
      const g = group(rows, null, labels);
      if (g.rows.length) clusters = { ...g, asOf: model.asOf ? model.asOf.toISOString().slice(0, 10) : null };
    }
    const { currency } = await tenantDisplay(tx, ctx.tenantId);
    return { asOf, currency, rfm, churn, clusters };
  });
}
