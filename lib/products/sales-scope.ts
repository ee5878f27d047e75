// Sales figures of products and stores come from orders, so they are counted only
// over the orders the caller may read: those of the customers inside the scope of
// their order:read grant (lib/customers/scope.ts). Without order:read there are no
// figures at all (null), rather than tenant-wide numbers the user may not see.
import { can, type AuthContext } from "@/lib/auth/context";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import type { TenantTx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";

/** A condition on `customers c` (live, inside the order:read scope), or null when the caller may not read orders. */
export async function orderScopeSql(tx: TenantTx, ctx: AuthContext): Promise<Prisma.Sql | null> {
  if (!can(ctx, "order:read")) return null;
  const scope = scopeSql(await customerScope(tx, ctx, "order:read"));
  return scope ? Prisma.sql`c.deleted_at IS NULL AND ${scope}` : Prisma.sql`c.deleted_at IS NULL`;
}
