// Which processor runs which job. Each processor gets a transaction bound to the
// payload's tenant (lib/db/tenant.ts) and the payload already re-parsed.
import type { z } from "zod";
import type { JobDefinition } from "@/lib/jobs/define";
import { campaignSendJob, customerExportJob, healthCheckJob, importJob, importUndoJob, rollupsJob, scoringJob, analyticsJob } from "@/lib/jobs/definitions";
import type { TenantTx } from "@/lib/db/tenant";
import { processHealthCheck } from "@/workers/processors/health-check";
import { processCustomerExport } from "@/workers/processors/customer-export";
import { processRollups } from "@/workers/processors/rollups";
import { processScoring } from "@/workers/processors/scoring";
import { processImport } from "@/workers/processors/import";
import { processAnalytics } from "@/workers/processors/analytics";
import { processImportUndo } from "@/workers/processors/import-undo";
import { processCampaignSend } from "@/workers/processors/campaign-send";

type Processor<D> = D extends JobDefinition<infer S> ? (tx: TenantTx, payload: z.output<S>) => Promise<unknown> : never;
type Entry = { def: JobDefinition<z.ZodObject<{ tenantId: z.ZodType<string> }>>; run: (tx: TenantTx, payload: never) => Promise<unknown> };

function entry<D extends JobDefinition<z.ZodObject<{ tenantId: z.ZodType<string> }>>>(def: D, run: Processor<D>): Entry {
  return { def, run: run as Entry["run"] };
}

export const PROCESSORS: Entry[] = [entry(healthCheckJob, processHealthCheck), entry(customerExportJob, processCustomerExport), entry(rollupsJob, processRollups), entry(scoringJob, processScoring), entry(importJob, processImport), entry(importUndoJob, processImportUndo), entry(analyticsJob, processAnalytics), entry(campaignSendJob, processCampaignSend)];
