// Keeps every tenant's nightly jobs registered as BullMQ job schedulers (stored in
// Redis, so any number of workers agree). Upserts are idempotent: run at start and
// hourly, a new tenant is scheduled within the hour; a changed time zone moves it.
import { scheduleNightlyScoring } from "@/lib/analytics/scoring/enqueue";
import { scheduleNightlyAnalytics } from "@/lib/analytics/insights/enqueue";
import { scheduleRollups } from "@/lib/rollups/enqueue";
import { usableTimeZone } from "@/lib/tenants/time-zone";
import { unsafeListTenants } from "@/lib/tenants/unsafe-list-tenants";

export const SCHEDULE_SYNC_INTERVAL_MS = 60 * 60 * 1000;

export async function syncTenantSchedules(): Promise<number> {
  const tenants = await unsafeListTenants();
  for (const t of tenants) {
    await scheduleNightlyScoring(t.id, { timeZone: usableTimeZone(t.timezone) });
    // Dashboards: the last days hourly, everything nightly after the scores.
    await scheduleRollups(t.id, { timeZone: usableTimeZone(t.timezone) });
    // Clusters and basket rules at 04:00, from the 02:30 scores.
    await scheduleNightlyAnalytics(t.id, { timeZone: usableTimeZone(t.timezone) });
  }
  return tenants.length;
}
