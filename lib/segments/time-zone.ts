// The tenant's zone for dates on the segment and campaign pages.
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { tenantTimeZone } from "@/lib/tenants/time-zone";

export function tenantTimeZoneOf(ctx: AuthContext): Promise<string> {
  return withTenant(ctx, (tx) => tenantTimeZone(tx, ctx.tenantId));
}
