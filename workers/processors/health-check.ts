// Records a job_runs row in the tenant's own context and reports what it could see.
import type { z } from "zod";
import type { healthCheckJob } from "@/lib/jobs/definitions";
import type { TenantTx } from "@/lib/db/tenant";

export async function processHealthCheck(tx: TenantTx, payload: z.output<typeof healthCheckJob.schema>) {
  const tenant = await tx.tenant.findUnique({ where: { id: payload.tenantId }, select: { id: true } });
  return { tenantVisible: tenant?.id === payload.tenantId, nonce: payload.nonce };
}
