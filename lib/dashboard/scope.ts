// What a viewer's dashboards may count: the data scope of their dashboard:read
// grant, resolved to
//  * stores (for everything read from orders: sales, products): the stores whose
//    department is in the resolved departments, or every store with "all". Orders
//    without a store count only for "all". "own" and "own and subordinates" name no
//    department, so they see no store figures;
//  * customers (for the customer master: regions, scores): the customer's owner or
//    department, exactly as the customer list scopes them.
// The result is ANDed into every rollup query as SQL; a store filter from the URL
// only narrows it (a store outside the scope yields nothing, never an error that
// would confirm it exists). No grant means forbidden, never "all".
import type { AuthContext } from "@/lib/auth/context";
import { scopeOf } from "@/lib/auth/context";
import type { DataScope } from "@/lib/auth/catalog";
import { resolveDataScope, type ScopeFilter } from "@/lib/auth/data-scope";
import type { TenantTx } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client.ts";

export type StoreScope = { all: true } | { all: false; storeIds: string[] };
export type DashboardScope = { scope: DataScope; stores: StoreScope; customers: ScopeFilter };

export async function dashboardScope(tx: TenantTx, ctx: AuthContext): Promise<DashboardScope> {
  const scope = scopeOf(ctx, "dashboard:read");
  if (!scope) throw forbidden("dashboard:read");
  const customers = await resolveDataScope(tx, ctx, scope);
  if (customers.all) return { scope, stores: { all: true }, customers };
  const stores = customers.departmentIds.length
    ? await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM stores WHERE tenant_id = ${ctx.tenantId}::uuid AND department_id = ANY(${customers.departmentIds}::uuid[])`
    : [];
  return { scope, stores: { all: false, storeIds: stores.map((s) => s.id) }, customers };
}

/** The stores a query may count, narrowed by the URL's store: null = every store. */
export function allowedStores(stores: StoreScope, storeId: string | null): string[] | null {
  if (stores.all) return storeId ? [storeId] : null;
  if (storeId) return stores.storeIds.includes(storeId) ? [storeId] : [];
  return stores.storeIds;
}

/** `AND <column> …` for the allowed stores ("" for all; `AND false` for none). */
export function storeCondition(column: Prisma.Sql, stores: string[] | null): Prisma.Sql {
  if (stores === null) return Prisma.empty;
  if (stores.length === 0) return Prisma.sql`AND false`;
  if (stores.length === 1) return Prisma.sql`AND ${column} = ${stores[0]}::uuid`;
  return Prisma.sql`AND ${column} = ANY(${stores}::uuid[])`;
}

/** `AND (owner … OR department …)` on a rollup's owner_user_id and department_id columns. */
export function customerCondition(filter: ScopeFilter, alias: string): Prisma.Sql {
  if (filter.all) return Prisma.empty;
  const owner = Prisma.raw(`${alias}.owner_user_id`);
  const dept = Prisma.raw(`${alias}.department_id`);
  const arms: Prisma.Sql[] = [];
  if (filter.userIds.length) arms.push(Prisma.sql`${owner} = ANY(${filter.userIds}::uuid[])`);
  if (filter.departmentIds.length) arms.push(Prisma.sql`${dept} = ANY(${filter.departmentIds}::uuid[])`);
  if (!arms.length) return Prisma.sql`AND false`;
  return Prisma.sql`AND (${Prisma.join(arms, " OR ")})`;
}
