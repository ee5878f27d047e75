// Producers of scoring runs: after an import, and nightly per tenant through a
// BullMQ job scheduler. The app calls these; the worker runs the job.
import { queueFor } from "@/lib/jobs/queues";
import { scoringJob } from "@/lib/jobs/definitions";

/**
 * Queues a scoring run for the tenant (today in its time zone, or `asOf`).
 * Calls made while a run for the tenant is waiting collapse into it, and one
 * made while a run is active queues exactly one follow-up (BullMQ deduplication
 * with keepLastIfActive), so an import finishing mid-run is still scored.
 */
export async function enqueueScoring(tenantId: string, options: { asOf?: string } = {}) {
  const data = scoringJob.schema.parse({ tenantId, asOf: options.asOf });
  return queueFor(scoringJob).add(scoringJob.name, data, {
    deduplication: { id: `scoring:${data.tenantId}:${data.asOf ?? "today"}`, keepLastIfActive: true },
  });
}

export type NightlyOptions = {
  /** The tenant's time zone (tenants.timezone); the cron runs in it. */
  timeZone: string;
  /** Local time of the run; default 02:30. */
  hour?: number;
  minute?: number;
};

export const nightlySchedulerId = (tenantId: string) => `scoring-nightly:${tenantId}`;

/**
 * Registers (or moves) the tenant's nightly scoring run. Idempotent: upserting
 * the same scheduler id replaces it. Call it when a tenant is created and when
 * its time zone changes.
 */
export async function scheduleNightlyScoring(tenantId: string, options: NightlyOptions) {
  const data = scoringJob.schema.parse({ tenantId });
  const hour = options.hour ?? 2;
  const minute = options.minute ?? 30;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new RangeError("hour 0–23 and minute 0–59");
  }
  return queueFor(scoringJob).upsertJobScheduler(
    nightlySchedulerId(data.tenantId),
    { pattern: `${minute} ${hour} * * *`, tz: options.timeZone },
    { name: scoringJob.name, data, opts: scoringJob.options },
  );
}

export async function removeNightlyScoring(tenantId: string): Promise<boolean> {
  return queueFor(scoringJob).removeJobScheduler(nightlySchedulerId(tenantId));
}
