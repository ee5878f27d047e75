// Producers of the rollups job, for the places that change what dashboards show:
// after an import (enqueueRollups with the first day the import touched), after a
// scoring run (enqueueScoreRollups: the score buckets, cheaply), and
// on a schedule (scheduleRollups: the last days every hour, everything every night,
// per tenant, as BullMQ job schedulers — any number of callers, one schedule).
import { queueFor } from "@/lib/jobs/queues";
import { rollupsJob } from "@/lib/jobs/definitions";

export type EnqueueRollupsOptions = {
  /** First calendar day (tenant time zone) whose orders changed; omitted = rebuild everything. */
  fromDay?: string;
  reason?: "import" | "scores" | "schedule" | "manual";
};

/**
 * Queues a refresh. Calls for the same tenant and start day made while one is waiting
 * collapse into it; one made while it runs queues exactly one follow-up (BullMQ
 * deduplication with keepLastIfActive), so an import finishing mid-refresh is counted.
 */
export async function enqueueRollups(tenantId: string, opts: EnqueueRollupsOptions = {}) {
  const data = rollupsJob.schema.parse({ tenantId, fromDay: opts.fromDay, reason: opts.reason ?? (opts.fromDay ? "import" : "manual"), step: "orders" });
  return queueFor(rollupsJob).add(rollupsJob.name, data, {
    deduplication: { id: `rollups:${data.tenantId}:${data.fromDay ?? "all"}`, keepLastIfActive: true },
  });
}

/**
 * After a scoring run: the score buckets (and customer regions) only — the "orders"
 * step over the last two days, without the whole-history repurchase step.
 */
export async function enqueueScoreRollups(tenantId: string) {
  const data = rollupsJob.schema.parse({ tenantId, recentDays: 2, reason: "scores", step: "orders" });
  return queueFor(rollupsJob).add(rollupsJob.name, data, {
    deduplication: { id: `rollups:${data.tenantId}:scores`, keepLastIfActive: true },
  });
}

export type RollupSchedule = {
  /** The tenant's time zone (tenants.timezone); the crons run in it. */
  timeZone: string;
  /** Cron of the recent-days refresh (default: every hour at :07). */
  recentPattern?: string;
  /** How many days the hourly refresh rebuilds (default 35: late payments, shipments, refunds). */
  recentDays?: number;
  /** Cron of the full rebuild (default 03:30, after the nightly scoring at 02:30). */
  fullPattern?: string;
};

export const rollupSchedulerIds = (tenantId: string) => ({ recent: `rollups-recent:${tenantId}`, full: `rollups-full:${tenantId}` });

/** Registers (or moves) the tenant's two rollup schedules. Idempotent: upserting an id replaces it. */
export async function scheduleRollups(tenantId: string, opts: RollupSchedule) {
  const queue = queueFor(rollupsJob);
  const ids = rollupSchedulerIds(tenantId);
  const tz = opts.timeZone;
  await queue.upsertJobScheduler(ids.recent, { pattern: opts.recentPattern ?? "7 * * * *", tz }, {
    name: rollupsJob.name,
    data: rollupsJob.schema.parse({ tenantId, recentDays: opts.recentDays ?? 35, reason: "schedule" }),
    opts: rollupsJob.options,
  });
  await queue.upsertJobScheduler(ids.full, { pattern: opts.fullPattern ?? "30 3 * * *", tz }, {
    name: rollupsJob.name,
    data: rollupsJob.schema.parse({ tenantId, reason: "schedule" }),
    opts: rollupsJob.options,
  });
  return ids;
}

/** Removes the tenant's rollup schedules (tenant closed). */
export async function unscheduleRollups(tenantId: string): Promise<void> {
  const queue = queueFor(rollupsJob);
  const ids = rollupSchedulerIds(tenantId);
  await Promise.all([queue.removeJobScheduler(ids.recent), queue.removeJobScheduler(ids.full)]);
}
