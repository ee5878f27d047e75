// Files kept in Postgres in ~512 KB chunks (stored_files / stored_file_chunks),
// so every web instance and worker can write and stream them — no machine's disk
// holds state. Writing never buffers more than one chunk; reading streams chunk by
// chunk. Everything runs in the tenant's context (RLS), like all tenant data.
import { createHash } from "node:crypto";
import { withTenant, withTenantPg, type TenantScope } from "@/lib/db/tenant";

export const CHUNK_BYTES = 512 * 1024;
export type FilePurpose = "export" | "import" | "error_report";

export type FileWriter = {
  fileId: string;
  write(data: string | Buffer): Promise<void>;
  /** Flushes the last chunk and marks the file ready; returns its size and digest. */
  close(): Promise<{ byteSize: number; sha256: string }>;
};

export async function createFile(
  scope: TenantScope,
  meta: { purpose: FilePurpose; name: string; contentType?: string; createdBy?: string | null; expiresAt?: Date | null },
): Promise<FileWriter> {
  const file = await withTenant(scope, (tx) =>
    tx.storedFile.create({
      data: {
        tenantId: scope.tenantId, purpose: meta.purpose, name: meta.name, contentType: meta.contentType ?? "text/csv; charset=utf-8",
        createdBy: meta.createdBy ?? null, expiresAt: meta.expiresAt ?? null,
      },
      select: { id: true },
    }),
  );
  const hash = createHash("sha256");
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let total = 0;

  async function flush() {
    if (!pendingBytes) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    const n = seq++;
    await withTenantPg(scope, (c) =>
      c.query("INSERT INTO stored_file_chunks (tenant_id, file_id, seq, data) VALUES ($1, $2, $3, $4)", [scope.tenantId, file.id, n, data]),
    );
  }

  return {
    fileId: file.id,
    async write(data) {
      const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      hash.update(buf);
      total += buf.length;
      pending.push(buf);
      pendingBytes += buf.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    },
    async close() {
      await flush();
      const sha256 = hash.digest("hex");
      await withTenant(scope, (tx) =>
        tx.storedFile.update({
          where: { tenantId_id: { tenantId: scope.tenantId, id: file.id } },
          data: { status: "ready", byteSize: BigInt(total), sha256 },
        }),
      );
      return { byteSize: total, sha256 };
    },
  };
}

export type StoredFileInfo = { id: string; name: string; contentType: string; byteSize: number; status: string; createdBy: string | null; purpose: string };

export async function fileInfo(scope: TenantScope, fileId: string): Promise<StoredFileInfo | null> {
  const f = await withTenant(scope, (tx) => tx.storedFile.findFirst({ where: { id: fileId } }));
  return f ? { id: f.id, name: f.name, contentType: f.contentType, byteSize: Number(f.byteSize), status: f.status, createdBy: f.createdBy, purpose: f.purpose } : null;
}

/** The file's bytes in order, a few chunks per query, never the whole file at once. */
export async function* readFileChunks(scope: TenantScope, fileId: string, batch = 4): AsyncGenerator<Buffer> {
  for (let from = 0; ; from += batch) {
    const rows = await withTenantPg(scope, (c) =>
      c.query<{ data: Buffer }>(
        "SELECT data FROM stored_file_chunks WHERE file_id = $1 AND seq >= $2 AND seq < $3 ORDER BY seq",
        [fileId, from, from + batch],
      ),
    );
    for (const r of rows.rows) yield r.data;
    if (rows.rowCount! < batch) return;
  }
}

/** A web Response body streaming the file. */
export function fileStream(scope: TenantScope, fileId: string): ReadableStream<Uint8Array> {
  const chunks = readFileChunks(scope, fileId);
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
