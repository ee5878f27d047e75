// Scoring: the work lives in lib/analytics/scoring (set-based SQL on its own
// tenant-bound connection; the transaction handed in here is not used, since
// the run commits its scores atomically in a transaction of its own). New scores
// change the dashboards' score buckets: their rollup is queued after each run.
import type { z } from "zod";
import type { scoringJob } from "@/lib/jobs/definitions";
import type { TenantTx } from "@/lib/db/tenant";
import { runScoring } from "@/lib/analytics/scoring/run";
import { enqueueScoreRollups } from "@/lib/rollups/enqueue";

export async function processScoring(_tx: TenantTx, payload: z.output<typeof scoringJob.schema>) {
  const result = await runScoring({ tenantId: payload.tenantId }, { asOf: payload.asOf });
  await enqueueScoreRollups(payload.tenantId);
  return result;
}
