// Runs one job: re-parse the payload (never trust the queue), then do the work in
// the tenant's context, recording a job_runs row keyed by (job name, job id) so a
// retried job updates its own record instead of adding another.
import type { Job } from "bullmq";
import { withTenant } from "@/lib/db/tenant";
import type { PROCESSORS } from "@/workers/registry";

type Entry = (typeof PROCESSORS)[number];

export async function runJob(entry: Entry, job: Pick<Job, "id" | "data" | "name">): Promise<unknown> {
  const payload = entry.def.schema.parse(job.data);
  const scope = { tenantId: payload.tenantId };
  const jobId = String(job.id ?? "");
  await withTenant(scope, (tx) =>
    tx.jobRun.upsert({
      where: { tenantId_jobName_jobId: { tenantId: scope.tenantId, jobName: entry.def.name, jobId } },
      create: { tenantId: scope.tenantId, jobName: entry.def.name, jobId, status: "running" },
      update: { status: "running", error: null, startedAt: new Date(), finishedAt: null },
    }),
  );
  try {
    const result = await withTenant(scope, (tx) => entry.run(tx, payload as never), { timeoutMs: 10 * 60_000 });
    await withTenant(scope, (tx) =>
      tx.jobRun.update({
        where: { tenantId_jobName_jobId: { tenantId: scope.tenantId, jobName: entry.def.name, jobId } },
        data: { status: "succeeded", result: JSON.parse(JSON.stringify(result ?? null)), finishedAt: new Date() },
      }),
    );
    return result;
  } catch (err) {
    await withTenant(scope, (tx) =>
      tx.jobRun.update({
        where: { tenantId_jobName_jobId: { tenantId: scope.tenantId, jobName: entry.def.name, jobId } },
        data: { status: "failed", error: String((err as Error).message).slice(0, 2000), finishedAt: new Date() },
      }),
    );
    throw err;
  }
}
