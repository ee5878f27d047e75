// Stores and online shops (read with product:read, like the catalog), each with its
// place in the organisation (its department, and the region above it), its home
// customers counted within the caller's customer:read scope and its revenue
// (purchases: paid, not refunded) within their order:read scope. Without the
// permission a figure is null, never a tenant-wide number.
import { can, type AuthContext } from "@/lib/auth/context";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { PURCHASE_SQL } from "@/lib/orders/statuses";
import { tenantDisplay } from "@/lib/orders/queries";
import { containsPattern } from "@/lib/products/queries";
import { orderScopeSql } from "@/lib/products/sales-scope";

export const MAX_STORES = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type StoreRow = {
  id: string; code: string; name: string; kind: string; province: string | null; city: string | null; district: string | null;
  openedAt: Date | null;
  department: { id: string; name: string } | null;
  region: { id: string; name: string } | null;
  customers: number | null;
  revenue: string | null;
  orders: number | null;
};

type Raw = {
  id: string; code: string; name: string; kind: string; province: string | null; city: string | null; district: string | null;
  opened_at: Date | null; department_id: string | null; department_name: string | null; region_id: string | null; region_name: string | null;
  customers: number | null; revenue: string | null; orders: number | null;
};

/** Live customers inside the caller's customer:read scope (a condition over `c`), or null without the permission. */
async function customerScopeSql(tx: TenantTx, ctx: AuthContext): Promise<Prisma.Sql | null> {
  if (!can(ctx, "customer:read")) return null;
  const scope = scopeSql(await customerScope(tx, ctx, "customer:read"));
  return scope ? Prisma.sql`c.deleted_at IS NULL AND ${scope}` : Prisma.sql`c.deleted_at IS NULL`;
}

async function readStores(tx: TenantTx, ctx: AuthContext, where: Prisma.Sql): Promise<StoreRow[]> {
  const customerScopeCond = await customerScopeSql(tx, ctx);
  const orderScope = await orderScopeSql(tx, ctx);
  const t = ctx.tenantId;
  const customers = customerScopeCond
    ? Prisma.sql`SELECT c.home_store_id AS store_id, count(*)::int AS n FROM customers c
        WHERE c.tenant_id = ${t}::uuid AND c.home_store_id IS NOT NULL AND ${customerScopeCond} GROUP BY c.home_store_id`
    : Prisma.sql`SELECT NULL::uuid AS store_id, NULL::int AS n WHERE false`;
  const sales = orderScope
    ? Prisma.sql`SELECT o.store_id, sum(o.paid_amount) AS revenue, count(*)::int AS orders
        FROM orders o JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id
        WHERE o.tenant_id = ${t}::uuid AND o.store_id IS NOT NULL AND ${PURCHASE_SQL} AND ${orderScope} GROUP BY o.store_id`
    : Prisma.sql`SELECT NULL::uuid AS store_id, NULL::numeric AS revenue, NULL::int AS orders WHERE false`;
  const rows = await tx.$queryRaw<Raw[]>`
    SELECT s.id::text, s.code, s.name, s.kind, s.province, s.city, s.district, s.opened_at,
           d.id::text AS department_id, d.name AS department_name, r.id::text AS region_id, r.name AS region_name,
           ${customerScopeCond ? Prisma.sql`coalesce(cs.n, 0)` : Prisma.sql`NULL`}::int AS customers,
           ${orderScope ? Prisma.sql`coalesce(ss.revenue, 0)` : Prisma.sql`NULL`}::text AS revenue,
           ${orderScope ? Prisma.sql`coalesce(ss.orders, 0)` : Prisma.sql`NULL`}::int AS orders
    FROM stores s
    LEFT JOIN departments d ON d.tenant_id = s.tenant_id AND d.id = s.department_id
    LEFT JOIN departments r ON r.tenant_id = d.tenant_id AND r.id = d.parent_id
    LEFT JOIN (${customers}) cs ON cs.store_id = s.id
    LEFT JOIN (${sales}) ss ON ss.store_id = s.id
    WHERE s.tenant_id = ${t}::uuid AND ${where}
    ORDER BY s.kind DESC, r.name NULLS LAST, s.name, s.id
    LIMIT ${MAX_STORES + 1}::int`;
  return rows.map((r) => ({
    id: r.id, code: r.code, name: r.name, kind: r.kind, province: r.province, city: r.city, district: r.district,
    openedAt: r.opened_at ? new Date(r.opened_at) : null,
    department: r.department_id ? { id: r.department_id, name: r.department_name ?? "" } : null,
    region: r.region_id ? { id: r.region_id, name: r.region_name ?? "" } : null,
    customers: r.customers, revenue: r.revenue, orders: r.orders,
  }));
}

export type StoreListPage = { rows: StoreRow[]; truncated: boolean; currency: string; q: string | null };

export async function listStores(ctx: AuthContext, q: string | null): Promise<StoreListPage> {
  return withTenant(ctx, async (tx) => {
    const { currency } = await tenantDisplay(tx, ctx.tenantId);
    const where = q
      ? Prisma.sql`(s.name ILIKE ${containsPattern(q)} OR s.code ILIKE ${containsPattern(q)} OR s.city ILIKE ${containsPattern(q)})`
      : Prisma.sql`true`;
    const rows = await readStores(tx, ctx, where);
    return { rows: rows.slice(0, MAX_STORES), truncated: rows.length > MAX_STORES, currency, q };
  });
}

export type StoreDetail = StoreRow & { createdAt: Date; departmentId: string | null; currency: string; timeZone: string };

/** One store, or null for an absent, another tenant's or malformed id. */
export async function getStore(ctx: AuthContext, id: string): Promise<StoreDetail | null> {
  if (!UUID.test(id)) return null;
  return withTenant(ctx, async (tx) => {
    const store = await tx.store.findFirst({ where: { tenantId: ctx.tenantId, id }, select: { createdAt: true, departmentId: true } });
    if (!store) return null;
    const [row] = await readStores(tx, ctx, Prisma.sql`s.id = ${id}::uuid`);
    if (!row) return null;
    return { ...row, createdAt: store.createdAt, departmentId: store.departmentId, ...(await tenantDisplay(tx, ctx.tenantId)) };
  });
}

/** Departments a store may belong to (the organisation tree is small), with their parent's name for context. */
export async function storeDepartmentChoices(ctx: AuthContext): Promise<{ id: string; label: string }[]> {
  return withTenant(ctx, async (tx) => {
    const rows = await tx.department.findMany({ select: { id: true, name: true, parentId: true, kind: true } });
    const name = new Map(rows.map((d) => [d.id, d.name]));
    return rows
      .map((d) => ({ id: d.id, label: d.parentId && name.has(d.parentId) ? `${name.get(d.parentId)} / ${d.name}` : d.name }))
      .sort((a, b) => a.label.localeCompare(b.label, "zh-CN"));
  });
}
