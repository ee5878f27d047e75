// Data scopes follow the organisation: own; own and subordinates (the manager
// chain below me); my department; my department and its sub-departments; all.
// A resolved scope is a list of owner user ids and department ids; every query of
// scoped data ANDs it in (scopeWhere). A user always sees what they own.
import type { DataScope } from "@/lib/auth/catalog";
import type { TenantTx } from "@/lib/db/tenant";

export type ScopeFilter = { all: true } | { all: false; userIds: string[]; departmentIds: string[] };

type Who = { userId: string; departmentId: string | null };

export async function resolveDataScope(tx: TenantTx, who: Who, scope: DataScope): Promise<ScopeFilter> {
  switch (scope) {
    case "all":
      return { all: true };
    case "own":
      return { all: false, userIds: [who.userId], departmentIds: [] };
    case "own_and_subordinates": {
      const rows = await tx.$queryRaw<{ user_id: string }[]>`
        WITH RECURSIVE team AS (
          SELECT user_id FROM memberships WHERE user_id = ${who.userId}::uuid
          UNION
          SELECT m.user_id FROM memberships m JOIN team t ON m.manager_user_id = t.user_id
        ) SELECT user_id::text FROM team`;
      return { all: false, userIds: rows.map((r) => r.user_id), departmentIds: [] };
    }
    case "department":
      return { all: false, userIds: [who.userId], departmentIds: who.departmentId ? [who.departmentId] : [] };
    case "department_tree": {
      if (!who.departmentId) return { all: false, userIds: [who.userId], departmentIds: [] };
      const rows = await tx.$queryRaw<{ id: string }[]>`
        WITH RECURSIVE tree AS (
          SELECT id FROM departments WHERE id = ${who.departmentId}::uuid
          UNION
          SELECT d.id FROM departments d JOIN tree t ON d.parent_id = t.id
        ) SELECT id::text FROM tree`;
      return { all: false, userIds: [who.userId], departmentIds: rows.map((r) => r.id) };
    }
  }
}

/** A Prisma `where` fragment for rows with an owner and a department column. */
export function scopeWhere<O extends string, D extends string>(
  filter: ScopeFilter,
  columns: { owner: O; department: D },
): Record<string, unknown> {
  if (filter.all) return {};
  return {
    OR: [
      { [columns.owner]: { in: filter.userIds } },
      ...(filter.departmentIds.length ? [{ [columns.department]: { in: filter.departmentIds } }] : []),
    ],
  };
}
