// The caller's tenant context: membership, effective grants (the widest data scope
// per permission across their roles) and where they sit in the organisation.
import { SCOPE_RANK, type DataScope, type PermissionKey } from "@/lib/auth/catalog";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import type { SessionUser } from "@/lib/auth/session";

export type AuthContext = {
  tenantId: string;
  userId: string;
  email: string;
  name: string;
  tenantName: string;
  locale: "zh-CN" | "en";
  departmentId: string | null;
  grants: ReadonlyMap<string, DataScope>;
};

export function can(ctx: AuthContext, permission: PermissionKey): boolean {
  return ctx.grants.has(permission);
}

export function scopeOf(ctx: AuthContext, permission: PermissionKey): DataScope | null {
  return ctx.grants.get(permission) ?? null;
}

/** null when the user is not an active member of the tenant (removed, disabled). */
export async function loadAuthContext(session: SessionUser): Promise<AuthContext | null> {
  return withTenant(session, (tx) => readAuthContext(tx, session));
}

/** The same, inside a transaction already bound to session.tenantId (acting as another member of that tenant). */
export async function readAuthContext(tx: TenantTx, session: SessionUser): Promise<AuthContext | null> {
  const membership = await tx.membership.findUnique({
    where: { tenantId_userId: { tenantId: session.tenantId, userId: session.userId } },
    include: { user: true, roles: { include: { role: { include: { permissions: true } } } } },
  });
  if (!membership || membership.status !== "active") return null;
  const tenant = await tx.tenant.findUnique({ where: { id: session.tenantId } });
  if (!tenant) return null;
  const grants = new Map<string, DataScope>();
  for (const { role } of membership.roles) {
    for (const g of role.permissions) {
      const scope = g.dataScope as DataScope;
      const prev = grants.get(g.permissionKey);
      if (!prev || SCOPE_RANK[scope] > SCOPE_RANK[prev]) grants.set(g.permissionKey, scope);
    }
  }
  return {
    tenantId: session.tenantId,
    userId: session.userId,
    email: membership.user.email,
    name: membership.user.name,
    tenantName: tenant.name,
    locale: (membership.user.locale ?? tenant.locale) === "en" ? "en" : "zh-CN",
    departmentId: membership.departmentId,
    grants,
  };
}
