// The uploaded file, read back from the file store as rows: CSV through the
// decoder and papaparse's streaming parser, .xlsx through exceljs's streaming
// reader. Nothing holds more than a chunk or two of the file.
import { Readable } from "node:stream";
import { readFileChunks } from "@/lib/files/store";
import type { TenantScope } from "@/lib/db/tenant";
import { dataRows, readCsvRows, type RawRow } from "@/lib/import/read/csv";
import { readXlsxRows } from "@/lib/import/read/xlsx";
import type { Preview } from "@/lib/import/sniff/preview";

/** Upload size limit (bytes). */
export const MAX_UPLOAD_BYTES = Number(process.env.IMPORT_MAX_BYTES || 200 * 1024 * 1024);
/** A physical line longer than this is not a CSV line (a binary, or a quote never closed). */
export const MAX_LINE_CHARS = 1_000_000;

/** What the upload's first look saved on the import row (import_jobs.preview). */
export type StoredPreview = Pick<Preview, "kind" | "delimiter" | "sepLine" | "headerRow" | "headers" | "rows" | "warnings"> & {
  encoding: Preview["encoding"];
};

/** The stored file as a byte stream; `onBytes` hears how many bytes have been handed on. */
export function fileBytes(scope: TenantScope, fileId: string, onBytes?: (n: number) => void): Readable {
  async function* counted() {
    for await (const chunk of readFileChunks(scope, fileId)) {
      onBytes?.(chunk.length);
      yield chunk;
    }
  }
  return Readable.from(counted(), { objectMode: false, highWaterMark: 1 << 20 });
}

/** The file's data rows (after the header row), in file order, with spreadsheet row numbers. */
export function fileDataRows(scope: TenantScope, fileId: string, preview: StoredPreview, onBytes?: (n: number) => void): AsyncGenerator<RawRow> {
  const bytes = fileBytes(scope, fileId, onBytes);
  const rows = preview.kind === "xlsx"
    ? readXlsxRows(bytes)
    : readCsvRows(bytes, {
      delimiter: preview.delimiter ?? ",",
      sepLine: preview.sepLine,
      encoding: preview.encoding?.encoding ?? "auto",
      maxBytes: MAX_UPLOAD_BYTES,
      maxLineChars: MAX_LINE_CHARS,
      // A short queue: parsed rows waiting longer than a few scavenges end up in the old generation.
      highWaterMark: 256,
    });
  return dataRows(rows, preview.headerRow);
}
