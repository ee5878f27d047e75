// Kept for the customer code's imports; the one definition is lib/tenants/time-zone.ts.
export { tenantTimeZone, usableTimeZone } from "@/lib/tenants/time-zone";
