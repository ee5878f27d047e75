// Puts a batch step on the queue. The job id is derived from (batch, step), so
// enqueuing the same step twice (a double click, a resumed launch) is one job.
import { campaignSendJob } from "@/lib/jobs/definitions";
import { queueFor } from "@/lib/jobs/queues";

export function sendJobId(batchId: string, step: number): string {
  return `campaign-send-${batchId}-${step}`;
}

export async function enqueueBatchStep(tenantId: string, batchId: string, step: number, delayMs = 0) {
  const data = campaignSendJob.schema.parse({ tenantId, batchId, step });
  return queueFor(campaignSendJob).add(campaignSendJob.name, data, { jobId: sendJobId(batchId, step), delay: Math.max(0, Math.round(delayMs)) });
}
