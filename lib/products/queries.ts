// Reading the product catalog (product:read) with each product's sales over the
// orders the caller may read (sales-scope.ts): units, revenue and buyers of
// purchases (paid, not refunded; lib/orders/statuses.ts). The catalog is read in
// the caller's tenant (withTenant: RLS).
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { PURCHASE_SQL } from "@/lib/orders/statuses";
import { tenantDisplay } from "@/lib/orders/queries";
import type { ProductListRequest, ProductSortKey } from "@/lib/products/filters";
import { orderScopeSql } from "@/lib/products/sales-scope";

export const PRODUCT_PAGE_SIZE = 50;

export type ProductSales = { units: number; revenue: string; buyers: number; orders: number };

export type ProductListRow = {
  id: string; sku: string; name: string; category: string | null; brand: string | null; price: string | null;
  sales: ProductSales | null;
};

export type ProductListPage = {
  rows: ProductListRow[];
  total: number;
  page: number;
  pageCount: number;
  /** False when the caller may not read orders: no sales figures, and sales sorts fall back to name. */
  withSales: boolean;
  currency: string;
};

const SORT_SQL: Record<ProductSortKey, string> = {
  units_desc: "units DESC, p.name ASC, p.id ASC",
  revenue_desc: "revenue DESC, p.name ASC, p.id ASC",
  name_asc: "p.name ASC, p.id ASC",
  sku_asc: "p.sku ASC, p.id ASC",
  price_desc: "p.price DESC NULLS LAST, p.id ASC",
  price_asc: "p.price ASC NULLS LAST, p.id ASC",
  created_desc: "p.created_at DESC, p.id DESC",
};

/** "%text%" for ILIKE with the pattern characters of the text escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/**
 * Purchases per product, as a subquery over the caller's readable orders (`scope`
 * over c), for the products matching `productWhere` (over p) only: a filtered list
 * aggregates only its own products' order lines.
 */
function salesByProduct(tenantId: string, scope: Prisma.Sql, productWhere: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT oi.product_id, sum(oi.quantity)::int AS units, sum(oi.amount) AS revenue,
           count(DISTINCT o.customer_id)::int AS buyers, count(DISTINCT o.id)::int AS orders
    FROM order_items oi
    JOIN orders o ON o.tenant_id = oi.tenant_id AND o.id = oi.order_id
    JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id
    WHERE oi.tenant_id = ${tenantId}::uuid AND ${PURCHASE_SQL} AND ${scope}
      AND oi.product_id IN (SELECT p.id FROM products p WHERE ${productWhere})
    GROUP BY oi.product_id`;
}

type Row = {
  id: string; sku: string; name: string; category: string | null; brand: string | null; price: string | null;
  units: number; revenue: string; buyers: number; orders: number; total: number;
};

export async function listProducts(ctx: AuthContext, request: ProductListRequest, pageSize = PRODUCT_PAGE_SIZE): Promise<ProductListPage> {
  return withTenant(ctx, async (tx) => {
    const { currency } = await tenantDisplay(tx, ctx.tenantId);
    const scope = await orderScopeSql(tx, ctx);
    const f = request.filters;
    const where: Prisma.Sql[] = [Prisma.sql`p.tenant_id = ${ctx.tenantId}::uuid`];
    if (f.q) where.push(Prisma.sql`(p.name ILIKE ${containsPattern(f.q)} OR p.sku ILIKE ${containsPattern(f.q)})`);
    if (f.category) where.push(Prisma.sql`p.category = ${f.category}`);
    if (f.brand) where.push(Prisma.sql`p.brand = ${f.brand}`);
    const sort = !scope && (request.sort === "units_desc" || request.sort === "revenue_desc") ? "name_asc" : request.sort;
    const sales = scope ? salesByProduct(ctx.tenantId, scope, Prisma.join(where, " AND ")) : Prisma.sql`SELECT NULL::uuid AS product_id, 0 AS units, 0::numeric AS revenue, 0 AS buyers, 0 AS orders WHERE false`;
    const offset = (request.page - 1) * pageSize;
    const rows = await tx.$queryRaw<Row[]>`
      SELECT p.id::text, p.sku, p.name, p.category, p.brand, p.price::text,
             coalesce(s.units, 0)::int AS units, coalesce(s.revenue, 0)::text AS revenue,
             coalesce(s.buyers, 0)::int AS buyers, coalesce(s.orders, 0)::int AS orders, count(*) OVER ()::int AS total
      FROM products p LEFT JOIN (${sales}) s ON s.product_id = p.id
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY ${Prisma.raw(SORT_SQL[sort])}
      LIMIT ${pageSize}::int OFFSET ${offset}::int`;
    const total = rows[0]?.total ?? (offset > 0
      ? (await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM products p WHERE ${Prisma.join(where, " AND ")}`)[0]?.n ?? 0
      : 0);
    return {
      rows: rows.map((r) => ({
        id: r.id, sku: r.sku, name: r.name, category: r.category, brand: r.brand, price: r.price,
        sales: scope ? { units: r.units, revenue: r.revenue, buyers: r.buyers, orders: r.orders } : null,
      })),
      total,
      page: request.page,
      pageCount: Math.max(1, Math.ceil(total / pageSize)),
      withSales: scope !== null,
      currency,
    };
  });
}

/** Categories and brands in use, for the filter and the form (the catalog is small). */
export async function productFacets(ctx: AuthContext): Promise<{ categories: string[]; brands: string[] }> {
  return withTenant(ctx, async (tx) => {
    const rows = await tx.$queryRaw<{ kind: string; value: string }[]>`
      SELECT DISTINCT 'category' AS kind, category AS value FROM products WHERE tenant_id = ${ctx.tenantId}::uuid AND category IS NOT NULL
      UNION SELECT DISTINCT 'brand', brand FROM products WHERE tenant_id = ${ctx.tenantId}::uuid AND brand IS NOT NULL
      LIMIT 2000`;
    const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.value).sort((a, b) => a.localeCompare(b, "zh-CN"));
    return { categories: of("category"), brands: of("brand") };
  });
}

export type ProductDetail = {
  id: string; sku: string; name: string; category: string | null; brand: string | null; price: string | null;
  createdAt: Date; updatedAt: Date;
  /** Null when the caller may not read orders. */
  sales: (ProductSales & { repeatBuyers: number; repurchaseRate: number | null }) | null;
  recentOrders: { id: string; orderNo: string; orderedAt: Date; customer: { id: string; name: string }; quantity: number; amount: string; status: string }[];
  currency: string;
  timeZone: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RECENT_ORDERS = 20;

/** One product, or null for an absent, another tenant's or malformed id. */
export async function getProduct(ctx: AuthContext, id: string): Promise<ProductDetail | null> {
  if (!UUID.test(id)) return null;
  return withTenant(ctx, async (tx) => {
    const p = await tx.product.findFirst({ where: { tenantId: ctx.tenantId, id } });
    if (!p) return null;
    const display = await tenantDisplay(tx, ctx.tenantId);
    const scope = await orderScopeSql(tx, ctx);
    let sales: ProductDetail["sales"] = null;
    let recentOrders: ProductDetail["recentOrders"] = [];
    if (scope) {
      // Repurchase: buyers with purchases of this product in two or more orders.
      const [s] = await tx.$queryRaw<{ units: number; revenue: string; buyers: number; orders: number; repeat_buyers: number }[]>`
        WITH per AS (
          SELECT o.customer_id, count(DISTINCT o.id)::int AS orders, sum(oi.quantity)::int AS units, sum(oi.amount) AS revenue
          FROM order_items oi
          JOIN orders o ON o.tenant_id = oi.tenant_id AND o.id = oi.order_id
          JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id
          WHERE oi.tenant_id = ${ctx.tenantId}::uuid AND oi.product_id = ${id}::uuid AND ${PURCHASE_SQL} AND ${scope}
          GROUP BY o.customer_id)
        SELECT coalesce(sum(units), 0)::int AS units, coalesce(sum(revenue), 0)::text AS revenue, count(*)::int AS buyers,
               coalesce(sum(orders), 0)::int AS orders, (count(*) FILTER (WHERE orders >= 2))::int AS repeat_buyers
        FROM per`;
      const buyers = s?.buyers ?? 0;
      sales = {
        units: s?.units ?? 0, revenue: s?.revenue ?? "0", buyers, orders: s?.orders ?? 0, repeatBuyers: s?.repeat_buyers ?? 0,
        repurchaseRate: buyers ? (s?.repeat_buyers ?? 0) / buyers : null,
      };
      const recent = await tx.$queryRaw<{ id: string; order_no: string; ordered_at: Date; customer_id: string; customer_name: string; quantity: number; amount: string; status: string }[]>`
        SELECT o.id::text, o.order_no, o.ordered_at, c.id::text AS customer_id, c.name AS customer_name,
               sum(oi.quantity)::int AS quantity, sum(oi.amount)::text AS amount, o.status
        FROM order_items oi
        JOIN orders o ON o.tenant_id = oi.tenant_id AND o.id = oi.order_id
        JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id
        WHERE oi.tenant_id = ${ctx.tenantId}::uuid AND oi.product_id = ${id}::uuid AND ${scope}
        GROUP BY o.id, o.order_no, o.ordered_at, c.id, c.name, o.status
        ORDER BY o.ordered_at DESC, o.id DESC LIMIT ${RECENT_ORDERS}::int`;
      recentOrders = recent.map((r) => ({
        id: r.id, orderNo: r.order_no, orderedAt: new Date(r.ordered_at), customer: { id: r.customer_id, name: r.customer_name },
        quantity: r.quantity, amount: r.amount, status: r.status,
      }));
    }
    return {
      id: p.id, sku: p.sku, name: p.name, category: p.category, brand: p.brand, price: p.price?.toString() ?? null,
      createdAt: p.createdAt, updatedAt: p.updatedAt, sales, recentOrders, ...display,
    };
  });
}
