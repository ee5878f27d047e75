// Reading roles for the admin pages. Every read runs in the caller's tenant, so a
// role id from another tenant simply is not there (RLS) and reads as "not found".
import { RESOURCES, SYSTEM_ROLE_KEYS, type DataScope } from "@/lib/auth/catalog";
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import type { Locale } from "@/lib/i18n/translate";

export type RoleSummary = {
  id: string;
  name: string;
  description: string | null;
  systemKey: string | null;
  memberCount: number;
  permissionCount: number;
};

export type RoleDetail = RoleSummary & { grants: Record<string, DataScope> };

/** System roles first, in the catalog's order, then custom roles by name. */
function roleOrder(a: RoleSummary, b: RoleSummary): number {
  const rank = (r: RoleSummary) => (r.systemKey ? SYSTEM_ROLE_KEYS.indexOf(r.systemKey as never) : SYSTEM_ROLE_KEYS.length);
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

export async function listRoles(ctx: AuthContext): Promise<RoleSummary[]> {
  const rows = await withTenant(ctx, (tx) =>
    tx.role.findMany({ include: { _count: { select: { users: true, permissions: true } } } }),
  );
  return rows
    .map((r) => ({
      id: r.id, name: r.name, description: r.description, systemKey: r.systemKey,
      memberCount: r._count.users, permissionCount: r._count.permissions,
    }))
    .sort(roleOrder);
}

export async function getRole(ctx: AuthContext, roleId: string): Promise<RoleDetail | null> {
  const role = await withTenant(ctx, (tx) =>
    tx.role.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: roleId } },
      include: { permissions: true, _count: { select: { users: true } } },
    }),
  );
  if (!role) return null;
  return {
    id: role.id, name: role.name, description: role.description, systemKey: role.systemKey,
    memberCount: role._count.users, permissionCount: role.permissions.length,
    grants: Object.fromEntries(role.permissions.map((p) => [p.permissionKey, p.dataScope as DataScope])),
  };
}

export type MatrixRow = { key: string; name: string; actions: string[] };

/** Columns of the matrix: every action in the catalog, in the order it first appears. */
export const MATRIX_ACTIONS: readonly string[] = [...new Set(RESOURCES.flatMap((r) => r.actions as readonly string[]))];

/** Rows of the matrix, from the global resources/permissions tables (synchronised from the catalog). */
export async function permissionMatrixRows(ctx: AuthContext, locale: Locale): Promise<MatrixRow[]> {
  const resources = await withTenant(ctx, (tx) =>
    tx.resource.findMany({ include: { permissions: true }, orderBy: [{ sort: "asc" }, { key: "asc" }] }),
  );
  const column = (a: string) => MATRIX_ACTIONS.indexOf(a);
  return resources.map((r) => ({
    key: r.key,
    name: locale === "en" ? r.nameEn : r.nameZh,
    actions: r.permissions.map((p) => p.action).sort((a, b) => column(a) - column(b)),
  }));
}
