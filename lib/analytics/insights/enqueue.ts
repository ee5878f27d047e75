// Producer of the `analytics` job (clusters and basket rules). Requests for a tenant
// collapse while one waits, and one made during a run queues exactly one follow-up
// (BullMQ deduplication with keepLastIfActive), as for scoring.
import type { z } from "zod";
import { queueFor } from "@/lib/jobs/queues";
import { analyticsJob } from "@/lib/jobs/definitions";

export async function enqueueAnalytics(tenantId: string, options: Omit<z.input<typeof analyticsJob.schema>, "tenantId"> = {}) {
  const data = analyticsJob.schema.parse({ ...options, tenantId });
  return queueFor(analyticsJob).add(analyticsJob.name, data, {
    deduplication: { id: `analytics:${data.tenantId}:${[...data.parts].sort().join("+")}`, keepLastIfActive: true },
  });
}

export const nightlyAnalyticsSchedulerId = (tenantId: string) => `analytics-nightly:${tenantId}`;

/**
 * Registers (or moves) the tenant's nightly basket-rules run, by default at 04:00
 * in its time zone, after the 02:30 scoring run. The clusters are not in it: the
 * scoring run fits them every night (lib/analytics/scoring/run.ts). Idempotent
 * (upsert of the same scheduler id).
 */
export async function scheduleNightlyAnalytics(tenantId: string, options: { timeZone: string; hour?: number; minute?: number }) {
  const data = analyticsJob.schema.parse({ tenantId, parts: ["basket"] });
  const hour = options.hour ?? 4;
  const minute = options.minute ?? 0;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new RangeError("hour 0–23 and minute 0–59");
  }
  return queueFor(analyticsJob).upsertJobScheduler(
    nightlyAnalyticsSchedulerId(data.tenantId),
    { pattern: `${minute} ${hour} * * *`, tz: options.timeZone },
    { name: analyticsJob.name, data, opts: analyticsJob.options },
  );
}

export async function removeNightlyAnalytics(tenantId: string): Promise<boolean> {
  return queueFor(analyticsJob).removeJobScheduler(nightlyAnalyticsSchedulerId(tenantId));
}
