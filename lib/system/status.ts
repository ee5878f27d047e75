// The System page: is everything up (database, Redis, a live worker), and what did
// the tenant's background jobs do lately.
import { randomUUID } from "node:crypto";
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant } from "@/lib/db/tenant";
import { checkHealth, type Health } from "@/lib/health";
import { healthCheckJob } from "@/lib/jobs/definitions";
import { enqueue } from "@/lib/jobs/queues";

export type JobRunRow = { id: string; jobName: string; status: string; error: string | null; startedAt: Date; finishedAt: Date | null };

export async function systemStatus(ctx: AuthContext): Promise<{ health: Health; runs: JobRunRow[] }> {
  const [health, runs] = await Promise.all([
    checkHealth(),
    withTenant(ctx, (tx) =>
      tx.jobRun.findMany({
        orderBy: [{ startedAt: "desc" }],
        take: 50,
        select: { id: true, jobName: true, status: true, error: true, startedAt: true, finishedAt: true },
      }),
    ),
  ]);
  return { health, runs };
}

/** Sends a health-check job through the queue and the worker, and back into job_runs. */
export async function requestHealthCheck(ctx: AuthContext): Promise<{ jobId: string }> {
  const job = await enqueue(healthCheckJob, { tenantId: ctx.tenantId, requestedBy: ctx.userId, nonce: randomUUID() });
  await withTenant(ctx, (tx) => writeAudit(tx, ctx, { action: "system.health_check", entity: "job", entityId: String(job.id) }));
  return { jobId: String(job.id) };
}
