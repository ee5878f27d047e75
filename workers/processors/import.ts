// Data import: the work lives in lib/imports (staging and applying each commit on
// their own tenant-bound connections, so the transaction handed in is not used).
import type { z } from "zod";
import type { importJob } from "@/lib/jobs/definitions";
import type { TenantTx } from "@/lib/db/tenant";
import { runImportJob } from "@/lib/imports/run";

export async function processImport(_tx: TenantTx, payload: z.output<typeof importJob.schema>) {
  return runImportJob(payload);
}
