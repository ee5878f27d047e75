// The problems CSV of an import: one line per problem (error, duplicate, warning)
// with the spreadsheet row number, the column, the value, the reason in the
// reader's language and then the row's own cells as they were in the file, so it
// can be fixed in Excel and imported again. UTF-8 with a BOM, formula-safe cells.
//
// Written through the caller's connection, inside the transaction that records the
// import's outcome: the file exists exactly when the outcome does.
import { createHash } from "node:crypto";
import type pg from "pg";
import { csvLine, UTF8_BOM } from "@/lib/csv/cell";
import { CHUNK_BYTES } from "@/lib/files/store";
import type { Locale } from "@/lib/i18n/translate";
import { fileDataRows, type StoredPreview } from "@/lib/imports/file";
import { importsT, issueLine } from "@/lib/imports/text";

const BATCH = 5_000;
/** Rows whose cells are fetched from the file for problems found while applying. */
const MAX_REFETCH = 100_000;

type IssueRow = {
  row_no: number; seq: number; level: "error" | "duplicate" | "warning"; column_name: string | null; value: string | null;
  reason_key: string; reason_params: Record<string, string | number> | null; cells: string[] | null;
};

class ClientFileWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq = 0;
  private total = 0;
  private readonly hash = createHash("sha256");
  constructor(private readonly c: pg.PoolClient, private readonly tenantId: string, readonly fileId: string) {}

  async write(text: string) {
    const buf = Buffer.from(text, "utf8");
    this.hash.update(buf);
    this.total += buf.length;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes >= CHUNK_BYTES) await this.flush();
  }

  private async flush() {
    if (!this.pendingBytes) return;
    const data = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.c.query("INSERT INTO stored_file_chunks (tenant_id, file_id, seq, data) VALUES ($1, $2, $3, $4)", [this.tenantId, this.fileId, this.seq++, data]);
  }

  async close() {
    await this.flush();
    await this.c.query("UPDATE stored_files SET status = 'ready', byte_size = $3, sha256 = $4 WHERE tenant_id = $1 AND id = $2",
      [this.tenantId, this.fileId, this.total, this.hash.digest("hex")]);
    return this.total;
  }
}

/** The cells of some file rows, read again from the stored file (only for problems found while applying). */
async function cellsOfRows(tenantId: string, fileId: string, preview: StoredPreview, wanted: Set<number>): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!wanted.size) return out;
  const last = Math.max(...wanted);
  for await (const r of fileDataRows({ tenantId }, fileId, preview)) {
    if (wanted.has(r.row)) out.set(r.row, r.cells);
    if (r.row >= last) break;
  }
  return out;
}

export type ReportInput = {
  tenantId: string; importId: string; fileId: string | null; preview: StoredPreview; locale: Locale;
  fileName: string; createdBy: string | null;
};

/** Writes the problems CSV; returns its file id and how many problems it lists (null when there are none). */
export async function writeErrorReport(c: pg.PoolClient, input: ReportInput): Promise<{ fileId: string; lines: number } | null> {
  const { tenantId, importId } = input;
  const { rows: count } = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM import_row_issues WHERE tenant_id = $1 AND import_id = $2", [tenantId, importId]);
  if (!count[0]!.n) return null;

  // Rows whose only problems were found while applying carry no cells yet: read them from the file.
  const { rows: missing } = await c.query<{ row_no: number }>(`
    SELECT DISTINCT i.row_no FROM import_row_issues i
    WHERE i.tenant_id = $1 AND i.import_id = $2 AND i.phase = 'apply'
      AND NOT EXISTS (SELECT 1 FROM import_row_issues x WHERE x.tenant_id = i.tenant_id AND x.import_id = i.import_id AND x.row_no = i.row_no AND x.cells IS NOT NULL)
    ORDER BY 1 LIMIT ${MAX_REFETCH}`, [tenantId, importId]);
  const refetched = input.fileId ? await cellsOfRows(tenantId, input.fileId, input.preview, new Set(missing.map((m) => m.row_no))) : new Map();

  const t = importsT(input.locale);
  const base = input.fileName.replace(/\.[^.]+$/, "");
  const { rows: created } = await c.query<{ id: string }>(
    `INSERT INTO stored_files (tenant_id, purpose, name, content_type, created_by, expires_at)
     VALUES ($1, 'error_report', $2, 'text/csv; charset=utf-8', $3, now() + interval '30 days') RETURNING id`,
    [tenantId, `${base}-${t("imports.report.fileSuffix")}.csv`, input.createdBy],
  );
  const file = new ClientFileWriter(c, tenantId, created[0]!.id);
  const headers = input.preview.headers;
  await file.write(UTF8_BOM + csvLine([
    t("imports.report.col.row"), t("imports.report.col.level"), t("imports.report.col.column"), t("imports.report.col.value"),
    t("imports.report.col.problem"), ...headers,
  ]));

  let lines = 0;
  let after: [number, number] = [0, -1];
  let rowCells: { row: number; cells: string[] | null } = { row: 0, cells: null };
  for (;;) {
    const { rows } = await c.query<IssueRow>(`
      SELECT row_no, seq, level, column_name, value, reason_key, reason_params, cells FROM import_row_issues
      WHERE tenant_id = $1 AND import_id = $2 AND (row_no, seq) > ($3, $4)
      ORDER BY row_no, seq LIMIT ${BATCH}`, [tenantId, importId, after[0], after[1]]);
    if (!rows.length) break;
    let text = "";
    for (const r of rows) {
      if (rowCells.row !== r.row_no) rowCells = { row: r.row_no, cells: null };
      if (r.cells) rowCells.cells = r.cells;
      const cells = rowCells.cells ?? refetched.get(r.row_no) ?? [];
      const problem = issueLine(input.locale, { row: r.row_no, column: r.column_name, value: r.value, reason: { key: r.reason_key, params: r.reason_params } });
      text += csvLine([r.row_no, t(`imports.level.${r.level}`), r.column_name ?? "", r.value ?? "", problem, ...cells]);
      lines++;
    }
    await file.write(text);
    const last = rows[rows.length - 1]!;
    after = [last.row_no, last.seq];
  }
  await file.close();
  return { fileId: file.fileId, lines };
}
