// The worker of an integration test file: started (on a queue prefix of its own, so
// parallel files never take each other's jobs) before the file's tests, stopped with
// the queue and Redis connections after them. Call once at the top of the file.
import { afterAll, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import { closeQueues } from "@/lib/jobs/queues";
import { closeSharedRedis } from "@/lib/redis";
import { startWorkers } from "@/workers/main";

export function withTestWorker(): void {
  let worker: ReturnType<typeof startWorkers> | undefined;
  beforeAll(() => {
    process.env.QUEUE_PREFIX = `{crmtest-${randomUUID().slice(0, 8)}}`;
    worker = startWorkers();
  });
  afterAll(async () => {
    await worker?.stop();
    await closeQueues();
    await closeSharedRedis();
  });
}
