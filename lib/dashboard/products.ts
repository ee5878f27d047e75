// Product analysis from the product and category rollups: units and revenue of
// purchases by category, brand and product, the category mix over time, and
// repurchase by category and product over the whole history. The viewer's stores,
// the store and channel filters and the date range apply; the province filter does
// not (product rollups carry no region: the page says so).
import type { AuthContext } from "@/lib/auth/context";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { loadDashboardBase, type DashboardBase } from "@/lib/dashboard/base";
import { bucketsIn, splitByMonths } from "@/lib/dashboard/dates";
import { storeCondition } from "@/lib/dashboard/scope";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { ALL_STORES } from "@/lib/rollups/dimensions";
import { productAffinity, type ProductAffinity } from "@/lib/dashboard/affinity";

export type ProductTotals = { units: number; revenue: number; orderLines: number };
export type Breakdown = { key: string; units: number; revenue: number; previousRevenue: number | null };
export type TopProduct = { productId: string; name: string; sku: string; category: string; brand: string; units: number; revenue: number };
export type Repurchase = { key: string; label: string; customers: number; repeatCustomers: number; rate: number | null };

export type ProductsData = {
  totals: { current: ProductTotals; previous: ProductTotals | null };
  byCategory: Breakdown[];
  byBrand: Breakdown[];
  topProducts: TopProduct[];
  /** Revenue per bucket of the biggest categories (the rest summed as key null). */
  categoryTrend: { buckets: string[]; series: { key: string | null; revenue: number[] }[] };
  repurchaseByCategory: Repurchase[];
  repurchaseByProduct: Repurchase[];
  /** Top association rules and the lift matrix of the newest basket analysis (lib/dashboard/affinity.ts). */
  affinity: ProductAffinity;
};

export const TOP_PRODUCTS = 10;
const TREND_CATEGORIES = 6;

/** The viewer's stores and the channel filter, on rollup rows aliased r. */
function scopeWhere(base: DashboardBase): Prisma.Sql {
  const f = base.filters;
  return Prisma.sql`r.tenant_id = ${base.tenantId}::uuid
    ${storeCondition(Prisma.raw("r.store_id"), base.stores)}
    ${f.channel ? Prisma.sql`AND r.channel = ${f.channel}` : Prisma.empty}`;
}

/** Rows of the product or category rollups over some ranges, each row tagged with its
 *  range's `current` flag and a date `d` (the day, or the month's first day): whole
 *  months from the monthly table, the ragged ends from the daily one. With byDay, the
 *  daily table only (for day and week buckets). */
function rows(base: DashboardBase, kind: "category" | "product", ranges: { from: string; to: string; current: boolean }[], byDay = false): Prisma.Sql {
  const cols = Prisma.raw(kind === "category" ? "r.category, r.brand, r.units, r.revenue, r.order_lines" : "r.product_id, r.units, r.revenue, r.order_lines");
  const daily = Prisma.raw(kind === "category" ? "rollup_category_daily" : "rollup_product_daily");
  const monthly = Prisma.raw(kind === "category" ? "rollup_category_monthly" : "rollup_product_monthly");
  const parts: Prisma.Sql[] = [];
  for (const range of ranges) {
    const split = byDay ? { months: null, days: [[range.from, range.to] as [string, string]] } : splitByMonths(range.from, range.to);
    for (const [a, b] of split.days) {
      parts.push(Prisma.sql`SELECT ${range.current}::boolean AS current, r.day AS d, ${cols} FROM ${daily} r
        WHERE ${scopeWhere(base)} AND r.day >= ${a}::date AND r.day <= ${b}::date`);
    }
    if (split.months) {
      parts.push(Prisma.sql`SELECT ${range.current}::boolean AS current, r.month AS d, ${cols} FROM ${monthly} r
        WHERE ${scopeWhere(base)} AND r.month >= ${split.months[0]}::date AND r.month <= ${split.months[1]}::date`);
    }
  }
  return Prisma.join(parts, " UNION ALL ");
}

type ScanRow = { current: boolean; set: number; category: string | null; brand: string | null; units: number; revenue: number; orderLines: number };

/** One pass over the category rollups for the period and the previous one (GROUPING
 *  SETS): totals, categories and brands of each. grouping() bits: category 2, brand 1. */
async function categoryScan(tx: TenantTx, base: DashboardBase) {
  const { filters: f, previous } = base;
  const ranges = [{ from: f.from, to: f.to, current: true }, ...(previous ? [{ ...previous, current: false }] : [])];
  const result = await tx.$queryRaw<ScanRow[]>`
    SELECT x.current, grouping(x.category, x.brand) AS set, x.category, x.brand,
      sum(x.units)::float8 AS units, sum(x.revenue)::float8 AS revenue, sum(x.order_lines)::float8 AS "orderLines"
    FROM (${rows(base, "category", ranges)}) x
    GROUP BY GROUPING SETS ((x.current), (x.current, x.category), (x.current, x.brand))`;
  const of = (set: number, current: boolean) => result.filter((r) => r.set === set && r.current === current);
  const totals = (current: boolean): ProductTotals => {
    const r = of(3, current)[0];
    return { units: r?.units ?? 0, revenue: r?.revenue ?? 0, orderLines: r?.orderLines ?? 0 };
  };
  const breakdown = (set: number, key: (r: ScanRow) => string): Breakdown[] => {
    const prev = new Map(of(set, false).map((r) => [key(r), r.revenue]));
    return of(set, true)
      .map((r) => ({ key: key(r), units: r.units, revenue: r.revenue, previousRevenue: previous ? prev.get(key(r)) ?? 0 : null }))
      .sort((a, b) => b.revenue - a.revenue || (a.key < b.key ? -1 : 1));
  };
  return {
    totals: { current: totals(true), previous: previous ? totals(false) : null },
    byCategory: breakdown(1, (r) => r.category!),
    byBrand: breakdown(2, (r) => r.brand!),
  };
}

/** Revenue per bucket of the biggest categories, the rest summed (monthly rows serve month buckets). */
async function categoryTrend(tx: TenantTx, base: DashboardBase, byCategory: Breakdown[]): Promise<ProductsData["categoryTrend"]> {
  const { filters: f } = base;
  const top = byCategory.filter((c) => c.revenue > 0).slice(0, TREND_CATEGORIES).map((c) => c.key);
  const buckets = bucketsIn(f.from, f.to, f.grain);
  if (!top.length) return { buckets, series: [] };
  const result = await tx.$queryRaw<{ bucket: string; category: string | null; revenue: number }[]>`
    SELECT date_trunc(${f.grain}, x.d)::date::text AS bucket, CASE WHEN x.category = ANY(${top}::text[]) THEN x.category END AS category,
      sum(x.revenue)::float8 AS revenue
    FROM (${rows(base, "category", [{ from: f.from, to: f.to, current: true }], f.grain !== "month")}) x
    GROUP BY 1, 2`;
  const index = new Map(buckets.map((b, i) => [b, i]));
  const keys: (string | null)[] = [...top, ...(result.some((r) => r.category === null && r.revenue !== 0) ? [null] : [])];
  const series = keys.map((key) => ({ key, revenue: buckets.map(() => 0) }));
  for (const r of result) {
    const s = series.find((x) => x.key === r.category);
    const i = index.get(r.bucket);
    if (s && i !== undefined) s.revenue[i] = r.revenue;
  }
  return { buckets, series };
}

async function topProducts(tx: TenantTx, base: DashboardBase): Promise<TopProduct[]> {
  const { filters: f } = base;
  return tx.$queryRaw<TopProduct[]>`
    SELECT t.product_id::text AS "productId", p.name, p.sku, coalesce(p.category, '') AS category, coalesce(p.brand, '') AS brand,
      t.units, t.revenue
    FROM (
      SELECT x.product_id, sum(x.units)::float8 AS units, sum(x.revenue)::float8 AS revenue
      FROM (${rows(base, "product", [{ from: f.from, to: f.to, current: true }])}) x
      GROUP BY x.product_id ORDER BY revenue DESC, x.product_id LIMIT ${TOP_PRODUCTS}
    ) t
    JOIN products p ON p.tenant_id = ${base.tenantId}::uuid AND p.id = t.product_id
    ORDER BY t.revenue DESC, t.product_id`;
}

/** Tenant-wide rows for a viewer who sees every store and filters none; else the sum of their stores' rows. */
async function repurchase(tx: TenantTx, base: DashboardBase, kind: "category" | "product"): Promise<Repurchase[]> {
  const stores = base.stores;
  const storeWhere = stores === null ? Prisma.sql`AND r.store_id = ${ALL_STORES}::uuid` : storeCondition(Prisma.raw("r.store_id"), stores);
  const rows = await tx.$queryRaw<{ key: string; customers: number; repeatCustomers: number }[]>`
    SELECT r.subject AS key, sum(r.customers)::float8 AS customers, sum(r.repeat_customers)::float8 AS "repeatCustomers"
    FROM rollup_repurchase r
    WHERE r.tenant_id = ${base.tenantId}::uuid AND r.kind = ${kind} ${storeWhere}
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${kind === "product" ? TOP_PRODUCTS : 50}`;
  let labels = new Map<string, string>();
  if (kind === "product" && rows.length) {
    const products = await tx.$queryRaw<{ id: string; name: string }[]>`
      SELECT id::text, name FROM products WHERE tenant_id = ${base.tenantId}::uuid AND id = ANY(${rows.map((r) => r.key)}::uuid[])`;
    labels = new Map(products.map((p) => [p.id, p.name]));
  }
  return rows.map((r) => ({
    key: r.key, label: labels.get(r.key) ?? r.key, customers: r.customers, repeatCustomers: r.repeatCustomers,
    rate: r.customers > 0 ? r.repeatCustomers / r.customers : null,
  }));
}

export async function productsData(tx: TenantTx, base: DashboardBase): Promise<ProductsData> {
  const scan = await categoryScan(tx, base);
  return {
    totals: scan.totals,
    byCategory: scan.byCategory,
    byBrand: scan.byBrand,
    topProducts: await topProducts(tx, base),
    categoryTrend: await categoryTrend(tx, base, scan.byCategory),
    repurchaseByCategory: await repurchase(tx, base, "category"),
    repurchaseByProduct: await repurchase(tx, base, "product"),
    affinity: await productAffinity(tx, base.tenantId),
  };
}

export type ProductsDashboard = { base: DashboardBase; data: ProductsData | null };

export async function productsDashboard(ctx: AuthContext, searchParams: Record<string, string | string[] | undefined>): Promise<ProductsDashboard> {
  return withTenant(ctx, async (tx) => {
    const base = await loadDashboardBase(tx, ctx, searchParams);
    if (!base.status.computed) return { base, data: null };
    return { base, data: await productsData(tx, base) };
  });
}
