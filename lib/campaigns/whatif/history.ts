// Past campaign response by RFM segment, for the what-if: for every running or
// completed campaign with frozen targets and a start date, each target counts as a
// responder when they made a purchase (paid, not refunded) between the campaign's
// start and its end (start + 30 days when no end is set), clipped to now. Cells are
// (segment of the customer's score in the newest successful scoring run, the
// campaign's offer value, arm).
import { newestScoringRunSql } from "@/lib/customers/list-query";
import type { TenantTx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { PURCHASE_SQL } from "@/lib/orders/statuses";
import type { HistoryCell } from "@/lib/campaigns/whatif/model";

export async function responseHistory(tx: TenantTx, tenantId: string, exceptCampaignId: string | null): Promise<{ cells: HistoryCell[]; campaigns: number }> {
  const except = exceptCampaignId ? Prisma.sql`AND cp.id <> ${exceptCampaignId}::uuid` : Prisma.empty;
  const rows = await tx.$queryRaw<{ segment: string; offer: number; arm: "treatment" | "control"; n: number; responders: number; revenue: number; campaigns: number }[]>`
    WITH past AS (
      SELECT cp.id, cp.offer_value, cp.starts_at,
             least(coalesce(cp.ends_at, cp.starts_at + interval '30 days'), now()) AS ends_at
      FROM campaigns cp
      WHERE cp.tenant_id = ${tenantId}::uuid AND cp.status IN ('running', 'completed')
        AND cp.audience_frozen_at IS NOT NULL AND cp.starts_at IS NOT NULL AND cp.starts_at < now() ${except}
    )
    SELECT coalesce(s.rfm_segment, 'unscored') AS segment, p.offer_value::float8 AS offer, ct.arm,
           count(*)::int AS n, count(*) FILTER (WHERE r.orders > 0)::int AS responders,
           coalesce(sum(r.revenue), 0)::float8 AS revenue, count(DISTINCT p.id)::int AS campaigns
    FROM past p
    JOIN campaign_targets ct ON ct.tenant_id = ${tenantId}::uuid AND ct.campaign_id = p.id
    LEFT JOIN customer_scores s ON s.tenant_id = ct.tenant_id AND s.customer_id = ct.customer_id AND s.as_of = ${newestScoringRunSql(tenantId)}
    CROSS JOIN LATERAL (
      SELECT count(*) AS orders, sum(o.paid_amount) AS revenue FROM orders o
      WHERE o.tenant_id = ${tenantId}::uuid AND o.customer_id = ct.customer_id AND ${PURCHASE_SQL}
        AND o.ordered_at >= p.starts_at AND o.ordered_at < p.ends_at
    ) r
    GROUP BY 1, 2, 3`;
  const [count] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM campaigns cp WHERE cp.tenant_id = ${tenantId}::uuid AND cp.status IN ('running', 'completed')
      AND cp.audience_frozen_at IS NOT NULL AND cp.starts_at IS NOT NULL AND cp.starts_at < now() ${except}
      AND EXISTS (SELECT 1 FROM campaign_targets ct WHERE ct.tenant_id = cp.tenant_id AND ct.campaign_id = cp.id)`;
  return { cells: rows.map(({ campaigns: _c, ...cell }) => cell), campaigns: count?.n ?? 0 };
}

/** The tenant's mean paid order value over the last 365 days (0 without orders): the fallback order value. */
export async function meanOrderValue(tx: TenantTx, tenantId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ v: number | null }[]>`
    SELECT avg(o.paid_amount)::float8 AS v FROM orders o
    WHERE o.tenant_id = ${tenantId}::uuid AND ${PURCHASE_SQL} AND o.ordered_at >= now() - interval '365 days'`;
  return row?.v ?? 0;
}

/** The audience's size per RFM segment of the newest successful scoring run ('unscored' without one). */
export async function audienceBySegment(tx: TenantTx, tenantId: string, audience: Prisma.Sql): Promise<Record<string, number>> {
  const rows = await tx.$queryRaw<{ segment: string; n: number }[]>`
    SELECT coalesce(s.rfm_segment, 'unscored') AS segment, count(*)::int AS n
    FROM (${audience}) a
    LEFT JOIN customer_scores s ON s.tenant_id = ${tenantId}::uuid AND s.customer_id = a.customer_id AND s.as_of = ${newestScoringRunSql(tenantId)}
    GROUP BY 1`;
  return Object.fromEntries(rows.map((r) => [r.segment, r.n]));
}
