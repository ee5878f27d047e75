// The tenant's zone and currency, for dates and money on the campaign pages.
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { usableTimeZone } from "@/lib/tenants/time-zone";

export function tenantDisplay(ctx: AuthContext): Promise<{ timeZone: string; currency: string }> {
  return withTenant(ctx, async (tx) => {
    const t = await tx.tenant.findUnique({ where: { id: ctx.tenantId }, select: { timezone: true, currency: true } });
    return { timeZone: usableTimeZone(t?.timezone), currency: t?.currency && /^[A-Z]{3}$/.test(t.currency) ? t.currency : "CNY" };
  });
}
