// Which members an admin may see or change: the data scope of their user:read or
// user:manage grant, applied to the membership's own user and department.
import { scopeOf, type AuthContext } from "@/lib/auth/context";
import { resolveDataScope, scopeWhere } from "@/lib/auth/data-scope";
import type { PermissionKey } from "@/lib/auth/catalog";
import type { TenantTx } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";

export async function memberScopeWhere(tx: TenantTx, ctx: AuthContext, permission: PermissionKey) {
  const scope = scopeOf(ctx, permission);
  if (!scope) throw forbidden(permission);
  const filter = await resolveDataScope(tx, ctx, scope);
  return scopeWhere(filter, { owner: "userId", department: "departmentId" });
}
