// The rollups job end to end: enqueueRollups → Redis → the worker re-parses the
// payload and refreshes in the tenant's context → "data as of" appears; and the
// per-tenant schedules (hourly recent days, nightly full) register idempotently.
import { beforeAll, describe, expect, it } from "vitest";
import { enqueueRollups, rollupSchedulerIds, scheduleRollups, unscheduleRollups } from "@/lib/rollups/enqueue";
import { queueEventsFor, queueFor } from "@/lib/jobs/queues";
import { rollupsJob } from "@/lib/jobs/definitions";
import { withTenant } from "@/lib/db/tenant";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addOrder, createCustomer } from "@/tests/factories/customers";
import { withTestWorker } from "@/tests/support/test-worker";

let t: TestTenant;

withTestWorker();

beforeAll(async () => {
  t = await createTenant("Rollups job");
  const c = await createCustomer(t, { name: "买家", province: "广东省", city: "广州市" });
  await addOrder(t, c.id, { orderedAt: new Date("2026-05-01T10:00:00+08:00"), paidAt: new Date("2026-05-01T10:00:00+08:00"), items: [{ productName: "手机", quantity: 1, unitPrice: "1999.00" }] });
});

describe("rollups job", () => {
  it("refreshes the tenant's rollups through the worker and records the run", async () => {
    const events = queueEventsFor(rollupsJob);
    await events.waitUntilReady();
    const job = await enqueueRollups(t.tenantId, { reason: "manual" });
    const result = await job.waitUntilFinished(events, 60_000);
    await events.close();
    expect(result).toMatchObject({ full: true, reason: "manual", step: "orders", timeZone: "Asia/Shanghai" });
    const state = await withTenant(t.owner, (tx) => tx.rollupState.findUnique({ where: { tenantId: t.tenantId } }));
    expect(state?.dataTo?.toISOString().slice(0, 10)).toBe("2026-05-01");
    const [row] = await withTenant(t.owner, (tx) => tx.$queryRaw<{ revenue: number }[]>`SELECT sum(revenue)::float8 AS revenue FROM rollup_sales_daily`);
    expect(row!.revenue).toBe(1999);
    const run = await withTenant(t.owner, (tx) => tx.jobRun.findFirst({ where: { jobName: "rollups", jobId: String(job.id) } }));
    expect(run).toMatchObject({ status: "succeeded" });
    // The full refresh queued its second step, the repurchase rows.
    await expect.poll(async () => {
      const runs = await withTenant(t.owner, (tx) => tx.jobRun.findMany({ where: { jobName: "rollups", status: "succeeded" } }));
      return runs.map((r) => (r.result as { step?: string } | null)?.step).sort();
    }, { timeout: 30_000 }).toEqual(["orders", "repurchase"]);
    const repurchase = await withTenant(t.owner, (tx) => tx.rollupRepurchase.count());
    expect(repurchase).toBeGreaterThan(0);
  });

  it("refuses a payload with a bad day before it reaches the queue", async () => {
    await expect(enqueueRollups(t.tenantId, { fromDay: "2026-02-30x" })).rejects.toThrow();
  });

  it("registers an hourly and a nightly schedule per tenant in its zone, idempotently", async () => {
    await scheduleRollups(t.tenantId, { timeZone: "Asia/Shanghai" });
    await scheduleRollups(t.tenantId, { timeZone: "Asia/Urumqi" });
    const ids = rollupSchedulerIds(t.tenantId);
    const mine = (await queueFor(rollupsJob).getJobSchedulers()).filter((s) => s.key === ids.recent || s.key === ids.full);
    expect(mine.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
      [ids.full, "30 3 * * *", "Asia/Urumqi"],
      [ids.recent, "7 * * * *", "Asia/Urumqi"],
    ]);
    await unscheduleRollups(t.tenantId);
    expect((await queueFor(rollupsJob).getJobSchedulers()).filter((s) => s.key === ids.recent || s.key === ids.full)).toEqual([]);
  });
});
