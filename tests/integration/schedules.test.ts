// The worker keeps a nightly scoring scheduler per tenant, in the tenant's zone,
// registered in Redis (so every worker instance sees the same ones).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { syncTenantSchedules } from "@/workers/schedules";
import { nightlySchedulerId } from "@/lib/analytics/scoring/enqueue";
import { queueFor, closeQueues } from "@/lib/jobs/queues";
import { rollupsJob, scoringJob } from "@/lib/jobs/definitions";
import { rollupSchedulerIds } from "@/lib/rollups/enqueue";
import { closeSharedRedis } from "@/lib/redis";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";

let t: TestTenant;

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `{crmtest-${randomUUID().slice(0, 8)}}`;
  t = await createTenant("Schedules");
});

afterAll(async () => {
  await closeQueues();
  await closeSharedRedis();
});

describe("tenant schedules", () => {
  it("registers one nightly scoring scheduler per tenant, idempotently", async () => {
    const n = await syncTenantSchedules();
    expect(n).toBeGreaterThan(0);
    await syncTenantSchedules();
    const schedulers = await queueFor(scoringJob).getJobSchedulers();
    const mine = schedulers.filter((s) => s.key === nightlySchedulerId(t.tenantId));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.pattern).toBe("30 2 * * *");
    expect(mine[0]!.tz).toBe("Asia/Shanghai");
    expect(schedulers).toHaveLength(n);
  });

  it("registers the hourly and nightly dashboard rollups per tenant in its zone, idempotently", async () => {
    await syncTenantSchedules();
    const n = await syncTenantSchedules();
    const schedulers = await queueFor(rollupsJob).getJobSchedulers();
    const ids = rollupSchedulerIds(t.tenantId);
    const recent = schedulers.filter((s) => s.key === ids.recent);
    const full = schedulers.filter((s) => s.key === ids.full);
    expect(recent).toHaveLength(1);
    expect(full).toHaveLength(1);
    expect(recent[0]!.tz).toBe("Asia/Shanghai");
    expect(full[0]!.pattern).toBe("30 3 * * *");
    expect(schedulers).toHaveLength(2 * n);
  });
});
