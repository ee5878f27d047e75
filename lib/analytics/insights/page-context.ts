// What every analytics page needs besides its numbers: the tenant's time zone and
// currency, and the viewer's data scope of analytics:read (a region manager's
// cohorts and statistics cover their region only).
import type { AuthContext } from "@/lib/auth/context";
import type { ScopeFilter } from "@/lib/auth/data-scope";
import type { TenantTx } from "@/lib/db/tenant";
import { customerScope } from "@/lib/customers/scope";
import { usableTimeZone } from "@/lib/tenants/time-zone";

export type AnalyticsPageContext = { timeZone: string; currency: string; scope: ScopeFilter };

export async function analyticsPageContext(tx: TenantTx, ctx: AuthContext): Promise<AnalyticsPageContext> {
  const [tenant, scope] = await Promise.all([
    tx.tenant.findUnique({ where: { id: ctx.tenantId }, select: { timezone: true, currency: true } }),
    customerScope(tx, ctx, "analytics:read"),
  ]);
  return { timeZone: usableTimeZone(tenant?.timezone), currency: tenant?.currency ?? "CNY", scope };
}
