// The import job, as the worker runs it: stage the whole file (lib/imports/stage.ts),
// then apply it in one transaction (lib/imports/customers/apply.ts, or the entity's
// lib/imports/<entity>/apply.ts through lib/imports/entity-apply.ts) together with
// the counts, the problems CSV and the final status. A dry run stages the whole file
// and matches it exactly as a run does, then counts what the writes would change
// with the same expressions instead of making them, so its "will create N / update
// M" is what a run at that moment would do; the run after it reuses the staged rows
// instead of reading the file again.
//
// What a retry finds and does:
//   killed while staging  → resumes after staged_through (stage.ts)
//   killed while applying → the transaction rolled back; applies again
//   killed after commit   → status is final; only the follow-up jobs are queued again
// A bad file (ImportFatalError) or a cancel ends the import with nothing applied.
import { createHash } from "node:crypto";
import type pg from "pg";
import { withTenant, withTenantPg } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { importJob } from "@/lib/jobs/definitions";
import { importMappingSchema, type ImportMapping } from "@/lib/import/mapping";
import type { Locale } from "@/lib/i18n/translate";
import { applyCustomers, type ApplyColumns } from "@/lib/imports/customers/apply";
import { CUSTOMER_STAGE_TARGET } from "@/lib/imports/customers/staging";
import type { EntityApply, EntityApplyCounts } from "@/lib/imports/entity-apply";
import { ENTITY_STAGE_TARGET } from "@/lib/imports/entity-staging";
import { isSupportedEntity } from "@/lib/imports/entities";
import { applyOrderLines } from "@/lib/imports/order-lines/apply";
import { applyOrderItems } from "@/lib/imports/order-items/apply";
import { applyOrders } from "@/lib/imports/orders/apply";
import { applyProducts } from "@/lib/imports/products/apply";
import { applyMembers } from "@/lib/imports/members/apply";
import { applyInteractions } from "@/lib/imports/interactions/apply";
import { applyTickets } from "@/lib/imports/tickets/apply";
import type { ImportEntity } from "@/lib/import/fields";
import { openTenantSession, traced } from "@/lib/imports/db";
import type { StoredPreview } from "@/lib/imports/file";
import { writeErrorReport } from "@/lib/imports/report";
import { readOptions, type ImportOptions } from "@/lib/imports/schemas";
import { ImportCancelledError, ImportFatalError, ImportStaleError, stageImport } from "@/lib/imports/stage";
import { usableTimeZone } from "@/lib/tenants/time-zone";

export type ImportJobPayload = { tenantId: string; importId: string; mode: "dry_run" | "run"; seq: number };

/** What the dry run and the run report (import_jobs.dry_run / .report). */
export type ImportSummary = {
  rows: number; created: number; updated: number; unchanged: number; existingSkipped: number; sameCustomer: number;
  duplicates: number; cleanFailed: number; conflicts: number; warnings: number; skipped: number; failed: number;
  /** Entities but customers: what else the import made (orders created, customers created…). */
  details?: Record<string, number>;
};

/** The set-based apply of each entity but customers. */
const ENTITY_APPLY: Partial<Record<ImportEntity, EntityApply>> = {
  orderLines: applyOrderLines,
  products: applyProducts,
  orders: applyOrders,
  orderItems: applyOrderItems,
  members: applyMembers,
  interactions: applyInteractions,
  serviceTickets: applyTickets,
};

type Job = {
  status: string; runSeq: number; cancelRequested: boolean; fileId: string | null; fileName: string; entity: string;
  mapping: unknown; options: unknown; preview: unknown; locale: string; createdBy: string | null; errorFileId: string | null;
  failures: number; phase: string | null; startedAt: Date | null;
};

const FINAL = new Set(["succeeded", "failed", "cancelled", "undone"]);

/** The in-file duplicate keys follow the match keys; external and channel ids are unique in the CRM, so always. */
export function effectiveMapping(mapping: ImportMapping, options: ImportOptions): ImportMapping {
  // Other entities: the mapping's own in-file keys, or the entity's (lib/import/fields.ts).
  if (mapping.entity !== "customers") return mapping;
  const keys: string[][] = [["externalId"], ["identity"]];
  if (options.matchKeys.includes("phone")) keys.push(["phone"]);
  if (options.matchKeys.includes("email")) keys.push(["email"]);
  return { ...mapping, entity: "customers", dedupeKeys: keys };
}

export function stagedKeyOf(mapping: ImportMapping, timeZone: string): string {
  return createHash("sha256").update(JSON.stringify({ v: 1, mapping, timeZone })).digest("hex").slice(0, 32);
}

async function loadJob(tenantId: string, importId: string): Promise<(Job & { timeZone: string }) | null> {
  return withTenant({ tenantId }, async (tx) => {
    const job = await tx.importJob.findFirst({ where: { id: importId } });
    if (!job) return null;
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { timezone: true } });
    return { ...(job as unknown as Job), timeZone: usableTimeZone(tenant?.timezone) };
  });
}

async function update(tenantId: string, importId: string, data: Record<string, unknown>, runSeq?: number) {
  return withTenant({ tenantId }, (tx) =>
    tx.importJob.updateMany({ where: { id: importId, ...(runSeq !== undefined ? { runSeq } : {}) }, data: { ...data, updatedAt: new Date() } }),
  );
}

/** Staging leftovers of an import that ended without applying (or after applying). */
async function dropStaging(tenantId: string, importId: string, alsoIssues: boolean) {
  await withTenantPg({ tenantId }, async (c) => {
    await c.query("DELETE FROM import_customer_rows WHERE tenant_id = $1 AND import_id = $2", [tenantId, importId]);
    await c.query("DELETE FROM import_entity_rows WHERE tenant_id = $1 AND import_id = $2", [tenantId, importId]);
    if (alsoIssues) await c.query("DELETE FROM import_row_issues WHERE tenant_id = $1 AND import_id = $2", [tenantId, importId]);
  });
}

const stagingReset = { stagedKey: null, stagedThrough: 0, stagedRows: 0, stagedComplete: false };

async function followUps(tenantId: string) {
  // Customers changed: the scores and the dashboards' customer rollups are out of date.
  try {
    const { enqueueScoring } = await import("@/lib/analytics/scoring/enqueue");
    const { enqueueRollups } = await import("@/lib/rollups/enqueue");
    await Promise.all([enqueueScoring(tenantId), enqueueRollups(tenantId, { reason: "import" })]);
  } catch (err) {
    console.error("[import] could not queue scoring/rollups", (err as Error).message);
  }
}

function columnsOf(mapping: ImportMapping): ApplyColumns {
  const col = (k: string) => mapping.fields[k]?.column ?? null;
  return { externalId: col("externalId"), wechatOpenid: col("wechatOpenid"), tmallNick: col("tmallNick"), jdAccount: col("jdAccount"), phone: col("phone"), email: col("email") };
}

async function applyPhase(c: pg.PoolClient, p: ImportJobPayload, job: Job, mapping: ImportMapping, options: ImportOptions): Promise<ImportSummary> {
  const dryRun = p.mode === "dry_run";
  // One apply per tenant at a time: two imports creating the same external id would otherwise race.
  await c.query("SELECT pg_advisory_xact_lock(hashtextextended('import:' || $1, 0))", [p.tenantId]);
  const { rows: now } = await c.query<{ run_seq: number; cancel_requested: boolean; staged_complete: boolean; status: string; error_file_id: string | null; total_rows: number; warning_count: number }>(
    "SELECT run_seq, cancel_requested, staged_complete, status, error_file_id, total_rows, warning_count FROM import_jobs WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
    [p.tenantId, p.importId],
  );
  const cur = now[0];
  if (!cur || cur.run_seq !== p.seq || FINAL.has(cur.status)) throw new ImportStaleError();
  if (cur.cancel_requested) throw new ImportCancelledError();
  if (!cur.staged_complete) throw new Error("apply before staging completed");

  const entityApply = ENTITY_APPLY[job.entity as ImportEntity];
  const counts: EntityApplyCounts = entityApply
    ? await entityApply(c, { tenantId: p.tenantId, importId: p.importId, options, mapping, headers: (job.preview as StoredPreview).headers, dryRun })
    : await applyCustomers(c, { tenantId: p.tenantId, importId: p.importId, options, columns: columnsOf(mapping), dryRun });
  const { rows: clean } = await c.query<{ failed: number; duplicates: number; warnings: number }>(`
    SELECT count(DISTINCT row_no) FILTER (WHERE level = 'error' AND phase = 'clean')::int AS failed,
      count(*) FILTER (WHERE level = 'duplicate' AND phase = 'clean')::int AS duplicates,
      count(*) FILTER (WHERE level = 'warning' AND phase = 'apply')::int AS warnings
    FROM import_row_issues WHERE tenant_id = $1 AND import_id = $2`, [p.tenantId, p.importId]);
  const k = clean[0]!;
  const summary: ImportSummary = {
    rows: cur.total_rows, created: counts.created, updated: counts.updated, unchanged: counts.unchanged,
    existingSkipped: counts.existingSkipped, sameCustomer: counts.sameCustomer, duplicates: k.duplicates,
    cleanFailed: k.failed, conflicts: counts.conflicts, warnings: cur.warning_count + k.warnings,
    skipped: k.duplicates + counts.sameCustomer + counts.unchanged + counts.existingSkipped,
    failed: k.failed + counts.conflicts,
    ...(counts.details ? { details: counts.details } : {}),
  };

  if (cur.error_file_id) await c.query("DELETE FROM stored_files WHERE tenant_id = $1 AND id = $2", [p.tenantId, cur.error_file_id]);
  const report = await writeErrorReport(c, {
    tenantId: p.tenantId, importId: p.importId, fileId: job.fileId, preview: job.preview as StoredPreview,
    locale: (job.locale === "en" ? "en" : "zh-CN") as Locale, fileName: job.fileName, createdBy: job.createdBy,
  });
  const json = JSON.stringify(summary);
  if (dryRun) {
    await c.query(
      `UPDATE import_jobs SET status = 'validated', phase = NULL, dry_run = $3::jsonb, error_file_id = $4, progress_at = now(), updated_at = now()
       WHERE tenant_id = $1 AND id = $2`, [p.tenantId, p.importId, json, report?.fileId ?? null]);
  } else {
    // The staged rows go in the same transaction that makes the import final: a worker
    // killed right after the commit leaves nothing behind for anyone to clean up.
    await c.query("DELETE FROM import_customer_rows WHERE tenant_id = $1 AND import_id = $2", [p.tenantId, p.importId]);
    await c.query("DELETE FROM import_entity_rows WHERE tenant_id = $1 AND import_id = $2", [p.tenantId, p.importId]);
    await c.query(
      `UPDATE import_jobs SET status = 'succeeded', phase = NULL, report = $3::jsonb, error_file_id = $4,
         created_count = $5, updated_count = $6, skipped_count = $7, failed_count = $8, processed_rows = total_rows,
         staged_key = NULL, staged_through = 0, staged_rows = 0, staged_complete = false,
         finished_at = now(), progress_at = now(), updated_at = now()
       WHERE tenant_id = $1 AND id = $2`,
      [p.tenantId, p.importId, json, report?.fileId ?? null, summary.created, summary.updated, summary.skipped, summary.failed]);
    const actor = (readOptionsRaw(job.options).runBy as string | undefined) ?? job.createdBy;
    await c.query(
      `INSERT INTO audit_logs (tenant_id, actor_user_id, action, entity, entity_id, after) VALUES ($1, $2, 'import.finish', 'import', $3, $4::jsonb)`,
      [p.tenantId, actor, p.importId, JSON.stringify({ entity: job.entity, fileName: job.fileName, ...summary })]);
  }
  return summary;
}

function readOptionsRaw(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
}

export async function runImportJob(p: ImportJobPayload): Promise<Record<string, unknown>> {
  const job = await loadJob(p.tenantId, p.importId);
  if (!job) return { skipped: "no such import" };
  if (job.runSeq !== p.seq) return { skipped: "superseded" };
  if (job.status === "succeeded") {
    if (p.mode === "run") await followUps(p.tenantId);
    return { skipped: "already done" };
  }
  if (job.status === "cancelled" || job.status === "failed") {
    // Ended without applying (a discarded check, a cancel before the job ran): its staged rows go.
    await dropStaging(p.tenantId, p.importId, job.status === "cancelled");
    await update(p.tenantId, p.importId, stagingReset, p.seq);
    return { skipped: job.status };
  }
  if (FINAL.has(job.status)) return { skipped: job.status };
  if (!isSupportedEntity(job.entity) || (job.entity !== "customers" && !ENTITY_APPLY[job.entity as ImportEntity])) {
    await update(p.tenantId, p.importId, { status: "failed", phase: null, error: { key: "imports.error.entityNotYet" }, finishedAt: new Date() }, p.seq);
    return { failed: "entity" };
  }
  const mapping = importMappingSchema.parse(job.mapping);
  const options = readOptions(job.options);
  const staged = effectiveMapping(mapping, options);
  const dryRun = p.mode === "dry_run";

  try {
    if (job.cancelRequested) throw new ImportCancelledError();
    const resumed = job.phase === "staging";
    await update(p.tenantId, p.importId, {
      status: dryRun ? "validating" : "running", phase: "staging", error: Prisma.DbNull,
      ...(resumed ? {} : { phaseStartedAt: new Date() }), ...(job.startedAt ? {} : { startedAt: new Date() }),
    }, p.seq);
    const stage = await stageImport({
      tenantId: p.tenantId, importId: p.importId, runSeq: p.seq, fileId: job.fileId!, preview: job.preview as StoredPreview,
      mapping: staged, timeZone: job.timeZone, stagedKey: stagedKeyOf(staged, job.timeZone),
      target: job.entity === "customers" ? CUSTOMER_STAGE_TARGET : ENTITY_STAGE_TARGET,
    });
    await update(p.tenantId, p.importId, { phase: "applying", phaseStartedAt: new Date(), progressAt: new Date() }, p.seq);
    // A connection of its own: a fresh session may still size its temp buffers (the apply's work tables).
    const session = await openTenantSession({ tenantId: p.tenantId });
    let summary: ImportSummary;
    try {
      // Refused on a pooled connection that has used temp tables before (a scoring or rollup job's): then as it is.
      await session.client.query("SET temp_buffers = '256MB'").catch(() => undefined);
      summary = await session.tx((c) => applyPhase(traced(c), p, job, mapping, options));
    } finally {
      session.close();
    }
    if (!dryRun && (summary.created || summary.updated)) await followUps(p.tenantId);
    return { mode: p.mode, resumedFrom: stage.resumedFrom, reusedStaging: stage.reused, ...summary };
  } catch (err) {
    if (err instanceof ImportStaleError) return { skipped: "superseded" };
    if (err instanceof ImportCancelledError) {
      await dropStaging(p.tenantId, p.importId, true);
      await update(p.tenantId, p.importId, { status: "cancelled", phase: null, finishedAt: new Date(), ...stagingReset }, p.seq);
      return { cancelled: true };
    }
    if (err instanceof ImportFatalError) {
      await dropStaging(p.tenantId, p.importId, true);
      await update(p.tenantId, p.importId, {
        status: "failed", phase: null, error: err.detail, finishedAt: new Date(), ...stagingReset,
        processedRows: 0, failedCount: 0, skippedCount: 0, warningCount: 0, dryRun: Prisma.DbNull, errorFileId: null,
      }, p.seq);
      return { failed: err.detail.key };
    }
    // Anything else (the database went away…): the queue retries; the last attempt marks the import failed.
    const failures = job.failures + 1;
    const last = failures >= (importJob.options.attempts ?? 1);
    await update(p.tenantId, p.importId, {
      failures, ...(last ? { status: "failed", phase: null, error: { key: "imports.error.jobFailed" }, finishedAt: new Date() } : {}),
    }, p.seq).catch(() => undefined);
    throw err;
  }
}
