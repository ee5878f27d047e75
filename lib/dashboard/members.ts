// The member dashboard, from the member rollups (lib/rollups/refresh-more.ts):
// member share and tier distribution (current), tier migration in the period,
// members' purchases against non-members', points earned / consumed / outstanding
// over time, and coupon (benefit) usage. Customer-level figures follow the viewer's
// customers (owner or department, like the customer list); purchases follow the
// viewer's stores (like the sales dashboard).
import type { AuthContext } from "@/lib/auth/context";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { loadDashboardBase, type DashboardBase } from "@/lib/dashboard/base";
import { customerTotals } from "@/lib/dashboard/customers";
import { addDays, bucketStart, bucketsIn, splitByMonths } from "@/lib/dashboard/dates";
import { customerCondition, storeCondition } from "@/lib/dashboard/scope";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { NOBODY } from "@/lib/rollups/dimensions";
import { dayAndMonthRows, type TaggedRange } from "@/lib/rollups/read-months";
import { MONTHLY_ROLLUPS } from "@/lib/rollups/refresh-months";

export type TierRow = { tierId: string; name: string | null; rank: number | null; members: number; pointsBalance: number };
export type TierFlow = { fromTierId: string; toTierId: string; changes: number };
export type MemberSide = { revenue: number; purchases: number; averageOrderValue: number | null; monthlyFrequency: number | null };
export type PointsPoint = { bucket: string; earned: number; consumed: number; outstanding: number };

export type MembersData = {
  totals: { customers: number; members: number; memberShare: number | null; pointsBalance: number };
  tiers: TierRow[];
  /** Tier names by id for the migration (tiers that no member holds any more included). */
  tierNames: Record<string, string>;
  migration: TierFlow[];
  contribution: { members: MemberSide; others: MemberSide; memberRevenueShare: number | null };
  contributionTrend: { bucket: string; memberRevenue: number; otherRevenue: number }[];
  points: { earned: number; consumed: number; outstanding: number; trend: PointsPoint[] };
  /** null: the tenant has no coupon at all (in the viewer's scope) — say so, not zeros. */
  coupons: { issued: number; used: number; usedValue: number; usageRate: number | null; trend: { bucket: string; issued: number; used: number }[] } | null;
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

async function tiers(tx: TenantTx, base: DashboardBase): Promise<TierRow[]> {
  return tx.$queryRaw<TierRow[]>`
    SELECT r.tier_id::text AS "tierId", t.name, t.rank, sum(r.members)::float8 AS members, sum(r.points_balance)::float8 AS "pointsBalance"
    FROM rollup_member_tiers r
    LEFT JOIN member_tiers t ON t.tenant_id = r.tenant_id AND t.id = r.tier_id
    WHERE r.tenant_id = ${base.tenantId}::uuid ${customerCondition(base.scope.customers, "r")}
    GROUP BY 1, 2, 3 ORDER BY t.rank NULLS FIRST, 1`;
}

/** The viewer's rows of a customer-level rollup (aliased r). */
const scoped = (base: DashboardBase) => Prisma.sql`r.tenant_id = ${base.tenantId}::uuid ${customerCondition(base.scope.customers, "r")}`;

/** The period as a range of day and month rows: month buckets (and the totals) read
 *  whole months monthly; day and week buckets need day rows. */
const period = (base: DashboardBase, tag = "current"): TaggedRange => ({ from: base.filters.from, to: base.filters.to, tag, byDay: base.filters.grain !== "month" });

/** A bucket of the filters' grain for a row's date x.d. */
const bucketOf = (base: DashboardBase) => Prisma.sql`date_trunc(${base.filters.grain}, x.d::timestamp)::date::text`;

async function migration(tx: TenantTx, base: DashboardBase): Promise<TierFlow[]> {
  const f = base.filters;
  return tx.$queryRaw<TierFlow[]>`
    SELECT x.from_tier_id::text AS "fromTierId", x.to_tier_id::text AS "toTierId", sum(x.changes)::float8 AS changes
    FROM (${dayAndMonthRows(MONTHLY_ROLLUPS.tierChanges, ["from_tier_id", "to_tier_id", "changes"], scoped(base), [{ from: f.from, to: f.to, tag: "current" }])}) x
    GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`;
}

/** Members' and non-members' purchases in the range by bucket (day rows; whole months
 *  from month rows for month buckets) and, for frequency, the months the range touches
 *  (month rows: purchases per buyer per month) — one query. */
async function contribution(tx: TenantTx, base: DashboardBase) {
  const f = base.filters;
  const where = Prisma.sql`r.tenant_id = ${base.tenantId}::uuid ${storeCondition(Prisma.raw("r.store_id"), base.stores)}
    ${f.channel ? Prisma.sql`AND r.channel = ${f.channel}` : Prisma.empty}`;
  const split = f.grain === "month" ? splitByMonths(f.from, f.to) : { months: null, days: [[f.from, f.to] as [string, string]] };
  const parts: Prisma.Sql[] = split.days.map(([a, b]) => Prisma.sql`
    SELECT true AS sales, r.member, r.period AS d, r.revenue, r.purchases, 0 AS buyers FROM rollup_member_sales r
    WHERE ${where} AND r.grain = 'day' AND r.period >= ${a}::date AND r.period <= ${b}::date`);
  if (split.months) {
    parts.push(Prisma.sql`
      SELECT true, r.member, r.period, r.revenue, r.purchases, 0 FROM rollup_member_sales r
      WHERE ${where} AND r.grain = 'month' AND r.period >= ${split.months[0]}::date AND r.period <= ${split.months[1]}::date`);
  }
  parts.push(Prisma.sql`
    SELECT false, r.member, NULL::date, 0, r.purchases, r.buyers FROM rollup_member_sales r
    WHERE ${where} AND r.grain = 'month' AND r.period >= ${bucketStart(f.from, "month")}::date AND r.period <= ${f.to}::date`);
  const result = await tx.$queryRaw<{ sales: boolean; member: boolean; bucket: string | null; revenue: number; purchases: number; buyers: number }[]>`
    SELECT x.sales, x.member, CASE WHEN x.sales THEN ${bucketOf(base)} END AS bucket,
      sum(x.revenue)::float8 AS revenue, sum(x.purchases)::float8 AS purchases, sum(x.buyers)::float8 AS buyers
    FROM (${Prisma.join(parts, " UNION ALL ")}) x
    GROUP BY 1, 2, 3`;
  const rows = result.filter((r) => r.sales);
  const months = result.filter((r) => !r.sales);
  const side = (member: boolean): MemberSide => {
    const revenue = rows.filter((r) => r.member === member).reduce((s, r) => s + r.revenue, 0);
    const purchases = rows.filter((r) => r.member === member).reduce((s, r) => s + r.purchases, 0);
    const m = months.find((x) => x.member === member);
    return { revenue, purchases, averageOrderValue: ratio(revenue, purchases), monthlyFrequency: m ? ratio(m.purchases, m.buyers) : null };
  };
  const members = side(true);
  const others = side(false);
  const trend = bucketsIn(f.from, f.to, f.grain).map((bucket) => ({
    bucket,
    memberRevenue: rows.find((r) => r.member && r.bucket === bucket)?.revenue ?? 0,
    otherRevenue: rows.find((r) => !r.member && r.bucket === bucket)?.revenue ?? 0,
  }));
  return { contribution: { members, others, memberRevenueShare: ratio(members.revenue, members.revenue + others.revenue) }, trend };
}

/** Earned and consumed per bucket, and the outstanding balance at each bucket's end
 *  (everything earned minus consumed up to then: the points liability). One query:
 *  the opening balance (everything before the period, whole months monthly) and the
 *  period's buckets. */
async function points(tx: TenantTx, base: DashboardBase): Promise<MembersData["points"]> {
  const f = base.filters;
  const ranges: TaggedRange[] = [{ from: null, to: addDays(f.from, -1), tag: "opening" }, period(base)];
  const rows = await tx.$queryRaw<{ bucket: string | null; earned: number; consumed: number }[]>`
    SELECT CASE WHEN x.tag = 'current' THEN ${bucketOf(base)} END AS bucket, sum(x.earned)::float8 AS earned, sum(x.consumed)::float8 AS consumed
    FROM (${dayAndMonthRows(MONTHLY_ROLLUPS.points, ["earned", "consumed"], scoped(base), ranges)}) x
    GROUP BY 1`;
  const opening = rows.find((r) => r.bucket === null);
  const byBucket = new Map(rows.filter((r) => r.bucket !== null).map((r) => [r.bucket!, r]));
  let outstanding = opening ? opening.earned - opening.consumed : 0;
  const trend = bucketsIn(f.from, f.to, f.grain).map((bucket) => {
    const r = byBucket.get(bucket);
    outstanding += (r?.earned ?? 0) - (r?.consumed ?? 0);
    return { bucket, earned: r?.earned ?? 0, consumed: r?.consumed ?? 0, outstanding };
  });
  return { earned: trend.reduce((s, p) => s + p.earned, 0), consumed: trend.reduce((s, p) => s + p.consumed, 0), outstanding, trend };
}

async function coupons(tx: TenantTx, base: DashboardBase): Promise<MembersData["coupons"]> {
  const f = base.filters;
  const rows = await tx.$queryRaw<{ bucket: string; issued: number; used: number; usedValue: number }[]>`
    SELECT ${bucketOf(base)} AS bucket, sum(x.issued)::float8 AS issued, sum(x.used)::float8 AS used, sum(x.used_value)::float8 AS "usedValue"
    FROM (${dayAndMonthRows(MONTHLY_ROLLUPS.coupons, ["issued", "used", "used_value"], scoped(base), [period(base)])}) x
    GROUP BY 1`;
  if (!rows.length) {
    // None in the period: does the viewer have any coupon at all (else say so, not zeros)?
    const [any] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM rollup_coupons_monthly r WHERE ${scoped(base)} LIMIT 1) x`;
    if (!any?.n) return null;
  }
  const byBucket = new Map(rows.map((r) => [r.bucket, r]));
  const trend = bucketsIn(f.from, f.to, f.grain).map((bucket) => {
    const r = byBucket.get(bucket);
    return { bucket, issued: r?.issued ?? 0, used: r?.used ?? 0 };
  });
  const issued = rows.reduce((s, r) => s + r.issued, 0);
  const used = rows.reduce((s, r) => s + r.used, 0);
  return { issued, used, usedValue: rows.reduce((s, r) => s + r.usedValue, 0), usageRate: ratio(used, issued), trend };
}

/** Members and their share of the viewer's customers (overview, big screen). What the
 *  caller already loaded (the tiers; the customer count, e.g. summed from the map's
 *  provinces) is not read again. */
export async function memberTotals(tx: TenantTx, base: DashboardBase, known: { tiers?: TierRow[]; customers?: number } = {}): Promise<MembersData["totals"]> {
  const rows = known.tiers ?? (await tiers(tx, base));
  const customers = known.customers ?? (await customerTotals(tx, base)).customers;
  const members = rows.reduce((s, r) => s + r.members, 0);
  return { customers, members, memberShare: ratio(members, customers), pointsBalance: rows.reduce((s, r) => s + r.pointsBalance, 0) };
}

export async function membersData(tx: TenantTx, base: DashboardBase): Promise<MembersData> {
  const tierRows = await tiers(tx, base);
  const flows = await migration(tx, base);
  const missing = [...new Set(flows.flatMap((x) => [x.fromTierId, x.toTierId]))].filter((id) => id !== NOBODY && !tierRows.some((t) => t.tierId === id));
  const extra = missing.length
    ? await tx.$queryRaw<{ id: string; name: string }[]>`SELECT id::text, name FROM member_tiers WHERE tenant_id = ${base.tenantId}::uuid AND id = ANY(${missing}::uuid[])`
    : [];
  const tierNames: Record<string, string> = {};
  for (const t of tierRows) if (t.name) tierNames[t.tierId] = t.name;
  for (const t of extra) tierNames[t.id] = t.name;
  const { contribution: c, trend } = await contribution(tx, base);
  return {
    totals: await memberTotals(tx, base, { tiers: tierRows }),
    tiers: tierRows,
    tierNames,
    migration: flows,
    contribution: c,
    contributionTrend: trend,
    points: await points(tx, base),
    coupons: await coupons(tx, base),
  };
}

export type MembersDashboard = { base: DashboardBase; data: MembersData | null };

export async function membersDashboard(ctx: AuthContext, searchParams: Record<string, string | string[] | undefined>): Promise<MembersDashboard> {
  return withTenant(ctx, async (tx) => {
    const base = await loadDashboardBase(tx, ctx, searchParams);
    if (!base.status.computed) return { base, data: null };
    return { base, data: await membersData(tx, base) };
  });
}
