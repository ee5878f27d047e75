// The wizard's requests, each in the caller's tenant (RLS) and re-checked against the
// entity's permission: read an import, save its mapping and check the file (a dry
// run, as a job), start it, cancel it, follow it, download its problems.
//
// Every request that queues work bumps run_seq in the same statement that moves the
// status, so a double click queues one job and an older job finds itself superseded.
import type { AuthContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { importJob } from "@/lib/jobs/definitions";
import { enqueue } from "@/lib/jobs/queues";
import { checkMapping, type ImportMapping } from "@/lib/import/mapping";
import { guessEntity } from "@/lib/import/guess-entity";
import type { Msg } from "@/lib/import/types";
import { translator } from "@/lib/i18n/translate";
import { ENTITY_PERMISSION, assertEntityAccess } from "@/lib/imports/entities";
import type { StoredPreview } from "@/lib/imports/file";
import { progressOf, type ImportProgress } from "@/lib/imports/progress";
import type { ImportSummary } from "@/lib/imports/run";
import { readOptions, type ImportOptions, type SaveMappingInput } from "@/lib/imports/schemas";
import { saveTemplate } from "@/lib/imports/templates";
import type { ImportEntity } from "@/lib/import/fields";
import { tenantTimeZone } from "@/lib/tenants/time-zone";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new AppError("not_found", "imports.error.notFound");

export type ImportIssue = { row: number; level: "error" | "duplicate" | "warning"; column: string | null; value: string | null; reason: { key: string; params: Record<string, string | number> | null } };

export type ImportView = {
  id: string;
  entity: ImportEntity;
  fileName: string;
  fileBytes: number;
  status: string;
  mode: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  createdByName: string | null;
  preview: StoredPreview;
  mapping: ImportMapping;
  options: ImportOptions & { templateApplied?: boolean; suggestions?: { field: string; column: string; method: string }[] };
  dryRun: ImportSummary | null;
  report: ImportSummary | null;
  counts: { created: number; updated: number; skipped: number; failed: number; total: number; warnings: number };
  error: unknown;
  hasErrorReport: boolean;
  progress: ImportProgress;
  /** May the viewer change and run it (import:run and the entity's permission). */
  mayRun: boolean;
  /** May the viewer see the file's rows (the preview, the problems): the entity's import permission. */
  maySeeData: boolean;
  timeZone: string;
};

export type ImportListItem = Pick<ImportView, "id" | "entity" | "fileName" | "status" | "createdAt" | "finishedAt" | "createdByName" | "counts" | "mode">;

function mayRun(ctx: AuthContext, entity: string): boolean {
  return can(ctx, "import:run") && can(ctx, ENTITY_PERMISSION[entity as ImportEntity] ?? "customer:import");
}

async function names(tx: TenantTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const users = await tx.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

type JobRow = NonNullable<Awaited<ReturnType<TenantTx["importJob"]["findFirst"]>>>;

function countsOf(j: JobRow) {
  return { created: j.createdCount, updated: j.updatedCount, skipped: j.skippedCount, failed: j.failedCount, total: j.totalRows, warnings: j.warningCount };
}

export async function getImport(ctx: AuthContext, importId: string): Promise<ImportView | null> {
  if (!UUID.test(importId)) return null;
  return withTenant(ctx, async (tx) => {
    const j = await tx.importJob.findFirst({ where: { id: importId } });
    if (!j) return null;
    const who = await names(tx, [j.createdBy]);
    const timeZone = await tenantTimeZone(tx, ctx.tenantId);
    return {
      timeZone,
      id: j.id, entity: j.entity as ImportEntity, fileName: j.fileName, fileBytes: Number(j.fileBytes), status: j.status, mode: j.mode,
      createdAt: j.createdAt, finishedAt: j.finishedAt, createdByName: j.createdBy ? who.get(j.createdBy) ?? null : null,
      preview: j.preview as unknown as StoredPreview, mapping: j.mapping as unknown as ImportMapping,
      options: { ...readOptions(j.options), ...(j.options as object) } as ImportView["options"],
      dryRun: (j.dryRun as ImportSummary | null) ?? null, report: (j.report as ImportSummary | null) ?? null,
      counts: countsOf(j), error: j.error, hasErrorReport: Boolean(j.errorFileId), progress: progressOf(j), mayRun: mayRun(ctx, j.entity),
      maySeeData: can(ctx, ENTITY_PERMISSION[j.entity as ImportEntity] ?? "customer:import"),
    };
  });
}

export async function listImports(ctx: AuthContext, limit = 50): Promise<{ rows: ImportListItem[]; timeZone: string }> {
  return withTenant(ctx, async (tx) => {
    const rows = await tx.importJob.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
    const who = await names(tx, rows.map((r) => r.createdBy));
    const timeZone = await tenantTimeZone(tx, ctx.tenantId);
    return { timeZone, rows: rows.map((j) => ({
      id: j.id, entity: j.entity as ImportEntity, fileName: j.fileName, status: j.status, mode: j.mode, createdAt: j.createdAt,
      finishedAt: j.finishedAt, createdByName: j.createdBy ? who.get(j.createdBy) ?? null : null, counts: countsOf(j),
    })) };
  });
}

/** The first problems of an import, errors first (the wizard shows them after a dry run). */
export async function firstIssues(ctx: AuthContext, importId: string, limit = 20): Promise<ImportIssue[]> {
  if (!UUID.test(importId)) return [];
  return withTenant(ctx, async (tx) => {
    const rows = await tx.importRowIssue.findMany({
      where: { importId, level: { in: ["error", "duplicate"] } }, orderBy: [{ rowNo: "asc" }, { seq: "asc" }], take: limit,
    });
    const out = rows;
    if (out.length < limit) {
      out.push(...await tx.importRowIssue.findMany({ where: { importId, level: "warning" }, orderBy: [{ rowNo: "asc" }, { seq: "asc" }], take: limit - out.length }));
    }
    return out.map((r) => ({
      row: r.rowNo, level: r.level as ImportIssue["level"], column: r.columnName, value: r.value,
      reason: { key: r.reasonKey, params: (r.reasonParams as Record<string, string | number> | null) ?? null },
    }));
  });
}

async function jobFor(tx: TenantTx, ctx: AuthContext, importId: string) {
  const j = await tx.importJob.findFirst({ where: { id: importId } });
  if (!j) throw notFound();
  assertEntityAccess(ctx, j.entity);
  return j;
}

async function queue(ctx: AuthContext, importId: string, mode: "dry_run" | "run", seq: number) {
  await enqueue(importJob, { tenantId: ctx.tenantId, importId, mode, seq }, { jobId: `import-${importId}-${seq}` });
}

const EDITABLE = ["uploaded", "validated", "failed"];

const MISSING = new Set(["import.mapping.requiredUnmapped", "import.mapping.groupUnmapped"]);

/**
 * A mapping short of a required field, for a file that looks like another entity's:
 * which entity to choose (lib/import/guess-entity.ts), then what is missing as it is.
 */
function wrongEntity(entity: ImportEntity, headers: readonly string[], problems: readonly Msg[]): AppError | null {
  const missing = problems.find((p) => MISSING.has(p.key));
  if (!missing) return null;
  const guess = guessEntity(entity, headers);
  if (!guess) return null;
  const key = `imports.guess.wrongEntity.${guess.entity}`;
  const columns = { columnsEn: guess.columns.join(", "), columnsZh: guess.columns.join("、") };
  const p = missing.params ?? {};
  return new AppError("validation", "imports.guess.refused", {
    entity: guess.entity, guessEn: translator("en")(key, columns), guessZh: translator("zh-CN")(key, columns),
    missingEn: String(p.labelEn ?? p.fieldsEn ?? ""), missingZh: String(p.labelZh ?? p.fieldsZh ?? ""),
  });
}

/** Saves the mapping, match keys and policy (and the template, if asked), then queues the dry run. */
export async function saveMappingAndCheck(ctx: AuthContext, input: SaveMappingInput): Promise<{ importId: string }> {
  return saveMappingAndQueue(ctx, input, "dry_run");
}

/**
 * The same, then runs the import without a separate check (for programmatic imports
 * and the benchmark; the wizard always checks first). Nothing is applied unless the
 * whole file stages, exactly as after a check.
 */
export async function saveMappingAndRun(ctx: AuthContext, input: SaveMappingInput): Promise<{ importId: string }> {
  return saveMappingAndQueue(ctx, input, "run");
}

async function saveMappingAndQueue(ctx: AuthContext, input: SaveMappingInput, mode: "dry_run" | "run"): Promise<{ importId: string }> {
  const seq = await withTenant(ctx, async (tx) => {
    const j = await jobFor(tx, ctx, input.importId);
    if (input.mapping.entity !== j.entity) throw new AppError("validation", "imports.error.entityMismatch");
    const headers = (j.preview as unknown as StoredPreview).headers;
    const problems = checkMapping(input.mapping, headers);
    if (problems.length) throw wrongEntity(j.entity as ImportEntity, headers, problems) ?? new AppError("validation", problems[0]!.key, problems[0]!.params ?? {});
    const options: ImportOptions = { matchKeys: input.matchKeys, policy: input.policy };
    const keep = j.options && typeof j.options === "object" ? (j.options as Record<string, unknown>) : {};
    const updated = await tx.importJob.updateMany({
      where: { id: j.id, status: { in: EDITABLE } },
      data: {
        mapping: input.mapping, options: { ...keep, ...options, ...(mode === "run" ? { runBy: ctx.userId } : {}) },
        status: mode === "run" ? "queued" : "validating", mode, runSeq: { increment: 1 },
        cancelRequested: false, error: Prisma.DbNull, phase: null, bytesDone: 0, processedRows: 0, finishedAt: null, failures: 0,
      },
    });
    if (!updated.count) throw new AppError("conflict", "imports.error.notEditable");
    if (input.saveTemplate) await saveTemplate(tx, ctx, headers, input.mapping, options);
    await writeAudit(tx, ctx, {
      action: mode === "run" ? "import.start" : "import.check", entity: "import", entityId: j.id,
      after: { mapping: input.mapping, ...options, saveTemplate: input.saveTemplate },
    });
    return (await tx.importJob.findFirst({ where: { id: j.id }, select: { runSeq: true } }))!.runSeq;
  });
  await queue(ctx, input.importId, mode, seq);
  return { importId: input.importId };
}

/** Queues the run of a checked import. */
export async function startImport(ctx: AuthContext, importId: string): Promise<{ importId: string }> {
  const seq = await withTenant(ctx, async (tx) => {
    const j = await jobFor(tx, ctx, importId);
    const updated = await tx.importJob.updateMany({
      where: { id: j.id, status: "validated" },
      data: {
        status: "queued", mode: "run", runSeq: { increment: 1 }, cancelRequested: false, phase: null, failures: 0,
        options: { ...(j.options as object), runBy: ctx.userId },
      },
    });
    if (!updated.count) throw new AppError("conflict", j.status === "uploaded" ? "imports.error.checkFirst" : "imports.error.notStartable");
    await writeAudit(tx, ctx, { action: "import.start", entity: "import", entityId: j.id, after: { fileName: j.fileName, entity: j.entity } });
    return (await tx.importJob.findFirst({ where: { id: j.id }, select: { runSeq: true } }))!.runSeq;
  });
  await queue(ctx, importId, "run", seq);
  return { importId };
}

/** Asks a queued or running import to stop (the job checks between chunks); nothing of the file is applied. */
export async function cancelImport(ctx: AuthContext, importId: string): Promise<{ importId: string; status: string }> {
  const out = await withTenant(ctx, async (tx) => {
    const j = await jobFor(tx, ctx, importId);
    let cleanup: number | null = null;
    if (j.status === "uploaded" || j.status === "validated") {
      // Nothing runs: the staged rows of a check are removed by a job (a big file's are not a request's work).
      const row = await tx.importJob.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: j.id } },
        data: { status: "cancelled", finishedAt: new Date(), runSeq: { increment: 1 } }, select: { runSeq: true },
      });
      cleanup = j.status === "validated" ? row.runSeq : null;
    } else if (j.status === "validating" || j.status === "queued" || j.status === "running") {
      await tx.importJob.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: j.id } }, data: { cancelRequested: true } });
    } else {
      throw new AppError("conflict", "imports.error.notCancellable");
    }
    await writeAudit(tx, ctx, { action: "import.cancel", entity: "import", entityId: j.id, after: { status: j.status } });
    return { importId: j.id, status: j.status, cleanup };
  });
  if (out.cleanup !== null) await queue(ctx, out.importId, "dry_run", out.cleanup);
  return { importId: out.importId, status: out.status };
}

export async function importProgress(ctx: AuthContext, importId: string): Promise<ImportProgress & { counts: ReturnType<typeof countsOf> }> {
  if (!UUID.test(importId)) throw notFound();
  const j = await withTenant(ctx, (tx) => tx.importJob.findFirst({ where: { id: importId } }));
  if (!j) throw notFound();
  return { ...progressOf(j), counts: countsOf(j) };
}

/** The problems CSV, for someone who may import this entity (it holds the file's own data), audited. */
export async function errorReportForDownload(ctx: AuthContext, importId: string): Promise<{ fileId: string; name: string }> {
  if (!UUID.test(importId)) throw notFound();
  return withTenant(ctx, async (tx) => {
    const j = await jobFor(tx, ctx, importId);
    if (!j.errorFileId) throw new AppError("not_found", "imports.error.noReport");
    const file = await tx.storedFile.findFirst({ where: { id: j.errorFileId, status: "ready" } });
    if (!file) throw new AppError("not_found", "imports.error.noReport");
    await writeAudit(tx, ctx, { action: "import.errors.download", entity: "import", entityId: j.id, after: { fileId: file.id } });
    return { fileId: file.id, name: file.name };
  });
}
