// Campaign sends: the work lives in lib/campaigns/execution/send.ts, on short
// transactions of its own (a message claimed and sent must stay recorded even if a
// later step fails; the transaction handed in here is not used). A step that leaves
// work (throttled, or rows another attempt is still sending) enqueues the next step.
import type { z } from "zod";
import type { campaignSendJob } from "@/lib/jobs/definitions";
import type { TenantTx } from "@/lib/db/tenant";
import { runBatchStep } from "@/lib/campaigns/execution/send";
import { enqueueBatchStep } from "@/lib/campaigns/execution/enqueue";

export async function processCampaignSend(_tx: TenantTx, payload: z.output<typeof campaignSendJob.schema>) {
  const result = await runBatchStep(payload.tenantId, payload.batchId);
  if (result.state === "more") await enqueueBatchStep(payload.tenantId, payload.batchId, payload.step + 1, result.delayMs);
  return result;
}
