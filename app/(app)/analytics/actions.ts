"use server";
// Recompute requests from the analytics pages: they only enqueue (heavy work never
// runs in a request) and leave an audit row. analytics:run.
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { withTenant } from "@/lib/db/tenant";
import { writeAudit } from "@/lib/audit/log";
import { enqueueScoring } from "@/lib/analytics/scoring/enqueue";
import { enqueueAnalytics } from "@/lib/analytics/insights/enqueue";

const runSchema = z.discriminatedUnion("part", [
  z.object({ part: z.literal("scoring") }),
  z.object({
    part: z.literal("clusters"),
    kMin: z.coerce.number().int("insights.run.error.kRange").min(2, "insights.run.error.kRange").max(12, "insights.run.error.kRange").default(2),
    kMax: z.coerce.number().int("insights.run.error.kRange").min(2, "insights.run.error.kRange").max(12, "insights.run.error.kRange").default(8),
    extraFeatures: z.array(z.enum(["tenure", "categories"], "insights.run.error.feature")).default([]),
  }).refine((v) => v.kMax >= v.kMin, { message: "insights.run.error.kOrder", path: ["kMax"] }),
  z.object({
    part: z.literal("basket"),
    // Percentages in the form, fractions in the job.
    minSupportPct: z.coerce.number().gt(0, "insights.run.error.minSupport").max(100, "insights.run.error.minSupport").default(1),
    minConfidencePct: z.coerce.number().min(0, "insights.run.error.minConfidence").max(100, "insights.run.error.minConfidence").default(20),
  }),
]);

export const runAnalyticsAction = defineAction("analytics:run", runSchema, async (ctx, input) => {
  if (input.part === "scoring") await enqueueScoring(ctx.tenantId);
  else if (input.part === "clusters") await enqueueAnalytics(ctx.tenantId, { parts: ["clusters"], kMin: input.kMin, kMax: input.kMax, extraFeatures: input.extraFeatures });
  else await enqueueAnalytics(ctx.tenantId, { parts: ["basket"], minSupport: input.minSupportPct / 100, minConfidence: input.minConfidencePct / 100 });
  await withTenant({ tenantId: ctx.tenantId, userId: ctx.userId }, (tx) =>
    writeAudit(tx, ctx, { action: "analytics.run", entity: "analytics", entityId: input.part, after: input }));
  return { queued: input.part };
});
