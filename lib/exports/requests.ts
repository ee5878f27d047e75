// Asking for an export and following it. The request is a row (filters, columns,
// who asked) plus a job whose id is the row's id, so asking twice cannot run it
// twice; progress is on the row, so a page reload (or another web instance) shows
// the same bar. Only the person who asked can see or download their export.
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { customerExportJob } from "@/lib/jobs/definitions";
import { enqueue } from "@/lib/jobs/queues";
import type { RequestExportInput } from "@/lib/exports/schemas";

export type ExportStatus = {
  id: string;
  status: "queued" | "running" | "succeeded" | "failed";
  rowsDone: number;
  rowsTotal: number | null;
  fileId: string | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

const SELECT = { id: true, status: true, rowsDone: true, rowsTotal: true, fileId: true, error: true, createdAt: true, finishedAt: true } as const;

export async function requestCustomerExport(ctx: AuthContext, input: RequestExportInput): Promise<{ exportId: string }> {
  const row = await withTenant(ctx, async (tx) => {
    const created = await tx.export.create({
      data: { tenantId: ctx.tenantId, entity: "customer", requestedBy: ctx.userId, filters: input.filters, columns: input.columns },
      select: { id: true },
    });
    await writeAudit(tx, ctx, { action: "customer.export.request", entity: "export", entityId: created.id, after: { filters: input.filters, columns: input.columns } });
    return created;
  });
  await enqueue(customerExportJob, { tenantId: ctx.tenantId, exportId: row.id }, { jobId: row.id });
  return { exportId: row.id };
}

export async function exportStatus(ctx: AuthContext, exportId: string): Promise<ExportStatus> {
  const row = await withTenant(ctx, (tx) => tx.export.findFirst({ where: { id: exportId, requestedBy: ctx.userId }, select: SELECT }));
  if (!row) throw new AppError("not_found", "exports.notFound");
  return row as ExportStatus;
}

export async function recentExports(ctx: AuthContext, limit = 5): Promise<ExportStatus[]> {
  const rows = await withTenant(ctx, (tx) =>
    tx.export.findMany({ where: { requestedBy: ctx.userId, entity: "customer" }, orderBy: [{ createdAt: "desc" }], take: limit, select: SELECT }),
  );
  return rows as ExportStatus[];
}

/** The finished file of the caller's own export, audited; refused while not ready. */
export async function exportFileForDownload(ctx: AuthContext, exportId: string): Promise<{ fileId: string; name: string }> {
  return withTenant(ctx, async (tx) => {
    const row = await tx.export.findFirst({ where: { id: exportId, requestedBy: ctx.userId } });
    if (!row) throw new AppError("not_found", "exports.notFound");
    if (row.status !== "succeeded" || !row.fileId) throw new AppError("conflict", "exports.notReady");
    const file = await tx.storedFile.findFirst({ where: { id: row.fileId, status: "ready" } });
    if (!file) throw new AppError("not_found", "exports.notFound");
    await writeAudit(tx, ctx, { action: "customer.export.download", entity: "export", entityId: exportId, after: { fileId: file.id, bytes: Number(file.byteSize) } });
    return { fileId: file.id, name: file.name };
  });
}
