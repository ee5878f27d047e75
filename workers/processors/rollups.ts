// Rollups: the set-based rebuild lives in lib/rollups (tests and the bench call it too).
// The "orders" step rebuilds what the dashboards read from orders and customers; when
// that was a full or import refresh it queues the "repurchase" step, which rebuilds the
// whole-history repurchase rows in a transaction of its own.
import type { z } from "zod";
import { enqueue } from "@/lib/jobs/queues";
import { rollupsJob } from "@/lib/jobs/definitions";
import type { TenantTx } from "@/lib/db/tenant";
import { refreshRollups } from "@/lib/rollups/refresh";

export async function processRollups(tx: TenantTx, payload: z.output<typeof rollupsJob.schema>) {
  const result = await refreshRollups(tx, payload.tenantId, { fromDay: payload.fromDay, recentDays: payload.recentDays, steps: [payload.step] });
  if (payload.step === "orders" && (result.full || payload.fromDay)) {
    // Waits on the refresh's advisory lock until this transaction commits.
    await enqueue(rollupsJob, { tenantId: payload.tenantId, fromDay: payload.fromDay, reason: payload.reason, step: "repurchase" });
  }
  return { ...result, reason: payload.reason, step: payload.step };
}
