// New-customer retention by month of first purchase ("cohort"), overall or split
// by acquisition channel / source channel / campaign, within the viewer's data scope.
//
// Stable API (the dashboard imports it):
//
//   cohortRetention(tx: TenantTx, options: CohortRetentionOptions): Promise<CohortRetention>
//
//   options.scope      ScopeFilter of the viewer (lib/customers/scope.ts customerScope, or
//                      the `customers` part of lib/dashboard/scope.ts); { all: true } = tenant
//   options.timeZone   the tenant's time zone (lib/tenants/time-zone.ts tenantTimeZone):
//                      months are calendar months there
//   options.by         "all" (default) | "channel" (channel of the first purchase order) |
//                      "source" (customers.source_channel) | "campaign" (campaign of the
//                      first purchase order)
//   options.months     cohorts shown, counting back from the newest (default 12, max 60)
//   options.horizon    months after acquisition in each row (default 12, max 60)
//   options.now        "today" (default: the current time); months after it are null
//
// Definitions (docs/analytics.md "Cohorts"):
//  * a purchase is an order with paid_at set, not cancelled and not refunded (status
//    `refunded` or a refunded_at) — the features' rule as of now;
//  * a customer's cohort is the calendar month (tenant time zone) of their first
//    purchase; soft-deleted customers are left out;
//  * retained[k] = customers of the cohort with at least one purchase in calendar
//    month cohort + k; rates[k] = retained[k] / size (so rates[0] = 1); a month that
//    has not started yet (after `now`) is null, never 0.
//  * the group of a customer is fixed by their FIRST purchase (channel, campaign), so
//    every customer is in exactly one row of one group.
// One set-based query over orders ⨝ customers on uuid keys, scope ANDed in as SQL.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { ScopeFilter } from "@/lib/auth/data-scope";
import type { TenantTx } from "@/lib/db/tenant";
import { scopeSql } from "@/lib/customers/scope";
import { usableTimeZone } from "@/lib/tenants/time-zone";
import { withoutNestedLoops } from "@/lib/analytics/insights/planner";

export type CohortDimension = "all" | "channel" | "source" | "campaign";
export const cohortDimensions: readonly CohortDimension[] = ["all", "channel", "source", "campaign"];

export type CohortRetentionOptions = {
  scope: ScopeFilter;
  timeZone: string;
  by?: CohortDimension;
  months?: number;
  horizon?: number;
  now?: Date;
};

export type CohortRow = {
  /** Group key: null for "all", and for customers whose first purchase had no channel/source/campaign. */
  group: string | null;
  /** Display label of the group (campaign name; channel and source as stored); null as above. */
  groupLabel: string | null;
  /** "YYYY-MM" in the tenant's time zone. */
  cohort: string;
  size: number;
  /** Index k = months after the cohort month, 0..horizon; null = month not started yet. */
  retained: (number | null)[];
  rates: (number | null)[];
};

export type CohortRetention = {
  by: CohortDimension;
  timeZone: string;
  horizon: number;
  /** Cohort months shown, oldest first ("YYYY-MM"). */
  cohortMonths: string[];
  /** The current month in the tenant's time zone ("YYYY-MM"). */
  currentMonth: string;
  /** Ordered by group (nulls last), then cohort month. Cohorts without customers are omitted. */
  rows: CohortRow[];
};

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const monthString = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;

/** The calendar month ("YYYY-MM") of an instant in a time zone. */
export function monthInTimeZone(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: usableTimeZone(timeZone), year: "numeric", month: "2-digit" }).formatToParts(at);
  const year = parts.find((p) => p.type === "year")!.value;
  const month = parts.find((p) => p.type === "month")!.value;
  return `${year}-${month}`;
}

export async function cohortRetention(tx: TenantTx, options: CohortRetentionOptions): Promise<CohortRetention> {
  const by: CohortDimension = cohortDimensions.includes(options.by ?? "all") ? (options.by ?? "all") : "all";
  const timeZone = usableTimeZone(options.timeZone);
  const months = clampInt(options.months, 12, 1, 60);
  const horizon = clampInt(options.horizon, 12, 0, 60);
  const now = options.now ?? new Date();
  const currentMonth = monthInTimeZone(now, timeZone);
  const current = monthIndex(currentMonth);
  const first = current - months + 1;
  const cohortMonths = Array.from({ length: months }, (_, i) => monthString(first + i));

  const scope = scopeSql(options.scope);
  const scopeCond = scope ? Prisma.sql`AND ${scope}` : Prisma.empty;
  const groupExpr =
    by === "channel" ? Prisma.sql`f.channel`
    : by === "source" ? Prisma.sql`f.source_channel`
    : by === "campaign" ? Prisma.sql`f.campaign_id::text`
    : Prisma.sql`NULL::text`;
  const labelJoin = by === "campaign"
    ? Prisma.sql`LEFT JOIN campaigns cp ON cp.tenant_id = (SELECT app_current_tenant()) AND cp.id = f.campaign_id`
    : Prisma.empty;
  const labelExpr = by === "campaign" ? Prisma.sql`cp.name` : groupExpr;

  // Month index = year * 12 + month - 1 of the local calendar month, an integer
  // that makes "k months after" a subtraction.
  const rows = await withoutNestedLoops(tx, () => tx.$queryRaw<{ grp: string | null; label: string | null; cohort: number; k: number; customers: number }[]>`
    WITH purchases AS (
      SELECT o.customer_id, o.id, o.paid_at, o.channel, o.campaign_id, c.source_channel,
             (extract(year FROM o.paid_at AT TIME ZONE ${timeZone}) * 12
               + extract(month FROM o.paid_at AT TIME ZONE ${timeZone}) - 1)::int AS m
      FROM orders o
      JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id
      WHERE o.tenant_id = (SELECT app_current_tenant()) AND c.deleted_at IS NULL
        AND o.paid_at IS NOT NULL AND o.paid_at <= ${now}
        AND o.status NOT IN ('cancelled', 'refunded') AND o.refunded_at IS NULL
        ${scopeCond}
    ),
    -- Hash aggregates, not sorts, for the big steps: months with a purchase per customer, then the first.
    active AS (SELECT customer_id, m FROM purchases GROUP BY 1, 2),
    cohorts AS (
      SELECT customer_id, min(m) AS cohort FROM active GROUP BY 1 HAVING min(m) BETWEEN ${first} AND ${current}
    )${by === "all" ? Prisma.empty : Prisma.sql`,
    firsts AS (
      SELECT DISTINCT ON (p.customer_id) p.customer_id, p.channel, p.campaign_id, p.source_channel
      FROM purchases p JOIN cohorts co ON co.customer_id = p.customer_id AND p.m = co.cohort
      ORDER BY p.customer_id, p.paid_at, p.id
    )`}
    SELECT ${groupExpr} AS grp, ${labelExpr} AS label, co.cohort, a.m - co.cohort AS k, count(*)::int AS customers
    FROM cohorts co
    JOIN active a ON a.customer_id = co.customer_id AND a.m - co.cohort BETWEEN 0 AND ${horizon}
    ${by === "all" ? Prisma.empty : Prisma.sql`JOIN firsts f ON f.customer_id = co.customer_id`}
    ${labelJoin}
    GROUP BY 1, 2, 3, 4
    ORDER BY 1 NULLS LAST, 3, 4`);

  const byKey = new Map<string, CohortRow>();
  const out: CohortRow[] = [];
  for (const r of rows) {
    const key = `${r.grp ?? "\u0000"}|${r.cohort}`;
    let row = byKey.get(key);
    if (!row) {
      const observable = Math.min(horizon, current - r.cohort);
      row = {
        group: r.grp,
        groupLabel: r.label,
        cohort: monthString(r.cohort),
        size: 0,
        retained: Array.from({ length: horizon + 1 }, (_, k) => (k <= observable ? 0 : null)),
        rates: [],
      };
      byKey.set(key, row);
      out.push(row);
    }
    if (r.k === 0) row.size = r.customers;
    if (row.retained[r.k] !== null) row.retained[r.k] = r.customers;
  }
  for (const row of out) {
    row.rates = row.retained.map((v) => (v === null || row.size === 0 ? null : v / row.size));
  }
  return { by, timeZone, horizon, cohortMonths, currentMonth, rows: out };
}
