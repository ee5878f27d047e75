// The first dashboard figures: customers and orders the viewer may see, counted
// under their data scope (a sales user counts their own customers, not the tenant's).
import type { AuthContext } from "@/lib/auth/context";
import { scopeOf } from "@/lib/auth/context";
import { resolveDataScope, scopeWhere } from "@/lib/auth/data-scope";
import { withTenant } from "@/lib/db/tenant";

export async function overview(ctx: AuthContext) {
  return withTenant(ctx, async (tx) => {
    const customerScope = scopeOf(ctx, "customer:read");
    const orderScope = scopeOf(ctx, "order:read");
    const cols = { owner: "ownerUserId", department: "departmentId" } as const;
    const customers = customerScope
      ? await tx.customer.count({ where: { deletedAt: null, ...scopeWhere(await resolveDataScope(tx, ctx, customerScope), cols) } })
      : null;
    const orders = orderScope
      ? await tx.order.count({ where: { customer: scopeWhere(await resolveDataScope(tx, ctx, orderScope), cols) } })
      : null;
    return { customers, orders };
  });
}
