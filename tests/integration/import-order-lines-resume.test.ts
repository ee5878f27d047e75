// An order-line import whose worker dies mid-file (SIGKILL) is finished by the next
// worker with exactly the right rows — none lost, none twice — in the check and in
// the run, like the customer import (import-resume.test.ts).
import { afterAll, describe, expect, it, vi } from "vitest";
import { killHard, startWorkerProcess, stopAllWorkerProcesses, until } from "@/tests/support/worker-process";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant } from "@/tests/factories/tenants";
import { withTenant, withTenantPg } from "@/lib/db/tenant";
import { closeQueues } from "@/lib/jobs/queues";
import { closeSharedRedis } from "@/lib/redis";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

const { POST: upload } = await import("@/app/api/imports/route");
const { saveMappingAction, startImportAction } = await import("@/app/(app)/imports/actions");

type Who = { tenantId: string; userId: string };

afterAll(async () => {
  stopAllWorkerProcesses();
  await closeQueues();
  await closeSharedRedis();
});

/**
 * N lines, three per order; ten orders per customer (by phone); 150 SKUs. Every
 * 1000th line has a bad quantity: that line fails, and so do the two other lines of
 * its order.
 */
function bigOrderLines(n: number) {
  const lines = ["订单编号,下单时间,买家会员名,收货人手机,商品编码,商品名称,数量,单价"];
  let bad = 0;
  let total = 0;
  const badOrders = new Set<number>();
  for (let i = 1; i <= n; i++) {
    const k = Math.ceil(i / 3);
    const j = (i - 1) % 3;
    const g = Math.floor((k - 1) / 10);
    const isBad = i % 1000 === 0;
    if (isBad) { bad++; badOrders.add(k); }
    const qty = 1 + (i % 3);
    const price = 10 + (k % 7);
    const day = 1 + (k % 28);
    lines.push(`T${k},2024-02-${String(day).padStart(2, "0")} 10:00,nick${g},13${String(200_000_000 + g).slice(-9)},SKU-${k % 50}-${j},商品${k % 50}-${j},${isBad ? "x" : qty},${price}`);
    if (!isBad) total += qty * price;
  }
  let failedLines = 0;
  let badTotal = 0;
  for (let i = 1; i <= n; i++) {
    const k = Math.ceil(i / 3);
    if (!badOrders.has(k)) continue;
    failedLines++;
    if (i % 1000 !== 0) badTotal += (1 + (i % 3)) * (10 + (k % 7));
  }
  return {
    bytes: Buffer.from("\uFEFF" + lines.join("\r\n") + "\r\n"), bad, failedLines, created: n - failedLines,
    orders: Math.ceil(n / 3) - badOrders.size, customers: Math.ceil(Math.ceil(n / 3) / 10), total: total - badTotal,
  };
}

const jobRow = (who: Who, id: string) => withTenant(who, (tx) => tx.importJob.findFirst({ where: { id } }));

async function facts(who: Who) {
  const { rows } = await withTenantPg(who, (c) => c.query(`
    SELECT (SELECT count(*) FROM orders WHERE tenant_id = $1)::int AS orders,
      (SELECT count(*) FROM order_items WHERE tenant_id = $1)::int AS items,
      (SELECT count(*) FROM customers WHERE tenant_id = $1)::int AS customers,
      (SELECT count(*) FROM products WHERE tenant_id = $1)::int AS products,
      (SELECT COALESCE(sum(amount), 0)::float8 FROM orders WHERE tenant_id = $1) AS order_total,
      (SELECT COALESCE(sum(amount), 0)::float8 FROM order_items WHERE tenant_id = $1) AS item_total`, [who.tenantId]));
  return rows[0] as { orders: number; items: number; customers: number; products: number; order_total: number; item_total: number };
}

describe("an order-line import killed mid-file", () => {
  it("is finished by the next worker with exactly the right rows, in the check and in the run", async () => {
    process.env.QUEUE_PREFIX = `{crmtest-${randomUUID().slice(0, 8)}}`;
    await closeQueues();
    const t = await createTenant("OrderLinesKill");
    const admin = await addMember(t, "admin");
    const file = bigOrderLines(30_000);
    signInAs(admin);
    const res = await upload(new Request("http://localhost/api/imports?entity=orderLines&name=lines.csv", { method: "POST", body: new Uint8Array(file.bytes) }), { params: Promise.resolve({}) });
    expect(res.status).toBe(201);
    const id = (await res.json()).importId as string;
    const j = await jobRow(admin, id);

    let worker = await startWorkerProcess();
    signInAs(admin);
    expect(await saveMappingAction({ importId: id, mapping: JSON.stringify(j!.mapping), matchKeys: ["externalId", "identity", "phone"], policy: "fill_empty" })).toMatchObject({ ok: true });
    const midway = await until("staging", () => jobRow(admin, id), (r) => (r?.stagedThrough ?? 0) > 8_000);
    await killHard(worker);
    const killed = await jobRow(admin, id);
    expect(killed).toMatchObject({ status: "validating", phase: "staging", stagedComplete: false });
    expect(killed!.stagedThrough).toBeGreaterThanOrEqual(midway!.stagedThrough);
    expect(killed!.stagedThrough).toBeLessThan(30_001);

    worker = await startWorkerProcess();
    const checked = await until("the check", () => jobRow(admin, id), (r) => r?.status === "validated", 240_000);
    expect(checked!.dryRun).toMatchObject({
      rows: 30_000, created: file.created, updated: 0, skipped: 0, failed: file.failedLines,
      details: { ordersCreated: file.orders, customersCreated: file.customers, productsCreated: 150 },
    });
    expect(await withTenant(admin, (tx) => tx.importEntityRow.count({ where: { importId: id } }))).toBe(30_000 - file.bad);
    const result = await withTenant(admin, (tx) => tx.jobRun.findFirst({ where: { jobName: "import", status: "succeeded" }, orderBy: { finishedAt: "desc" } }));
    expect((result!.result as { resumedFrom: number }).resumedFrom).toBeGreaterThanOrEqual(killed!.stagedThrough);

    // The run: killed while applying (one transaction), re-applied by the next worker.
    expect(await startImportAction({ importId: id })).toMatchObject({ ok: true });
    await until("applying", () => jobRow(admin, id), (r) => r?.phase === "applying" || r?.status === "succeeded", 60_000, 10);
    await killHard(worker);
    const mid = await jobRow(admin, id);
    if (mid!.status !== "succeeded") expect((await facts(admin)).orders).toBe(0);

    await startWorkerProcess();
    // The killed worker's statement may run on in Postgres (holding the tenant's import lock) until it ends.
    const done = await until("the run", () => jobRow(admin, id), (r) => r?.status === "succeeded", 300_000);
    expect(done).toMatchObject({ createdCount: file.created, updatedCount: 0, skippedCount: 0, failedCount: file.failedLines, totalRows: 30_000 });
    const f = await facts(admin);
    expect(f).toMatchObject({ orders: file.orders, items: file.created, customers: file.customers, products: 150 });
    expect(f.order_total).toBeCloseTo(file.total, 2);
    expect(f.item_total).toBeCloseTo(file.total, 2);
    expect(await withTenant(admin, (tx) => tx.importEntityRow.count({ where: { importId: id } }))).toBe(0);
  }, 600_000);
});
