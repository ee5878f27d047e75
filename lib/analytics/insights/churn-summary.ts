// How churn risk was decided for the newest snapshot, within the viewer's scope:
// customers per (method, level). With the model not fitted everyone is `rule`, and
// the page says so instead of showing model numbers that do not exist.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { ScopeFilter } from "@/lib/auth/data-scope";
import type { TenantTx } from "@/lib/db/tenant";
import { scopeSql } from "@/lib/customers/scope";
import { withoutNestedLoops } from "@/lib/analytics/insights/planner";

export type ChurnCell = { method: string | null; level: string | null; customers: number };

export async function churnSummary(tx: TenantTx, asOf: string, scope: ScopeFilter): Promise<ChurnCell[]> {
  const cond = scopeSql(scope);
  return withoutNestedLoops(tx, () => tx.$queryRaw<ChurnCell[]>`
    SELECT s.churn_method AS method, s.churn_risk AS level, count(*)::int AS customers
    FROM customer_scores s
    JOIN customers c ON c.tenant_id = s.tenant_id AND c.id = s.customer_id AND c.deleted_at IS NULL
    WHERE s.tenant_id = (SELECT app_current_tenant()) AND s.as_of = ${asOf}::date ${cond ? Prisma.sql`AND ${cond}` : Prisma.empty}
    GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2 NULLS LAST`);
}
