// Clusters and basket rules for one tenant (lib/analytics/insights). Each part runs
// in its own tenant-bound transaction, so a failure of one leaves the other's new
// rows and its own previous rows intact; a retry redoes both (each is idempotent).
import type { z } from "zod";
import type { analyticsJob } from "@/lib/jobs/definitions";
import type { TenantTx } from "@/lib/db/tenant";
import { withTenant } from "@/lib/db/tenant";
import { runClusters, type ClusterRunResult } from "@/lib/analytics/insights/clusters-run";
import { runBasketRules, type BasketRunResult } from "@/lib/analytics/insights/basket-run";

export async function processAnalytics(_tx: TenantTx, payload: z.output<typeof analyticsJob.schema>) {
  const scope = { tenantId: payload.tenantId };
  const result: { clusters?: ClusterRunResult; basket?: BasketRunResult } = {};
  if (payload.parts.includes("clusters")) {
    result.clusters = await withTenant(scope, (tx) => runClusters(tx, payload.tenantId, {
      kMin: payload.kMin, kMax: Math.max(payload.kMin, payload.kMax), seed: payload.seed, extraFeatures: payload.extraFeatures,
    }), { timeoutMs: 10 * 60_000 });
  }
  if (payload.parts.includes("basket")) {
    result.basket = await withTenant(scope, (tx) => runBasketRules(tx, payload.tenantId, {
      minSupport: payload.minSupport, minConfidence: payload.minConfidence,
    }), { timeoutMs: 10 * 60_000 });
  }
  return result;
}
