// New-customer retention for the customer dashboard's heatmap, from rollup_cohorts
// (lib/rollups/refresh-more.ts) instead of orders: the same definitions as
// lib/analytics/cohorts/retention.ts (cohort = calendar month of the first purchase
// in the tenant's zone; retained[k] = cohort customers with a purchase k months
// later; rates[k] = retained[k] / size; months not started yet are null, never 0) —
// an integration test holds the two to the same answer. Scoped by the customer's
// owner or department like every customer-level figure.
import type { TenantTx } from "@/lib/db/tenant";
import type { DashboardBase } from "@/lib/dashboard/base";
import { customerCondition } from "@/lib/dashboard/scope";

export type CohortRow = { cohort: string; size: number; retained: (number | null)[]; rates: (number | null)[] };
export type Cohorts = { horizon: number; rows: CohortRow[] };

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const monthString = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;

/** The last `months` cohorts up to `currentMonth` ("YYYY-MM"), `horizon` months after each. */
export async function cohortRows(tx: TenantTx, base: DashboardBase, currentMonth: string, months = 12, horizon = 12): Promise<Cohorts> {
  const last = monthIndex(currentMonth);
  const first = last - months + 1;
  const rows = await tx.$queryRaw<{ cohort: string; k: number; customers: number }[]>`
    SELECT to_char(r.cohort, 'YYYY-MM') AS cohort, r.month_offset AS k, sum(r.customers)::float8 AS customers
    FROM rollup_cohorts r
    WHERE r.tenant_id = ${base.tenantId}::uuid AND r.cohort >= ${`${monthString(first)}-01`}::date AND r.cohort <= ${`${currentMonth}-01`}::date
      AND r.month_offset <= ${horizon} ${customerCondition(base.scope.customers, "r")}
    GROUP BY 1, 2`;
  const out: CohortRow[] = [];
  for (let m = first; m <= last; m++) {
    const cohort = monthString(m);
    const of = rows.filter((r) => r.cohort === cohort);
    const size = of.find((r) => r.k === 0)?.customers ?? 0;
    if (!size) continue;
    const retained = Array.from({ length: horizon + 1 }, (_, k) => (m + k > last ? null : of.find((r) => r.k === k)?.customers ?? 0));
    out.push({ cohort, size, retained, rates: retained.map((v) => (v === null ? null : v / size)) });
  }
  return { horizon, rows: out };
}
