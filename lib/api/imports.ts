// The import API (/api/v1/imports, docs/api.md): the wizard's pipeline, driven by a
// program. Upload and run in one request (the stored or suggested mapping), or
// upload, then send a mapping; follow the status; fetch the problems CSV; cancel;
// undo. An Idempotency-Key makes a retried upload return the first one's import
// instead of importing the file twice.
import { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { checkMapping, importMappingSchema } from "@/lib/import/mapping";
import { errorReportForDownload, getImport, saveMappingAndCheck, saveMappingAndRun } from "@/lib/imports/requests";
import { fileStream } from "@/lib/files/store";
import { MATCH_KEYS, UPDATE_POLICIES, readOptions } from "@/lib/imports/schemas";
import { receiveUpload } from "@/lib/imports/upload";

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

export const uploadParamsSchema = z.object({
  entity: z.string().min(1).max(40),
  name: z.string().trim().min(1).max(255),
  mode: z.enum(["upload", "dry_run", "run"]).default("run"),
  policy: z.enum(UPDATE_POLICIES).optional(),
  matchKeys: z.string().optional()
    .transform((v) => (v === undefined ? undefined : v.split(",").map((s) => s.trim()).filter(Boolean)))
    .pipe(z.array(z.enum(MATCH_KEYS)).optional()),
});
export type UploadParams = z.output<typeof uploadParamsSchema>;

export const mappingBodySchema = z.object({
  mapping: importMappingSchema,
  matchKeys: z.array(z.enum(MATCH_KEYS)).max(MATCH_KEYS.length).default([...MATCH_KEYS]),
  policy: z.enum(UPDATE_POLICIES).default("fill_empty"),
  saveTemplate: z.boolean().default(false),
  mode: z.enum(["dry_run", "run"]).default("run"),
});

/** An import as the API shows it: status, progress, counts, the check's and the run's breakdown; never the file's rows. */
export type ApiImport = {
  id: string; entity: string; fileName: string; status: string; mode: string | null;
  createdAt: string; finishedAt: string | null; headers: string[]; mapping: unknown; matchKeys: string[]; policy: string;
  progress: { percent: number; rowsDone: number; rowsTotal: number | null; rate: number | null; secondsLeft: number | null };
  counts: { created: number; updated: number; skipped: number; failed: number; total: number; warnings: number };
  dryRun: unknown; report: unknown; error: unknown; errorsUrl: string | null;
};

export async function apiImport(ctx: AuthContext, importId: string): Promise<ApiImport> {
  const j = await getImport(ctx, importId);
  if (!j) throw new AppError("not_found", "imports.error.notFound");
  const { percent, rowsDone, rowsTotal, rate, secondsLeft } = j.progress;
  return {
    id: j.id, entity: j.entity, fileName: j.fileName, status: j.status, mode: j.mode,
    createdAt: j.createdAt.toISOString(), finishedAt: j.finishedAt?.toISOString() ?? null,
    headers: j.preview.headers, mapping: j.mapping, matchKeys: j.options.matchKeys, policy: j.options.policy,
    progress: { percent, rowsDone, rowsTotal, rate, secondsLeft }, counts: j.counts,
    dryRun: j.dryRun, report: j.report, error: j.error, errorsUrl: j.hasErrorReport ? `/api/v1/imports/${j.id}/errors` : null,
  };
}

async function byIdempotencyKey(ctx: AuthContext, key: string) {
  return withTenant(ctx, (tx) => tx.importJob.findFirst({ where: { idempotencyKey: key }, select: { id: true, entity: true, fileName: true } }));
}

/** Claims the key for a new import; false when another request (a concurrent retry) has it already. */
async function claimKey(ctx: AuthContext, importId: string, key: string): Promise<boolean> {
  try {
    await withTenant(ctx, (tx) => tx.importJob.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: importId } }, data: { idempotencyKey: key } }));
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return false;
    throw err;
  }
}

async function dropImport(ctx: AuthContext, importId: string) {
  await withTenant(ctx, async (tx) => {
    const j = await tx.importJob.findFirst({ where: { id: importId }, select: { fileId: true } });
    await tx.importJob.deleteMany({ where: { id: importId } });
    if (j?.fileId) await tx.storedFile.deleteMany({ where: { id: j.fileId } });
  });
}

function replayOf(ctx: AuthContext, found: { id: string; entity: string; fileName: string }, params: UploadParams) {
  if (found.entity !== params.entity || found.fileName !== params.name) throw new AppError("conflict", "api.error.idempotencyMismatch");
  return apiImport(ctx, found.id).then((body) => ({ replayed: true, body }));
}

/**
 * Upload (and by default run) an import. Returns the import and whether it is the
 * replay of an earlier request with the same Idempotency-Key.
 */
export async function uploadViaApi(
  ctx: AuthContext,
  args: { params: UploadParams; idempotencyKey: string | null; body: ReadableStream<Uint8Array> | null; declaredBytes: number | null },
): Promise<{ replayed: boolean; body: ApiImport; mappingProblem?: { key: string; params: Record<string, string | number> } }> {
  const { params, idempotencyKey } = args;
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) throw new AppError("validation", "api.error.idempotencyKey");
  if (idempotencyKey) {
    const found = await byIdempotencyKey(ctx, idempotencyKey);
    if (found) {
      await args.body?.cancel().catch(() => undefined);
      return replayOf(ctx, found, params);
    }
  }
  const { importId } = await receiveUpload(ctx, { entity: params.entity, fileName: params.name, body: args.body, declaredBytes: args.declaredBytes });
  if (idempotencyKey && !(await claimKey(ctx, importId, idempotencyKey))) {
    await dropImport(ctx, importId);
    const found = await byIdempotencyKey(ctx, idempotencyKey);
    if (found) return replayOf(ctx, found, params);
  }
  if (params.mode !== "upload") {
    const j = await apiImport(ctx, importId);
    const mapping = importMappingSchema.parse(j.mapping);
    const problems = checkMapping(mapping, j.headers);
    // The file is kept (status 'uploaded'): the caller sends a mapping next.
    if (problems.length) return { replayed: false, body: j, mappingProblem: { key: problems[0]!.key, params: problems[0]!.params ?? {} } };
    const stored = readOptions({ matchKeys: j.matchKeys, policy: j.policy });
    const input = {
      importId, mapping, matchKeys: params.matchKeys ?? stored.matchKeys, policy: params.policy ?? stored.policy, saveTemplate: false,
    };
    await (params.mode === "run" ? saveMappingAndRun(ctx, input) : saveMappingAndCheck(ctx, input));
  }
  return { replayed: false, body: await apiImport(ctx, importId) };
}

export async function mapViaApi(ctx: AuthContext, importId: string, body: z.output<typeof mappingBodySchema>): Promise<ApiImport> {
  const input = { importId, mapping: body.mapping, matchKeys: body.matchKeys, policy: body.policy, saveTemplate: body.saveTemplate };
  await (body.mode === "run" ? saveMappingAndRun(ctx, input) : saveMappingAndCheck(ctx, input));
  return apiImport(ctx, importId);
}

export async function listViaApi(ctx: AuthContext): Promise<{ id: string; entity: string; fileName: string; status: string; createdAt: string }[]> {
  return withTenant(ctx, async (tx) => {
    const rows = await tx.importJob.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 100, select: { id: true, entity: true, fileName: true, status: true, createdAt: true } });
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  });
}

/** The problems CSV of an import as a download response (the wizard's link and the API share it). */
export async function problemsCsvResponse(ctx: AuthContext, importId: string): Promise<Response> {
  const file = await errorReportForDownload(ctx, importId);
  return new Response(fileStream(ctx, file.fileId), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="import-problems.csv"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
