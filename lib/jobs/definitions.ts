// Every job the system knows. One queue per job name.
import { z } from "zod";
import { defineJob, tenantPayload } from "@/lib/jobs/define";

/** Proves the path app → Redis → worker → Postgres (in the tenant's context) → back. */
export const healthCheckJob = defineJob({
  name: "health-check",
  schema: tenantPayload.extend({ requestedBy: z.uuid().nullable(), nonce: z.string().min(1).max(64) }),
  options: { attempts: 1 },
  concurrency: 4,
});

/** Writes a customer export (filters and columns are on its `exports` row) to the file store. */
export const customerExportJob = defineJob({
  name: "customer-export",
  schema: tenantPayload.extend({ exportId: z.uuid() }),
  // Idempotent: a retry starts the file again from the first row.
  options: { attempts: 3 },
  concurrency: 2,
});

/** Rebuilds the tenant's dashboard rollups (lib/rollups/refresh.ts): everything, or the days from fromDay / the last recentDays. */
export const rollupsJob = defineJob({
  name: "rollups",
  schema: tenantPayload.extend({
    fromDay: z.iso.date().optional(),
    recentDays: z.int().min(1).max(3660).optional(),
    reason: z.enum(["import", "scores", "schedule", "manual"]).default("manual"),
    // "orders" then, for full and import refreshes, a follow-up "repurchase" job: two
    // transactions of a few minutes each at 10M orders instead of one long one.
    step: z.enum(["orders", "repurchase"]).default("orders"),
  }),
  // Idempotent (delete-and-replace in one transaction): a retry redoes it whole.
  options: { attempts: 3, backoff: { type: "exponential", delay: 30_000 } },
  concurrency: 1,
});

/**
 * Scores the tenant (lib/analytics/scoring/run.ts): features, RFM, BG/NBD and
 * Gamma-Gamma, churn risk and CLV for as_of (default: today in the tenant's time
 * zone, plus the previous month end when that snapshot is missing).
 */
export const scoringJob = defineJob({
  name: "scoring",
  schema: tenantPayload.extend({ asOf: z.iso.date().optional() }),
  // Idempotent (one transaction replaces the day's rows): a retry redoes it whole.
  options: { attempts: 3, backoff: { type: "exponential", delay: 30_000 } },
  concurrency: 1,
});

/**
 * A data import (lib/imports/run.ts): stages the uploaded file and applies it, or
 * (mode "dry_run") stages it and counts what applying would do. `seq` is the
 * import's run_seq when it was queued; an older job finds itself superseded.
 */
export const importJob = defineJob({
  name: "import",
  schema: tenantPayload.extend({ importId: z.uuid(), mode: z.enum(["dry_run", "run"]), seq: z.int().min(1) }),
  // Idempotent and resumable: a retry continues staging after the last committed chunk
  // and applies in one transaction (lib/imports/stage.ts, run.ts).
  options: { attempts: 3, backoff: { type: "exponential", delay: 5_000 } },
  concurrency: 1,
});

export const importUndoJob = defineJob({
  name: "import-undo",
  schema: tenantPayload.extend({ importId: z.uuid(), requestedBy: z.uuid().nullable() }),
  // One transaction that ends in status 'undone': a retry redoes nothing (lib/imports/undo.ts).
  options: { attempts: 3, backoff: { type: "exponential", delay: 5_000 } },
  concurrency: 1,
});

/**
 * Tenant-wide models beside the scores (lib/analytics/insights): k-means clusters on
 * the newest scoring snapshot's log-RFM and market-basket rules over order items.
 */
export const analyticsJob = defineJob({
  name: "analytics",
  schema: tenantPayload.extend({
    parts: z.array(z.enum(["clusters", "basket"])).min(1).default(["clusters", "basket"]),
    kMin: z.int().min(2).max(12).default(2),
    kMax: z.int().min(2).max(12).default(8),
    seed: z.int().min(0).max(2_147_483_647).default(1),
    extraFeatures: z.array(z.enum(["tenure", "categories"])).default([]),
    minSupport: z.number().gt(0).max(1).default(0.01),
    minConfidence: z.number().min(0).max(1).default(0.2),
  }),
  // Idempotent (each part replaces the tenant's rows in one transaction): a retry redoes it.
  options: { attempts: 3, backoff: { type: "exponential", delay: 30_000 } },
  concurrency: 1,
});

/**
 * Sends one campaign batch (lib/campaigns/execution/send.ts), one step at a time: a
 * throttled batch enqueues its next step as a delayed job (jobId campaign-send-<batch>-<step>).
 */
export const campaignSendJob = defineJob({
  name: "campaign-send",
  schema: tenantPayload.extend({ batchId: z.uuid(), step: z.int().min(0).max(100_000).default(0) }),
  // Idempotent: every message has a unique key and a retry sends only rows still queued.
  options: { attempts: 5, backoff: { type: "exponential", delay: 10_000 } },
  concurrency: 2,
});

export const JOBS = [healthCheckJob, customerExportJob, rollupsJob, scoringJob, importJob, importUndoJob, analyticsJob, campaignSendJob] as const;
