// The work of one customer export, run by the worker. It acts as the person who
// asked, with their permissions as they are NOW (a revoked export right stops the
// export); reads in one transaction (one consistent snapshot of the data) while
// progress and file chunks are written on their own connections so the page sees
// the bar move. A retry deletes the half-written file and starts again: one file,
// never two, never a duplicated row.
import { can, loadAuthContext } from "@/lib/auth/context";
import { csvLine, UTF8_BOM } from "@/lib/csv/cell";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import type { CustomerFilters } from "@/lib/customers/filters";
import { createFile } from "@/lib/files/store";
import { translator } from "@/lib/i18n/translate";
import { headerOf, isExportColumn } from "@/lib/exports/customer-columns";
import { customerExportBatch, prepareCustomerExport } from "@/lib/exports/customer-rows";

type Scope = { tenantId: string };

async function update(scope: Scope, exportId: string, data: Record<string, unknown>) {
  await withTenant(scope, (tx) => tx.export.update({ where: { tenantId_id: { tenantId: scope.tenantId, id: exportId } }, data }));
}

function fileName(now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, "");
  return `customers-${stamp}.csv`;
}

export async function runCustomerExport(tx: TenantTx, payload: { tenantId: string; exportId: string }) {
  const scope = { tenantId: payload.tenantId };
  const job = await tx.export.findFirst({ where: { id: payload.exportId } });
  if (!job) return { skipped: "no such export" };
  if (job.status === "succeeded") return { skipped: "already done", rows: job.rowsDone };

  const ctx = await loadAuthContext({ tenantId: payload.tenantId, userId: job.requestedBy });
  if (!ctx || !can(ctx, "customer:export")) {
    await update(scope, job.id, { status: "failed", error: translator(ctx?.locale ?? "zh-CN")("exports.requesterLost"), finishedAt: new Date() });
    return { refused: true };
  }
  if (job.fileId) await withTenant(scope, (t) => t.storedFile.deleteMany({ where: { id: job.fileId! } }));

  const columns = job.columns.filter(isExportColumn);
  const cursor = await prepareCustomerExport(tx, ctx, job.filters as CustomerFilters);
  const file = await createFile(scope, { purpose: "export", name: fileName(new Date()), createdBy: job.requestedBy, expiresAt: new Date(Date.now() + 7 * 86_400_000) });
  await update(scope, job.id, { status: "running", rowsTotal: cursor.total, rowsDone: 0, fileId: file.fileId, error: null });

  await file.write(UTF8_BOM + csvLine(columns.map((c) => headerOf(c, ctx.locale))));
  let done = 0;
  let after: string | null = null;
  for (;;) {
    const batch = await customerExportBatch(tx, cursor, columns, after);
    if (!batch.lastId) break;
    await file.write(batch.cells.map(csvLine).join(""));
    done += batch.cells.length;
    after = batch.lastId;
    await update(scope, job.id, { rowsDone: done });
  }
  const { byteSize } = await file.close();
  await update(scope, job.id, { status: "succeeded", rowsDone: done, finishedAt: new Date() });
  return { rows: done, bytes: byteSize };
}
