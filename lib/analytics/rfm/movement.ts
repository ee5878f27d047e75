// Month-over-month RFM segment movement: for two snapshots of customer_scores,
// how many customers went from each segment to each other one. A customer scored
// only in the later snapshot comes from null ("not scored before": first purchase
// since); one scored only in the earlier goes to null ("no longer scored":
// deleted, or their purchases refunded). Counts, one GROUP BY over uuid keys.
//
// Callers pass the reader's data scope (lib/auth/data-scope.ts) so a manager sees
// the movement of the customers they may see; { all: true } for the tenant.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { ScopeFilter } from "@/lib/auth/data-scope";
import type { TenantTx } from "@/lib/db/tenant";
import type { RfmSegment } from "@/lib/analytics/rfm/segments";

export type Snapshot = { asOf: string; monthEnd: boolean; customers: number | null };

/** Succeeded scoring runs, newest first. */
export async function rfmSnapshots(tx: TenantTx, limit = 24): Promise<Snapshot[]> {
  const rows = await tx.$queryRaw<{ as_of: string; month_end: boolean; customers: number | null }[]>`
    SELECT as_of::text, extract(day FROM as_of + 1) = 1 AS month_end, customers
    FROM scoring_runs WHERE tenant_id = (SELECT app_current_tenant()) AND status = 'succeeded'
    ORDER BY as_of DESC LIMIT ${limit}`;
  return rows.map((r) => ({ asOf: r.as_of, monthEnd: r.month_end, customers: r.customers }));
}

export type MovementCell = { from: RfmSegment | null; to: RfmSegment | null; customers: number };
export type Movement = { from: string | null; to: string | null; cells: MovementCell[] };

/**
 * Default snapshots: `to` = the newest succeeded run; `from` = the newest month
 * end before `to`'s month (so today's scores against last month's end, or a
 * month end against the one before). `from` is null when there is none yet.
 */
export async function segmentMovement(tx: TenantTx, options: { from?: string; to?: string; scope?: ScopeFilter } = {}): Promise<Movement> {
  const to = options.to ?? (await rfmSnapshots(tx, 1))[0]?.asOf ?? null;
  if (!to) return { from: null, to: null, cells: [] };
  let from = options.from ?? null;
  if (!from) {
    const rows = await tx.$queryRaw<{ as_of: string }[]>`
      SELECT as_of::text FROM scoring_runs
      WHERE tenant_id = (SELECT app_current_tenant()) AND status = 'succeeded' AND extract(day FROM as_of + 1) = 1
        AND as_of < date_trunc('month', ${to}::date)::date
      ORDER BY as_of DESC LIMIT 1`;
    from = rows[0]?.as_of ?? null;
  }
  if (!from) return { from: null, to, cells: [] };

  const scope = options.scope ?? { all: true };
  const scopeSql = scope.all
    ? Prisma.empty
    : Prisma.sql`JOIN customers cu ON cu.tenant_id = (SELECT app_current_tenant()) AND cu.id = coalesce(n.customer_id, p.customer_id)
        AND (cu.owner_user_id = ANY(${scope.userIds}::uuid[]) OR cu.department_id = ANY(${scope.departmentIds}::uuid[]))`;
  const rows = await tx.$queryRaw<{ from_segment: string | null; to_segment: string | null; customers: number }[]>`
    SELECT p.rfm_segment AS from_segment, n.rfm_segment AS to_segment, count(*)::int AS customers
    FROM (SELECT customer_id, rfm_segment FROM customer_scores WHERE tenant_id = (SELECT app_current_tenant()) AND as_of = ${from}::date) p
    FULL JOIN (SELECT customer_id, rfm_segment FROM customer_scores WHERE tenant_id = (SELECT app_current_tenant()) AND as_of = ${to}::date) n
      ON n.customer_id = p.customer_id
    ${scopeSql}
    GROUP BY 1, 2
    ORDER BY 1 NULLS FIRST, 2 NULLS FIRST`;
  return {
    from,
    to,
    cells: rows.map((r) => ({ from: r.from_segment as RfmSegment | null, to: r.to_segment as RfmSegment | null, customers: r.customers })),
  };
}
