// The tenant's time zone: for calendar days in filters, rollup days and dates on
// screen. UTC when the stored name is one JavaScript or Postgres would refuse.
import type { TenantTx } from "@/lib/db/tenant";

export function usableTimeZone(tz: string | null | undefined): string {
  if (!tz || !/^[A-Za-z0-9_+\-/]+$/.test(tz)) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz;
  } catch {
    return "UTC";
  }
}

export async function tenantTimeZone(tx: TenantTx, tenantId: string): Promise<string> {
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { timezone: true } });
  return usableTimeZone(tenant?.timezone);
}
