// Which care tasks a caller may see or change: the data scope of their grant of a
// permission (care_task:read to list, care_task:update to record an outcome,
// care_task:assign to reassign), applied to the task's ASSIGNEE — "own" is the tasks
// assigned to me; department scopes are tasks assigned to members of those
// departments. No grant means no rows. As SQL on care_tasks aliased `ct`.
import type { AuthContext } from "@/lib/auth/context";
import { scopeOf } from "@/lib/auth/context";
import type { PermissionKey } from "@/lib/auth/catalog";
import { resolveDataScope, type ScopeFilter } from "@/lib/auth/data-scope";
import type { TenantTx } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client.ts";

export async function taskScope(tx: TenantTx, ctx: AuthContext, permission: PermissionKey): Promise<ScopeFilter> {
  const scope = scopeOf(ctx, permission);
  if (!scope) throw forbidden(permission);
  return resolveDataScope(tx, ctx, scope);
}

export function taskScopeSql(filter: ScopeFilter): Prisma.Sql {
  if (filter.all) return Prisma.sql`true`;
  const arms: Prisma.Sql[] = [];
  if (filter.userIds.length) arms.push(Prisma.sql`ct.assignee_user_id = ANY(${filter.userIds}::uuid[])`);
  if (filter.departmentIds.length) {
    arms.push(Prisma.sql`EXISTS (SELECT 1 FROM memberships am WHERE am.tenant_id = ct.tenant_id AND am.user_id = ct.assignee_user_id
                                 AND am.department_id = ANY(${filter.departmentIds}::uuid[]))`);
  }
  return arms.length ? Prisma.sql`(${Prisma.join(arms, " OR ")})` : Prisma.sql`false`;
}

/** May the caller act on tasks of this assignee (null = unassigned: only an "all" scope)? */
export async function assigneeInScope(tx: TenantTx, filter: ScopeFilter, assigneeUserId: string | null): Promise<boolean> {
  if (filter.all) return true;
  if (!assigneeUserId) return false;
  if (filter.userIds.includes(assigneeUserId)) return true;
  if (!filter.departmentIds.length) return false;
  const m = await tx.membership.findFirst({ where: { userId: assigneeUserId, departmentId: { in: filter.departmentIds } }, select: { userId: true } });
  return m !== null;
}
