// Sales analysis from the sales rollups: totals with the previous period, the
// trend by day/week/month with distinct customers per bucket, and contribution by
// store, channel and region. Every query carries the tenant, the date range and the
// viewer's stores; the province filter switches to the regional table.
import type { AuthContext } from "@/lib/auth/context";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { loadDashboardBase, type DashboardBase } from "@/lib/dashboard/base";
import { bucketStart, bucketsIn, nextBucket } from "@/lib/dashboard/dates";
import { storeCondition } from "@/lib/dashboard/scope";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { campaignContribution, type CampaignsData } from "@/lib/dashboard/campaign-contribution";

export type SalesMeasures = {
  orders: number; paidOrders: number; purchases: number; revenue: number; refundedOrders: number; refundAmount: number;
  newPurchases: number; newRevenue: number; receivedOrders: number; reviewedOrders: number;
  paySeconds: number; payCount: number; shipSeconds: number; shipCount: number; receiveSeconds: number; receiveCount: number;
};
export type SalesTotals = SalesMeasures & { newCustomers: number };

export type SalesRates = {
  /** Revenue per purchase. */
  averageOrderValue: number | null;
  /** Paid orders / orders. */
  paymentRate: number | null;
  /** Refunded orders / paid orders. */
  refundRate: number | null;
  /** Reviewed orders / received orders. */
  reviewRate: number | null;
  /** Revenue of purchases made on the customer's first purchase day / revenue. */
  newRevenueShare: number | null;
  payHours: number | null;
  shipHours: number | null;
  receiveHours: number | null;
};

export type TrendPoint = {
  bucket: string; revenue: number; orders: number; purchases: number; newRevenue: number;
  customers: number; newCustomers: number;
  /** The bucket is cut by the range: its customers are summed per day (a customer may count twice). */
  partial: boolean;
};

export type Contribution = { key: string; revenue: number; orders: number; purchases: number };

export type SalesData = {
  totals: { current: SalesTotals; previous: SalesTotals | null };
  trend: TrendPoint[];
  /** The previous period's revenue per bucket, aligned by position with trend. */
  previousRevenue: number[] | null;
  byStore: Contribution[];
  byChannel: Contribution[];
  /** By province, or by city of the filtered province. */
  byRegion: { level: "province" | "city"; rows: Contribution[] };
  /** Contribution by campaign (lib/dashboard/campaign-contribution.ts). */
  byCampaign: CampaignsData;
};

const ZERO: SalesTotals = {
  orders: 0, paidOrders: 0, purchases: 0, revenue: 0, refundedOrders: 0, refundAmount: 0, newPurchases: 0, newRevenue: 0,
  receivedOrders: 0, reviewedOrders: 0, paySeconds: 0, payCount: 0, shipSeconds: 0, shipCount: 0, receiveSeconds: 0, receiveCount: 0, newCustomers: 0,
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function salesRates(m: SalesMeasures): SalesRates {
  return {
    averageOrderValue: ratio(m.revenue, m.purchases),
    paymentRate: ratio(m.paidOrders, m.orders),
    refundRate: ratio(m.refundedOrders, m.paidOrders),
    reviewRate: ratio(m.reviewedOrders, m.receivedOrders),
    newRevenueShare: ratio(m.newRevenue, m.revenue),
    payHours: ratio(m.paySeconds / 3600, m.payCount),
    shipHours: ratio(m.shipSeconds / 3600, m.shipCount),
    receiveHours: ratio(m.receiveSeconds / 3600, m.receiveCount),
  };
}

/** The measures summed over rows aliased x. */
const MEASURES = Prisma.sql`
  sum(x.orders)::float8 AS "orders", sum(x.paid_orders)::float8 AS "paidOrders", sum(x.purchases)::float8 AS "purchases",
  sum(x.revenue)::float8 AS "revenue", sum(x.refunded_orders)::float8 AS "refundedOrders", sum(x.refund_amount)::float8 AS "refundAmount",
  sum(x.new_purchases)::float8 AS "newPurchases", sum(x.new_revenue)::float8 AS "newRevenue",
  sum(x.received_orders)::float8 AS "receivedOrders", sum(x.reviewed_orders)::float8 AS "reviewedOrders",
  sum(x.pay_seconds)::float8 AS "paySeconds", sum(x.pay_count)::float8 AS "payCount",
  sum(x.ship_seconds)::float8 AS "shipSeconds", sum(x.ship_count)::float8 AS "shipCount",
  sum(x.receive_seconds)::float8 AS "receiveSeconds", sum(x.receive_count)::float8 AS "receiveCount"`;

/** The table and conditions for sales rows of [from, to] the viewer may count. */
export function salesSource(base: DashboardBase, from: string, to: string, opts: { regional?: boolean } = {}) {
  const f = base.filters;
  const regional = opts.regional || f.province !== null;
  const table = Prisma.raw(regional ? "rollup_sales_daily" : "rollup_sales_store_daily");
  const where = Prisma.sql`r.tenant_id = ${base.tenantId}::uuid AND r.day >= ${from}::date AND r.day <= ${to}::date
    ${storeCondition(Prisma.raw("r.store_id"), base.stores)}
    ${f.channel ? Prisma.sql`AND r.channel = ${f.channel}` : Prisma.empty}
    ${f.province && regional ? Prisma.sql`AND r.province = ${f.province}` : Prisma.empty}`;
  return { table, where };
}

/** Conditions on rollup_sales_customers (aliased r) for the viewer and the filters. */
function customersWhere(base: DashboardBase): Prisma.Sql {
  const f = base.filters;
  return Prisma.sql`r.tenant_id = ${base.tenantId}::uuid
    ${storeCondition(Prisma.raw("r.store_id"), base.stores)}
    ${f.channel ? Prisma.sql`AND r.channel = ${f.channel}` : Prisma.empty}
    ${f.province ? Prisma.sql`AND r.province = ${f.province}` : Prisma.empty}`;
}

type ScanRow = SalesMeasures & { current: boolean; set: number; bucket: string | null; storeId: string | null; channel: string | null };

/** One pass over the period and the previous one: totals of each, revenue per bucket of
 *  each, and the current period by store and by channel (GROUPING SETS). */
async function salesScan(tx: TenantTx, base: DashboardBase) {
  const { filters: f, previous } = base;
  const src = salesSource(base, previous?.from ?? f.from, f.to);
  const rows = await tx.$queryRaw<ScanRow[]>`
    SELECT x.current, grouping(x.bucket, x.store_id, x.channel) AS set, x.bucket::text AS bucket, x.store_id::text AS "storeId", x.channel,
      ${MEASURES}
    FROM (SELECT r.*, r.day >= ${f.from}::date AS current, date_trunc(${f.grain}, r.day)::date AS bucket FROM ${src.table} r WHERE ${src.where}) x
    GROUP BY GROUPING SETS ((x.current), (x.current, x.bucket), (x.current, x.store_id), (x.current, x.channel))`;
  // grouping(): a bit per column NOT grouped by — bucket 4, store 2, channel 1.
  const of = (set: number, current: boolean) => rows.filter((r) => r.set === set && r.current === current);
  return {
    totals: (current: boolean) => of(7, current)[0],
    buckets: (current: boolean) => of(3, current),
    stores: of(5, true),
    channels: of(6, true),
  };
}

async function newCustomerTotals(tx: TenantTx, base: DashboardBase) {
  const { filters: f, previous } = base;
  return tx.$queryRaw<{ current: boolean; n: number }[]>`
    SELECT (r.period >= ${f.from}::date) AS current, sum(r.new_customers)::float8 AS n
    FROM rollup_sales_customers r
    WHERE ${customersWhere(base)} AND r.grain = 'day' AND r.period >= ${previous?.from ?? f.from}::date AND r.period <= ${f.to}::date
    GROUP BY 1`;
}

function measuresOf(row: ScanRow | undefined): SalesMeasures {
  if (!row) return { ...ZERO };
  const { current: _c, set: _s, bucket: _b, storeId: _st, channel: _ch, ...m } = row;
  return m;
}

const contributionOf = (rows: ScanRow[], key: (r: ScanRow) => string): Contribution[] =>
  rows.map((r) => ({ key: key(r), revenue: r.revenue, orders: r.orders, purchases: r.purchases }))
    .sort((a, b) => b.revenue - a.revenue || b.orders - a.orders || (a.key < b.key ? -1 : 1));

/** Distinct customers per bucket: whole buckets from their own grain's rows (exact),
 *  the buckets cut by the range's ends summed from days (marked partial). */
async function customerBuckets(tx: TenantTx, base: DashboardBase): Promise<Map<string, { customers: number; newCustomers: number; partial: boolean }>> {
  const { from, to, grain } = base.filters;
  const firstWhole = bucketStart(from, grain) === from ? from : nextBucket(bucketStart(from, grain), grain);
  const lastStart = bucketStart(to, grain);
  const dayAfter = nextBucket(to, "day");
  // Exclusive end of the whole buckets.
  const wholeEnd = nextBucket(lastStart, grain) <= dayAfter ? nextBucket(lastStart, grain) : lastStart;
  const rows = await tx.$queryRaw<{ bucket: string; customers: number; newCustomers: number; partial: boolean }[]>`
    SELECT bucket::text, sum(customers)::float8 AS customers, sum(new_customers)::float8 AS "newCustomers", bool_or(partial) AS partial
    FROM (
      SELECT r.period AS bucket, r.customers, r.new_customers, false AS partial
      FROM rollup_sales_customers r
      WHERE ${customersWhere(base)} AND r.grain = ${grain} AND r.period >= ${firstWhole}::date AND r.period < ${wholeEnd}::date
      UNION ALL
      SELECT date_trunc(${grain}, r.period)::date, r.customers, r.new_customers, true
      FROM rollup_sales_customers r
      WHERE ${customersWhere(base)} AND r.grain = 'day' AND r.period >= ${from}::date AND r.period <= ${to}::date
        AND (r.period < ${firstWhole}::date OR r.period >= ${wholeEnd}::date)
    ) x GROUP BY bucket ORDER BY bucket`;
  return new Map(rows.map((r) => [r.bucket, { customers: r.customers, newCustomers: r.newCustomers, partial: r.partial }]));
}

async function regionContribution(tx: TenantTx, base: DashboardBase, dimension: "province" | "city"): Promise<Contribution[]> {
  const src = salesSource(base, base.filters.from, base.filters.to, { regional: true });
  return tx.$queryRaw<Contribution[]>`
    SELECT r.${Prisma.raw(dimension)} AS key, sum(r.revenue)::float8 AS revenue, sum(r.orders)::float8 AS orders, sum(r.purchases)::float8 AS purchases
    FROM ${src.table} r WHERE ${src.where} GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1`;
}

type Scan = Awaited<ReturnType<typeof salesScan>>;

function totalsOf(base: DashboardBase, scan: Scan, newCustomers: { current: boolean; n: number }[]): SalesData["totals"] {
  const pick = (current: boolean): SalesTotals => ({ ...measuresOf(scan.totals(current)), newCustomers: newCustomers.find((r) => r.current === current)?.n ?? 0 });
  return { current: pick(true), previous: base.previous ? pick(false) : null };
}

async function trendOf(tx: TenantTx, base: DashboardBase, scan: Scan): Promise<{ trend: TrendPoint[]; previousRevenue: number[] | null }> {
  const { filters: f, previous } = base;
  const customers = await customerBuckets(tx, base);
  const current = new Map(scan.buckets(true).map((r) => [r.bucket!, r]));
  const trend = bucketsIn(f.from, f.to, f.grain).map((bucket) => {
    const r = current.get(bucket);
    const c = customers.get(bucket);
    return {
      bucket, revenue: r?.revenue ?? 0, orders: r?.orders ?? 0, purchases: r?.purchases ?? 0, newRevenue: r?.newRevenue ?? 0,
      customers: c?.customers ?? 0, newCustomers: c?.newCustomers ?? 0, partial: c?.partial ?? false,
    };
  });
  let previousRevenue: number[] | null = null;
  if (previous) {
    const prev = new Map(scan.buckets(false).map((r) => [r.bucket!, r.revenue]));
    const prevBuckets = bucketsIn(previous.from, previous.to, f.grain);
    previousRevenue = trend.map((_, i) => (prevBuckets[i] ? prev.get(prevBuckets[i]!) ?? 0 : 0));
  }
  return { trend, previousRevenue };
}

/** What the overview shows: totals, trend and channels (no regional or store breakdown). */
export async function salesSummary(tx: TenantTx, base: DashboardBase): Promise<Pick<SalesData, "totals" | "trend" | "previousRevenue" | "byChannel">> {
  const scan = await salesScan(tx, base);
  const totals = totalsOf(base, scan, await newCustomerTotals(tx, base));
  const { trend, previousRevenue } = await trendOf(tx, base, scan);
  return { totals, trend, previousRevenue, byChannel: contributionOf(scan.channels, (r) => r.channel!) };
}

export async function salesData(tx: TenantTx, base: DashboardBase): Promise<SalesData> {
  const scan = await salesScan(tx, base);
  const totals = totalsOf(base, scan, await newCustomerTotals(tx, base));
  const { trend, previousRevenue } = await trendOf(tx, base, scan);
  const level = base.filters.province ? "city" : "province";
  return {
    totals, trend, previousRevenue,
    byStore: contributionOf(scan.stores, (r) => r.storeId!),
    byChannel: contributionOf(scan.channels, (r) => r.channel!),
    byRegion: { level, rows: await regionContribution(tx, base, level) },
    byCampaign: await campaignContribution(tx, base),
  };
}

export type SalesDashboard = { base: DashboardBase; data: SalesData | null };

/** The sales dashboard's figures (null data: the rollups were never computed). */
export async function salesDashboard(ctx: AuthContext, searchParams: Record<string, string | string[] | undefined>): Promise<SalesDashboard> {
  return withTenant(ctx, async (tx) => {
    const base = await loadDashboardBase(tx, ctx, searchParams);
    if (!base.status.computed) return { base, data: null };
    return { base, data: await salesData(tx, base) };
  });
}
