// The worker of an integration test file: started (on a queue prefix of its own, so
// parallel files never take each other's jobs and delayed jobs of an earlier run never
// wake up here) before the file's tests, stopped with the queue and Redis connections
// after them. Call once at the top of the file. `{ lazy: true }` sets the prefix but
// starts the worker only when the test calls start(): for a test that looks at the
// queued jobs before a worker takes them.
import { afterAll, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import { closeQueues } from "@/lib/jobs/queues";
import { closeSharedRedis } from "@/lib/redis";
import { startWorkers } from "@/workers/main";

export function withTestWorker(opts: { lazy?: boolean } = {}): { start: () => void } {
  let worker: ReturnType<typeof startWorkers> | undefined;
  const start = () => {
    worker ??= startWorkers();
  };
  beforeAll(() => {
    const base = (process.env.TEST_QUEUE_PREFIX || "crmtest").replace(/[{}]/g, "");
    process.env.QUEUE_PREFIX = `{${base}-${randomUUID().slice(0, 8)}}`;
    if (!opts.lazy) start();
  });
  afterAll(async () => {
    await worker?.stop();
    await closeQueues();
    await closeSharedRedis();
  });
  return { start };
}
