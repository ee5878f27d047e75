// The job path end to end on a real Redis and Postgres: the app enqueues, a worker
// (started here, as workers/main.ts starts it) re-parses the payload, runs it in
// the tenant's context, records a job_runs row, and beats its heartbeat.
import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { enqueue, queueEventsFor, queueFor } from "@/lib/jobs/queues";
import { healthCheckJob } from "@/lib/jobs/definitions";
import { lastBeat } from "@/lib/jobs/heartbeat";
import { sharedRedis } from "@/lib/redis";
import { withTenant } from "@/lib/db/tenant";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { withTestWorker } from "@/tests/support/test-worker";

const run = promisify(execFile);
let t: TestTenant;

withTestWorker();

beforeAll(async () => {
  t = await createTenant("Jobs");
});

describe("jobs", () => {
  it("uses a hash-tagged prefix so a queue's keys share one Redis Cluster slot", async () => {
    expect(queueFor(healthCheckJob).opts.prefix).toMatch(/^\{[^}]+\}$/);
  });

  it("runs a health-check job in the tenant's context and records it", async () => {
    const events = queueEventsFor(healthCheckJob);
    await events.waitUntilReady();
    const nonce = randomUUID();
    const job = await enqueue(healthCheckJob, { tenantId: t.tenantId, requestedBy: t.ownerUserId, nonce });
    const result = await job.waitUntilFinished(events, 15_000);
    await events.close();
    expect(result).toEqual({ tenantVisible: true, nonce });
    const run = await withTenant(t.owner, (tx) => tx.jobRun.findFirst({ where: { jobName: "health-check", jobId: String(job.id) } }));
    expect(run).toMatchObject({ status: "succeeded", result: { nonce } });
  });

  it("refuses to enqueue a payload without a valid tenant id", async () => {
    await expect(enqueue(healthCheckJob, { tenantId: "not-a-uuid", requestedBy: null, nonce: "x" })).rejects.toThrow();
  });

  it("the worker re-parses payloads: a forged job put on the queue directly fails without running", async () => {
    const events = queueEventsFor(healthCheckJob);
    await events.waitUntilReady();
    const job = await queueFor(healthCheckJob).add("health-check", { tenantId: "'; DROP TABLE customers; --", nonce: "x" }, { attempts: 1 });
    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow(/uuid|Invalid/i);
    await events.close();
  });

  it("a script that used a queue and queue events exits once it closes them", async () => {
    // BullMQ never closes a connection it was handed; the demo seeder hung on exactly that.
    const script = `
      const { closeQueues, queueEventsFor, queueFor } = await import("@/lib/jobs/queues");
      const { healthCheckJob } = await import("@/lib/jobs/definitions");
      const events = queueEventsFor(healthCheckJob);
      await events.waitUntilReady();
      console.log("jobs waiting:", await queueFor(healthCheckJob).count());
      await events.close();
      await closeQueues();`;
    // Killed (and so rejected) if it is still running after 30 s.
    const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { timeout: 30_000, env: process.env });
    expect(stdout).toMatch(/^jobs waiting: \d+$/m);
  });

  it("beats a heartbeat that /api/health reads", async () => {
    const beat = await lastBeat(sharedRedis());
    expect(beat?.queues).toContain("health-check");
    expect(Date.now() - Date.parse(beat!.at)).toBeLessThan(30_000);
  });
});
