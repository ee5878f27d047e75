// Receiving an upload: the request body is streamed into the file store chunk by
// chunk (never whole in memory) while its first 64 KB are kept for a first look —
// what kind of file, which encoding and delimiter, where the header row is, the
// first rows. A file that cannot be imported (empty, binary, .xls, over the limit,
// header only) is refused with its reason and not kept. Otherwise an import row
// (status 'uploaded') records the file, who and what for, and the suggested
// mapping (or the tenant's saved one for the same headers).
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { createFile } from "@/lib/files/store";
import { suggestMapping } from "@/lib/import/suggest-mapping";
import { headerSignature } from "@/lib/import/template";
import { previewXlsx } from "@/lib/import/read/xlsx";
import { previewCsv, type Preview } from "@/lib/import/sniff/preview";
import { assertEntityAccess } from "@/lib/imports/entities";
import { fileBytes, MAX_UPLOAD_BYTES, type StoredPreview } from "@/lib/imports/file";
import { DEFAULT_OPTIONS } from "@/lib/imports/schemas";
import { findTemplate } from "@/lib/imports/templates";

const HEAD_BYTES = 65_536;

export function formatLimit(bytes: number): string {
  return bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

const refuse = (key: string, params?: Record<string, string | number>) => new AppError("validation", key, params ?? {});

export type UploadInput = {
  entity: string;
  fileName: string;
  body: ReadableStream<Uint8Array> | null;
  /** The Content-Length header, when the client sent one. */
  declaredBytes: number | null;
  maxBytes?: number;
};

export async function receiveUpload(ctx: AuthContext, input: UploadInput): Promise<{ importId: string }> {
  assertEntityAccess(ctx, input.entity);
  const maxBytes = input.maxBytes ?? MAX_UPLOAD_BYTES;
  if (input.declaredBytes !== null && input.declaredBytes > maxBytes) throw refuse("import.file.tooLarge", { limit: formatLimit(maxBytes) });
  if (!input.body || input.declaredBytes === 0) throw refuse("import.file.empty");

  const scope = { tenantId: ctx.tenantId, userId: ctx.userId };
  const writer = await createFile(scope, {
    purpose: "import", name: input.fileName, contentType: "application/octet-stream", createdBy: ctx.userId,
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
  });
  const dropFile = () => withTenant(scope, (tx) => tx.storedFile.deleteMany({ where: { id: writer.fileId } })).catch(() => undefined);

  const head: Buffer[] = [];
  let headBytes = 0;
  let total = 0;
  const reader = input.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value?.length) continue;
      total += value.length;
      if (total > maxBytes) throw refuse("import.file.tooLarge", { limit: formatLimit(maxBytes) });
      const buf = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (headBytes < HEAD_BYTES) {
        head.push(Buffer.from(buf.subarray(0, HEAD_BYTES - headBytes)));
        headBytes += Math.min(buf.length, HEAD_BYTES - headBytes);
      }
      await writer.write(buf);
    }
    await writer.close();
  } catch (err) {
    await reader.cancel().catch(() => undefined);
    await dropFile();
    if (err instanceof AppError) throw err;
    throw refuse("imports.error.uploadBroken");
  }
  if (total === 0) {
    await dropFile();
    throw refuse("import.file.empty");
  }

  const headBuf = Buffer.concat(head, headBytes);
  let preview: Preview = previewCsv(headBuf, { complete: total <= headBuf.length });
  if (preview.kind === "xlsx") preview = await previewXlsx(fileBytes(scope, writer.fileId));
  if (preview.problems.length) {
    await dropFile();
    const p = preview.problems[0]!;
    throw refuse(p.key, p.params);
  }
  const stored: StoredPreview = {
    kind: preview.kind, encoding: preview.encoding, delimiter: preview.delimiter, sepLine: preview.sepLine,
    headerRow: preview.headerRow, headers: preview.headers, rows: preview.rows, warnings: preview.warnings,
  };
  const entity = input.entity;
  const row = await withTenant(scope, async (tx) => {
    const template = await findTemplate(tx, entity, preview.headers);
    const suggested = suggestMapping(entity, preview.headers, preview.rows.map((r) => r.cells));
    const mapping = template?.mapping ?? suggested.mapping;
    const options = {
      ...(template?.options ?? DEFAULT_OPTIONS),
      templateApplied: Boolean(template),
      suggestions: suggested.suggestions.map((s) => ({ field: s.field, column: s.column, method: s.method })),
    };
    const created = await tx.importJob.create({
      data: {
        tenantId: ctx.tenantId, entity, fileName: input.fileName, status: "uploaded", fileId: writer.fileId, fileBytes: BigInt(total),
        preview: JSON.parse(JSON.stringify(stored)), headerSignature: headerSignature(preview.headers), mapping, options,
        locale: ctx.locale, createdBy: ctx.userId,
      },
      select: { id: true },
    });
    await writeAudit(tx, ctx, { action: "import.upload", entity: "import", entityId: created.id, after: { entity, fileName: input.fileName, bytes: total } });
    return created;
  });
  return { importId: row.id };
}
