// The worker process: one BullMQ Worker per job definition, a heartbeat for
// /api/health, and a graceful shutdown on SIGTERM/SIGINT (in-flight jobs finish,
// nothing new is taken; a killed process's jobs are retried by BullMQ's stall check).
import "dotenv/config";
import os from "node:os";
import { Worker } from "bullmq";
import { queuePrefix } from "@/lib/config/env";
import { createRedis, sharedRedis, closeSharedRedis } from "@/lib/redis";
import { closePools } from "@/lib/db/pools";
import { beat, HEARTBEAT_INTERVAL_MS } from "@/lib/jobs/heartbeat";
import { PROCESSORS } from "@/workers/registry";
import { runJob } from "@/workers/run-job";
import { SCHEDULE_SYNC_INTERVAL_MS, syncTenantSchedules } from "@/workers/schedules";

/** `schedules`: also keep every tenant's nightly job schedulers registered (the worker process does; tests don't). */
export function startWorkers(options: { schedules?: boolean } = {}) {
  const workers = PROCESSORS.map(
    (entry) =>
      new Worker(entry.def.name, (job) => runJob(entry, job), {
        connection: createRedis({ forBullmq: true }),
        prefix: queuePrefix(),
        concurrency: entry.def.concurrency,
      }),
  );
  for (const w of workers) w.on("failed", (job, err) => console.error(`[worker] ${w.name} job ${job?.id} failed: ${err.message}`));
  const info = { pid: process.pid, host: os.hostname(), queues: PROCESSORS.map((p) => p.def.name) };
  const tick = () => beat(sharedRedis(), info).catch((err) => console.error("[worker] heartbeat failed", err.message));
  void tick();
  const timer = setInterval(tick, HEARTBEAT_INTERVAL_MS);
  const sync = () => syncTenantSchedules().catch((err) => console.error("[worker] schedule sync failed", err.message));
  if (options.schedules) void sync();
  const syncTimer = options.schedules ? setInterval(sync, SCHEDULE_SYNC_INTERVAL_MS) : null;

  let stopping = false;
  async function stop() {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    if (syncTimer) clearInterval(syncTimer);
    await Promise.all(workers.map((w) => w.close()));
    await closeSharedRedis();
    await closePools();
  }
  return { workers, stop };
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("workers/main.ts");
if (isMain) {
  const { stop } = startWorkers({ schedules: true });
  console.log(`[worker] started (pid ${process.pid}, queues: ${PROCESSORS.map((p) => p.def.name).join(", ")})`);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      console.log(`[worker] ${signal}: finishing in-flight jobs`);
      stop().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
    });
  }
}
