// Customer analysis from the customer rollups: live customers by province (the
// China map) or, drilled into a province, by city; buyers and repeat buyers
// (repurchase); and the latest scoring run's RFM segments, churn risk and CLV bands
// — or "not computed yet" when no run exists. Scoped like the customer list: the
// viewer's customers by owner or department.
import type { AuthContext } from "@/lib/auth/context";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { loadDashboardBase, type DashboardBase } from "@/lib/dashboard/base";
import { customerCondition } from "@/lib/dashboard/scope";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { CLV_BANDS } from "@/lib/rollups/dimensions";
import type { Movement } from "@/lib/analytics/rfm/movement";
import { RFM_SEGMENTS, type RfmSegment } from "@/lib/analytics/rfm/segments";
import { CHURN_LEVELS } from "@/lib/customers/filters";
import { cohortRows, type Cohorts } from "@/lib/dashboard/cohorts";
import { todayIn } from "@/lib/dashboard/dates";

export type RegionRow = { key: string; customers: number; buyers: number; repeatBuyers: number };
export type ScoreBucket = { bucket: string; customers: number };

export type CustomersData = {
  totals: { customers: number; buyers: number; repeatBuyers: number; repurchaseRate: number | null };
  byProvince: RegionRow[];
  /** Cities of the drilled-into province (null without one). */
  byCity: RegionRow[] | null;
  /** null: no scoring run yet. Narrowed by the segment filter (except rfmSegments, which shows every segment). */
  scores: {
    asOf: string; rfmSegments: ScoreBucket[]; churnRisk: ScoreBucket[]; clvBands: ScoreBucket[];
    /** Customers by R score (activity), F score (loyalty), M score (spending power), 1–5. */
    activity: ScoreBucket[]; loyalty: ScoreBucket[]; spending: ScoreBucket[];
  } | null;
  /** Month-over-month RFM segment movement (lib/analytics/rfm/movement.ts's default snapshots), in the
   *  viewer's scope, from rollup_segment_movement (lib/rollups/refresh-movement.ts). */
  movement: Movement;
  /** New-customer retention by first-purchase month (rollup_cohorts; lib/dashboard/cohorts.ts). */
  cohorts: Cohorts;
};

async function regions(tx: TenantTx, base: DashboardBase, level: "province" | "city"): Promise<RegionRow[]> {
  const province = base.filters.province;
  return tx.$queryRaw<RegionRow[]>`
    SELECT r.${Prisma.raw(level)} AS key, sum(r.customers)::float8 AS customers, sum(r.buyers)::float8 AS buyers, sum(r.repeat_buyers)::float8 AS "repeatBuyers"
    FROM rollup_customer_regions r
    WHERE r.tenant_id = ${base.tenantId}::uuid ${customerCondition(base.scope.customers, "r")}
      ${level === "city" && province !== null ? Prisma.sql`AND r.province = ${province}` : Prisma.empty}
    GROUP BY 1 ORDER BY 2 DESC, 1`;
}

function order<T extends { bucket: string }>(rows: T[], known: readonly string[]): T[] {
  const rank = (b: string) => (known.includes(b) ? known.indexOf(b) : known.length);
  return [...rows].sort((a, b) => rank(a.bucket) - rank(b.bucket) || a.bucket.localeCompare(b.bucket));
}

const SCORES = ["1", "2", "3", "4", "5"];

async function scores(tx: TenantTx, base: DashboardBase): Promise<CustomersData["scores"]> {
  const segment = base.filters.segment;
  const rows = await tx.$queryRaw<{ kind: string; bucket: string; asOf: string; customers: number; inSegment: number }[]>`
    SELECT r.kind, r.bucket, r.as_of::text AS "asOf", sum(r.customers)::float8 AS customers,
      coalesce(sum(r.customers) FILTER (WHERE r.segment = ${segment ?? ""}), 0)::float8 AS "inSegment"
    FROM rollup_customer_scores r
    WHERE r.tenant_id = ${base.tenantId}::uuid ${customerCondition(base.scope.customers, "r")}
    GROUP BY 1, 2, 3`;
  if (!rows.length) return null;
  // The segment filter narrows every distribution but the segments' own (which shows where the segment sits).
  const of = (kind: string, all = false) => rows.filter((r) => r.kind === kind)
    .map((r) => ({ bucket: r.bucket, customers: segment && !all ? r.inSegment : r.customers }))
    .filter((r) => r.customers > 0);
  return {
    asOf: rows[0]!.asOf,
    rfmSegments: order(of("rfm_segment", true), RFM_SEGMENTS),
    churnRisk: order(of("churn_risk"), CHURN_LEVELS),
    clvBands: order(of("clv_band"), CLV_BANDS.map((b) => b.bucket)),
    activity: order(of("r_score"), SCORES),
    loyalty: order(of("f_score"), SCORES),
    spending: order(of("m_score"), SCORES),
  };
}

/** The movement between the rollup's two snapshots, counted over the viewer's customers
 *  ('' in the rollup = not scored = null). The pair of dates is the tenant's, even when
 *  none of the viewer's customers moved. */
export async function segmentMovementRollup(tx: TenantTx, base: DashboardBase): Promise<Movement> {
  const [pair] = await tx.$queryRaw<{ from: string; to: string }[]>`
    SELECT from_as_of::text AS "from", to_as_of::text AS "to" FROM rollup_segment_movement WHERE tenant_id = ${base.tenantId}::uuid LIMIT 1`;
  if (!pair) return { from: null, to: null, cells: [] };
  const rows = await tx.$queryRaw<{ from: string; to: string; customers: number }[]>`
    SELECT r.from_segment AS "from", r.to_segment AS "to", sum(r.customers)::int AS customers
    FROM rollup_segment_movement r
    WHERE r.tenant_id = ${base.tenantId}::uuid ${customerCondition(base.scope.customers, "r")}
    GROUP BY 1, 2 ORDER BY 1, 2`;
  const segment = (s: string) => (s === "" ? null : (s as RfmSegment));
  return { from: pair.from, to: pair.to, cells: rows.map((r) => ({ from: segment(r.from), to: segment(r.to), customers: r.customers })) };
}

/** Live customers by province in the viewer's scope (the big screen's map). */
export function customersByProvince(tx: TenantTx, base: DashboardBase): Promise<RegionRow[]> {
  return regions(tx, base, "province");
}

/** The viewer's customers, buyers and repeat buyers (overview). */
export async function customerTotals(tx: TenantTx, base: DashboardBase): Promise<CustomersData["totals"]> {
  const [r] = await tx.$queryRaw<{ customers: number | null; buyers: number | null; repeatBuyers: number | null }[]>`
    SELECT sum(r.customers)::float8 AS customers, sum(r.buyers)::float8 AS buyers, sum(r.repeat_buyers)::float8 AS "repeatBuyers"
    FROM rollup_customer_regions r
    WHERE r.tenant_id = ${base.tenantId}::uuid ${customerCondition(base.scope.customers, "r")}`;
  const buyers = r?.buyers ?? 0;
  const repeatBuyers = r?.repeatBuyers ?? 0;
  return { customers: r?.customers ?? 0, buyers, repeatBuyers, repurchaseRate: buyers > 0 ? repeatBuyers / buyers : null };
}

export async function customersData(tx: TenantTx, base: DashboardBase): Promise<CustomersData> {
  const byProvince = await regions(tx, base, "province");
  const byCity = base.filters.province !== null ? await regions(tx, base, "city") : null;
  const sum = (k: "customers" | "buyers" | "repeatBuyers") => byProvince.reduce((s, r) => s + r[k], 0);
  const totals = { customers: sum("customers"), buyers: sum("buyers"), repeatBuyers: sum("repeatBuyers"), repurchaseRate: null as number | null };
  totals.repurchaseRate = totals.buyers > 0 ? totals.repeatBuyers / totals.buyers : null;
  const movement = await segmentMovementRollup(tx, base);
  const segment = base.filters.segment;
  if (segment) movement.cells = movement.cells.filter((c) => c.from === segment || c.to === segment);
  const cohorts = await cohortRows(tx, base, todayIn(base.timeZone).slice(0, 7));
  return { totals, byProvince, byCity, scores: await scores(tx, base), movement, cohorts };
}

export type CustomersDashboard = { base: DashboardBase; data: CustomersData | null };

export async function customersDashboard(ctx: AuthContext, searchParams: Record<string, string | string[] | undefined>): Promise<CustomersDashboard> {
  return withTenant(ctx, async (tx) => {
    const base = await loadDashboardBase(tx, ctx, searchParams);
    if (!base.status.computed) return { base, data: null };
    return { base, data: await customersData(tx, base) };
  });
}
