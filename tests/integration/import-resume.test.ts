// Idempotent and resumable: an import whose worker dies mid-file (SIGKILL, no
// goodbye) is finished by the next worker with exactly the right rows — none lost,
// none twice. Also a job that fails in the middle of staging (an exception in a
// chunk) and is retried by the queue resumes after the last committed chunk.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { killHard, startWorkerProcess, stopAllWorkerProcesses, until } from "@/tests/support/worker-process";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant } from "@/tests/factories/tenants";
import { withTenant, withTenantPg } from "@/lib/db/tenant";
import { closeQueues } from "@/lib/jobs/queues";
import { closeSharedRedis } from "@/lib/redis";
import { importHooks } from "@/lib/imports/hooks";
import { startWorkers } from "@/workers/main";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

const { POST: upload } = await import("@/app/api/imports/route");
const { saveMappingAction, startImportAction, cancelImportAction } = await import("@/app/(app)/imports/actions");

type Who = { tenantId: string; userId: string };

afterAll(async () => {
  stopAllWorkerProcesses();
  await closeQueues();
  await closeSharedRedis();
});

/** N customer rows: every 1000th has a bad phone, every 777th repeats the previous row's external id. */
function bigCsv(n: number) {
  const lines = ["客户编号,姓名,手机,邮箱,城市"];
  let bad = 0;
  let dup = 0;
  for (let i = 1; i <= n; i++) {
    const isBad = i % 1000 === 0;
    const isDup = !isBad && i % 777 === 0 && (i - 1) % 1000 !== 0;
    if (isBad) bad++;
    if (isDup) dup++;
    const phone = isBad ? "12345" : `13${String(100_000_000 + i).slice(-9)}`;
    lines.push(`C${isDup ? i - 1 : i},客户${i},${phone},c${i}@example.com,深圳`);
  }
  return { bytes: Buffer.from("\uFEFF" + lines.join("\r\n") + "\r\n"), created: n - bad - dup, bad, dup };
}

async function uploadAs(who: Who, bytes: Buffer) {
  signInAs(who);
  const res = await upload(new Request("http://localhost/api/imports?entity=customers&name=big.csv", { method: "POST", body: new Uint8Array(bytes) }), { params: Promise.resolve({}) });
  expect(res.status).toBe(201);
  return (await res.json()).importId as string;
}

const jobRow = (who: Who, id: string) => withTenant(who, (tx) => tx.importJob.findFirst({ where: { id } }));

async function customerFacts(who: Who) {
  const { rows } = await withTenantPg(who, (c) => c.query(
    "SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS ext, count(DISTINCT phone)::int AS phones FROM customers WHERE tenant_id = $1",
    [who.tenantId]));
  return rows[0] as { n: number; ext: number; phones: number };
}

describe("a worker killed mid-file", () => {
  it("is finished by the next worker with exactly the right rows, in the check and in the run", async () => {
    process.env.QUEUE_PREFIX = `{crmtest-${randomUUID().slice(0, 8)}}`;
    await closeQueues();
    const t = await createTenant("ImportKill");
    const admin = await addMember(t, "admin");
    const file = bigCsv(60_000);
    const id = await uploadAs(admin, file.bytes);
    const j = await jobRow(admin, id);

    let worker = await startWorkerProcess();
    signInAs(admin);
    expect(await saveMappingAction({ importId: id, mapping: JSON.stringify(j!.mapping), matchKeys: ["externalId", "phone"], policy: "fill_empty" })).toMatchObject({ ok: true });
    // Let it stage a good part of the file, then kill it without warning.
    const midway = await until("staging", () => jobRow(admin, id), (r) => (r?.stagedThrough ?? 0) > 12_000);
    await killHard(worker);
    const killed = await jobRow(admin, id);
    expect(killed).toMatchObject({ status: "validating", phase: "staging", stagedComplete: false });
    expect(killed!.stagedThrough).toBeGreaterThanOrEqual(midway!.stagedThrough);
    expect(killed!.stagedThrough).toBeLessThan(60_001);

    worker = await startWorkerProcess();
    const checked = await until("the check", () => jobRow(admin, id), (r) => r?.status === "validated");
    expect(checked!.dryRun).toMatchObject({ rows: 60_000, created: file.created, updated: 0, skipped: file.dup, failed: file.bad });
    const staged = await withTenant(admin, (tx) => tx.importCustomerRow.count({ where: { importId: id } }));
    expect(staged).toBe(file.created);
    const issues = await withTenant(admin, (tx) => tx.importRowIssue.count({ where: { importId: id } }));
    expect(issues).toBe(file.bad + file.dup);
    // The job that finished it says where it picked up.
    const result = await withTenant(admin, (tx) => tx.jobRun.findFirst({ where: { jobName: "import", status: "succeeded" }, orderBy: { finishedAt: "desc" } }));
    expect((result!.result as { resumedFrom: number }).resumedFrom).toBeGreaterThanOrEqual(killed!.stagedThrough);

    // The run: killed while applying (one transaction), re-applied by the next worker.
    expect(await startImportAction({ importId: id })).toMatchObject({ ok: true });
    await until("applying", () => jobRow(admin, id), (r) => r?.phase === "applying" || r?.status === "succeeded", 60_000, 10);
    await killHard(worker);
    const mid = await jobRow(admin, id);
    if (mid!.status !== "succeeded") expect(await customerFacts(admin)).toEqual({ n: 0, ext: 0, phones: 0 });

    await startWorkerProcess();
    const done = await until("the run", () => jobRow(admin, id), (r) => r?.status === "succeeded");
    expect(done).toMatchObject({ createdCount: file.created, updatedCount: 0, skippedCount: file.dup, failedCount: file.bad, totalRows: 60_000 });
    expect(await customerFacts(admin)).toEqual({ n: file.created, ext: file.created, phones: file.created });
    expect(await withTenant(admin, (tx) => tx.importCustomerRow.count({ where: { importId: id } }))).toBe(0);
  }, 240_000);
});

describe("a chunk that throws", () => {
  let worker: ReturnType<typeof startWorkers>;
  beforeAll(async () => {
    process.env.QUEUE_PREFIX = `{crmtest-${randomUUID().slice(0, 8)}}`;
    await closeQueues();
    worker = startWorkers();
  });
  afterAll(async () => {
    delete importHooks.afterChunk;
    await worker.stop();
  });

  it("fails the attempt; the queue's retry resumes after the last committed chunk", async () => {
    const t = await createTenant("ImportThrow");
    const admin = await addMember(t, "admin");
    const file = bigCsv(20_000);
    const id = await uploadAs(admin, file.bytes);
    const j = await jobRow(admin, id);
    const seen: number[] = [];
    let thrown = false;
    importHooks.afterChunk = (info) => {
      if (info.importId !== id) return;
      seen.push(info.stagedThrough);
      if (info.chunk === 3 && !thrown) {
        thrown = true;
        throw new Error("simulated crash in the middle of the file");
      }
    };
    signInAs(admin);
    await saveMappingAction({ importId: id, mapping: JSON.stringify(j!.mapping), matchKeys: ["externalId", "phone"], policy: "fill_empty" });
    const checked = await until("the check", () => jobRow(admin, id), (r) => r?.status === "validated", 60_000, 100);
    expect(thrown).toBe(true);
    expect(checked!.failures).toBe(1);
    // After the crash at chunk 3 the retry's first chunk starts where chunk 3 ended: no chunk was staged twice.
    const crashAt = seen[2]!;
    expect(seen.filter((x) => x <= crashAt)).toEqual(seen.slice(0, 3));
    expect(checked!.dryRun).toMatchObject({ created: file.created, skipped: file.dup, failed: file.bad });
    expect(await startImportAction({ importId: id })).toMatchObject({ ok: true });
    await until("the run", () => jobRow(admin, id), (r) => r?.status === "succeeded", 60_000, 100);
    expect(await customerFacts(admin)).toEqual({ n: file.created, ext: file.created, phones: file.created });
  }, 120_000);

  it("stops at the next chunk when cancelled mid-file; nothing is imported and the staged rows go", async () => {
    const t = await createTenant("ImportCancel");
    const admin = await addMember(t, "admin");
    const file = bigCsv(40_000);
    const id = await uploadAs(admin, file.bytes);
    const j = await jobRow(admin, id);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => { release = r; });
    importHooks.afterChunk = async (info) => {
      if (info.importId === id && info.chunk === 2) await held;
    };
    signInAs(admin);
    await saveMappingAction({ importId: id, mapping: JSON.stringify(j!.mapping), matchKeys: ["externalId"], policy: "fill_empty" });
    await until("staging", () => jobRow(admin, id), (r) => (r?.stagedThrough ?? 0) > 0, 60_000, 50);
    expect(await cancelImportAction({ importId: id })).toMatchObject({ ok: true });
    release();
    const done = await until("the cancel", () => jobRow(admin, id), (r) => r?.status === "cancelled", 60_000, 50);
    expect(done!.stagedThrough).toBe(0);
    expect(await withTenant(admin, (tx) => tx.importCustomerRow.count({ where: { importId: id } }))).toBe(0);
    expect(await customerFacts(admin)).toEqual({ n: 0, ext: 0, phones: 0 });
  }, 120_000);
});
