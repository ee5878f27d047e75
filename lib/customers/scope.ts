// Which customers the caller may see: the data scope of their grant of a permission
// (customer:read for the list and the 360 view), resolved once per request and
// ANDed into every query as SQL. No grant means no rows, never "all".
import type { AuthContext } from "@/lib/auth/context";
import { scopeOf } from "@/lib/auth/context";
import type { PermissionKey } from "@/lib/auth/catalog";
import { resolveDataScope, type ScopeFilter } from "@/lib/auth/data-scope";
import type { TenantTx } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client.ts";

export async function customerScope(tx: TenantTx, ctx: AuthContext, permission: PermissionKey = "customer:read"): Promise<ScopeFilter> {
  const scope = scopeOf(ctx, permission);
  if (!scope) throw forbidden(permission);
  return resolveDataScope(tx, ctx, scope);
}

/** The scope as a condition on customers aliased `c`; null for "all". */
export function scopeSql(filter: ScopeFilter): Prisma.Sql | null {
  if (filter.all) return null;
  const arms: Prisma.Sql[] = [];
  // A single owner is written as equality, so the (tenant_id, owner_user_id,
  // created_at, id) index serves "my customers, newest first" in index order.
  if (filter.userIds.length === 1) arms.push(Prisma.sql`c.owner_user_id = ${filter.userIds[0]}::uuid`);
  else if (filter.userIds.length > 1) arms.push(Prisma.sql`c.owner_user_id = ANY(${filter.userIds}::uuid[])`);
  if (filter.departmentIds.length) arms.push(Prisma.sql`c.department_id = ANY(${filter.departmentIds}::uuid[])`);
  if (!arms.length) return Prisma.sql`false`;
  return arms.length === 1 ? arms[0]! : Prisma.sql`(${Prisma.join(arms, " OR ")})`;
}

/** The same test for one customer already read. */
export function inScope(filter: ScopeFilter, row: { ownerUserId: string | null; departmentId: string | null }): boolean {
  if (filter.all) return true;
  return (row.ownerUserId !== null && filter.userIds.includes(row.ownerUserId))
    || (row.departmentId !== null && filter.departmentIds.includes(row.departmentId));
}
