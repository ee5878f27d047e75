// The interaction dashboard, from the interaction and referral rollups
// (lib/rollups/refresh-more.ts): interacting customers and interactions by channel
// over time, points earned through interactions, conversion (a purchase by the same
// customer within 7 / 30 days after an interaction) and the referral (老带新)
// effect. All customer-level: the viewer's customers by owner or department.
import type { AuthContext } from "@/lib/auth/context";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { loadDashboardBase, type DashboardBase } from "@/lib/dashboard/base";
import { bucketStart, bucketsIn } from "@/lib/dashboard/dates";
import { customerCondition } from "@/lib/dashboard/scope";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { dayAndMonthRows, type TaggedRange } from "@/lib/rollups/read-months";
import { MONTHLY_ROLLUPS } from "@/lib/rollups/refresh-months";

export type InteractionTotals = { interactions: number; points: number; converted7: number; converted30: number; conversion7: number | null; conversion30: number | null };
export type ChannelRow = InteractionTotals & { channel: string };
export type ReferralTotals = { referrals: number; referredBuyers: number; referredPurchases: number; referredRevenue: number; rewardPoints: number; buyerRate: number | null };

export type InteractionsData = {
  totals: { current: InteractionTotals; previous: InteractionTotals | null };
  byChannel: ChannelRow[];
  channels: string[];
  /** Per bucket: distinct interacting customers (all channels) and interactions per channel (same order as channels). */
  trend: { bucket: string; customers: number; byChannel: number[]; points: number }[];
  referrals: { totals: ReferralTotals; trend: { bucket: string; referrals: number; referredRevenue: number }[] };
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

type Raw = { current: boolean; channel: string | null; bucket: string | null; interactions: number; points: number; converted7: number; converted30: number };

function totalsOf(rows: Raw[]): InteractionTotals {
  const sum = (k: "interactions" | "points" | "converted7" | "converted30") => rows.reduce((s, r) => s + r[k], 0);
  const interactions = sum("interactions");
  return { interactions, points: sum("points"), converted7: sum("converted7"), converted30: sum("converted30"),
    conversion7: ratio(sum("converted7"), interactions), conversion30: ratio(sum("converted30"), interactions) };
}

/** The viewer's rows of a customer-level rollup (aliased r). */
const scoped = (base: DashboardBase) => Prisma.sql`r.tenant_id = ${base.tenantId}::uuid ${customerCondition(base.scope.customers, "r")}`;

/** One pass over the interaction rollup: the period by channel and bucket (day rows
 *  for day and week buckets, whole months from the monthly table for month buckets)
 *  and, for the comparison, the previous period by channel (whole months monthly).
 *  Without buckets (big screen): the period by channel, whole months monthly. */
async function interactionRows(tx: TenantTx, base: DashboardBase, opts: { previous: boolean; buckets: boolean }) {
  const { filters: f } = base;
  const previous = opts.previous ? base.previous : null;
  const ranges: TaggedRange[] = [
    { from: f.from, to: f.to, tag: "current", byDay: opts.buckets && f.grain !== "month" },
    ...(previous ? [{ from: previous.from, to: previous.to, tag: "previous" }] : []),
  ];
  const bucket = opts.buckets ? Prisma.sql`date_trunc(${f.grain}, x.d::timestamp)::date::text` : Prisma.sql`NULL::text`;
  return tx.$queryRaw<Raw[]>`
    SELECT x.tag = 'current' AS current, x.channel, CASE WHEN x.tag = 'current' THEN ${bucket} END AS bucket,
      sum(x.interactions)::float8 AS interactions, sum(x.points)::float8 AS points,
      sum(x.converted_7)::float8 AS "converted7", sum(x.converted_30)::float8 AS "converted30"
    FROM (${dayAndMonthRows(MONTHLY_ROLLUPS.interactions, ["channel", "interactions", "points", "converted_7", "converted_30"], scoped(base), ranges)}) x
    GROUP BY 1, 2, 3`;
}

async function customerTrend(tx: TenantTx, base: DashboardBase): Promise<Map<string, number>> {
  const f = base.filters;
  const rows = await tx.$queryRaw<{ bucket: string; customers: number }[]>`
    SELECT r.period::text AS bucket, sum(r.customers)::float8 AS customers
    FROM rollup_interaction_customers r
    WHERE r.tenant_id = ${base.tenantId}::uuid AND r.grain = ${f.grain} AND r.channel = '*'
      AND r.period >= ${bucketStart(f.from, f.grain)}::date AND r.period <= ${f.to}::date
      ${customerCondition(base.scope.customers, "r")}
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.bucket, r.customers]));
}

async function referrals(tx: TenantTx, base: DashboardBase): Promise<InteractionsData["referrals"]> {
  const f = base.filters;
  const range: TaggedRange = { from: f.from, to: f.to, tag: "current", byDay: f.grain !== "month" };
  const rows = await tx.$queryRaw<{ bucket: string; referrals: number; referredBuyers: number; referredPurchases: number; referredRevenue: number; rewardPoints: number }[]>`
    SELECT date_trunc(${f.grain}, x.d::timestamp)::date::text AS bucket, sum(x.referrals)::float8 AS referrals, sum(x.referred_buyers)::float8 AS "referredBuyers",
      sum(x.referred_purchases)::float8 AS "referredPurchases", sum(x.referred_revenue)::float8 AS "referredRevenue", sum(x.reward_points)::float8 AS "rewardPoints"
    FROM (${dayAndMonthRows(MONTHLY_ROLLUPS.referrals, ["referrals", "referred_buyers", "referred_purchases", "referred_revenue", "reward_points"], scoped(base), [range])}) x
    GROUP BY 1`;
  const sum = (k: "referrals" | "referredBuyers" | "referredPurchases" | "referredRevenue" | "rewardPoints") => rows.reduce((s, r) => s + r[k], 0);
  return {
    totals: { referrals: sum("referrals"), referredBuyers: sum("referredBuyers"), referredPurchases: sum("referredPurchases"),
      referredRevenue: sum("referredRevenue"), rewardPoints: sum("rewardPoints"), buyerRate: ratio(sum("referredBuyers"), sum("referrals")) },
    trend: bucketsIn(f.from, f.to, f.grain).map((bucket) => {
      const r = rows.find((x) => x.bucket === bucket);
      return { bucket, referrals: r?.referrals ?? 0, referredRevenue: r?.referredRevenue ?? 0 };
    }),
  };
}

export async function interactionsData(tx: TenantTx, base: DashboardBase): Promise<InteractionsData> {
  const rows = await interactionRows(tx, base, { previous: true, buckets: true });
  const current = rows.filter((r) => r.current);
  const channels = [...new Set(current.map((r) => r.channel!))].sort();
  const byChannel = channels
    .map((channel) => ({ channel, ...totalsOf(current.filter((r) => r.channel === channel)) }))
    .sort((a, b) => b.interactions - a.interactions || a.channel.localeCompare(b.channel));
  const customers = await customerTrend(tx, base);
  const f = base.filters;
  const trend = bucketsIn(f.from, f.to, f.grain).map((bucket) => {
    const inBucket = current.filter((r) => r.bucket === bucket);
    return {
      bucket,
      customers: customers.get(bucket) ?? 0,
      byChannel: byChannel.map((c) => inBucket.filter((r) => r.channel === c.channel).reduce((s, r) => s + r.interactions, 0)),
      points: inBucket.reduce((s, r) => s + r.points, 0),
    };
  });
  return {
    totals: { current: totalsOf(current), previous: base.previous ? totalsOf(rows.filter((r) => !r.current)) : null },
    byChannel,
    channels: byChannel.map((c) => c.channel),
    trend,
    referrals: await referrals(tx, base),
  };
}

/** The period's interaction totals (big screen). */
export async function interactionTotals(tx: TenantTx, base: DashboardBase): Promise<InteractionTotals> {
  return totalsOf(await interactionRows(tx, base, { previous: false, buckets: false }));
}

export type InteractionsDashboard = { base: DashboardBase; data: InteractionsData | null };

export async function interactionsDashboard(ctx: AuthContext, searchParams: Record<string, string | string[] | undefined>): Promise<InteractionsDashboard> {
  return withTenant(ctx, async (tx) => {
    const base = await loadDashboardBase(tx, ctx, searchParams);
    if (!base.status.computed) return { base, data: null };
    return { base, data: await interactionsData(tx, base) };
  });
}
