// Staging: the file, streamed from the file store, parsed, cleaned and deduplicated
// row by row (lib/import), COPY'd into the entity's staging table (a StageTarget:
// import_customer_rows for customers, import_entity_rows for every other entity) in
// ~256 KB chunks with every row's problems into import_row_issues.
//
// Exactly once, however often the worker dies: each chunk is ONE transaction that
// writes its rows and issues and moves import_jobs.staged_through (the last file row
// it covers) from the value this pass last saw to the new one. A successor re-reads
// the file from the top — re-cleaning the rows before the mark, so the in-file
// dedupe remembers them — and writes only rows after it. A second worker on the same
// import (a stalled one waking up) finds the mark moved and stops; the staging
// table's primary key would refuse its rows anyway.
//
// Parsing and cleaning (this thread) overlap with Postgres (its own process): a
// chunk's transaction is in flight while the next chunk is being cleaned.
import type { ImportEntity } from "@/lib/import/fields";
import type { CleanedRow, RowIssue } from "@/lib/import/row-cleaner";
import { createRowCleaner, ImportMappingError } from "@/lib/import/row-cleaner";
import type { ImportMapping } from "@/lib/import/mapping";
import { ImportFileError, type Msg } from "@/lib/import/types";
import { CopyBuffer, copyNullable, copyString, copyText, openTenantSession, type TenantSession } from "@/lib/imports/db";
import { fileDataRows, type StoredPreview } from "@/lib/imports/file";
import { importHooks } from "@/lib/imports/hooks";
import { StoreLookup } from "@/lib/imports/customers/staging";

export const CHUNK_BYTES = 256 * 1024;
/** Warnings kept per import (all are counted). Errors and duplicates are always kept. */
export const WARNINGS_KEPT = 20_000;
const MAX_VALUE_CHARS = 1_000;
const MAX_CELLS_CHARS = 32_000;

/** The file as a whole cannot be imported (bad encoding, an unclosed quote…): nothing is applied. */
export class ImportFatalError extends Error {
  constructor(readonly detail: { key: string; params?: Record<string, string | number>; row?: number }) {
    super(`import stopped: ${detail.key}${detail.row ? ` at row ${detail.row}` : ""}`);
    this.name = "ImportFatalError";
  }
}

/** Another run of the same import took over (or it was superseded): stop quietly. */
export class ImportStaleError extends Error {
  constructor() {
    super("import superseded by another run");
    this.name = "ImportStaleError";
  }
}

export class ImportCancelledError extends Error {
  constructor() {
    super("import cancelled");
    this.name = "ImportCancelledError";
  }
}

export type StageInput = {
  tenantId: string;
  importId: string;
  runSeq: number;
  fileId: string;
  preview: StoredPreview;
  /** With dedupeKeys set (lib/imports/run.ts). */
  mapping: ImportMapping;
  /** Where the cleaned rows go (lib/imports/customers/staging.ts, lib/imports/entity-staging.ts). */
  target: StageTarget;
  timeZone: string;
  /** Hash of what the staged rows depend on (mapping, time zone); another one restages. */
  stagedKey: string;
};

/** What a cleaned row becomes in the staging table of its entity. */
export type StageTarget = {
  /** The shared staging table (keyed tenant_id, import_id, row_no). */
  table: "import_customer_rows" | "import_entity_rows";
  /** Its columns after tenant_id and import_id, in COPY order. */
  columns: readonly string[];
  /** The session's temp table the chunks are COPY'd into (COPY FROM refuses tables with RLS), and its DDL. */
  tempTable: string;
  tempDdl: string;
  /** One COPY line (with its newline); may add warnings of its own (a store that is not one of the tenant's…). */
  line(row: number, record: Record<string, unknown>, ctx: StageLineContext): string;
};

export type StageLineContext = {
  stores: StoreLookup;
  mapping: ImportMapping;
  headers: readonly string[];
  cells: readonly string[];
  /** The row's warnings so far; push to add. */
  warnings: RowIssue[];
};

export type StageResult = { rows: number; staged: number; resumedFrom: number; reused: boolean };

const ISSUE_TEMP_DDL = `CREATE TEMP TABLE import_stage_issues (
  row_no integer, seq integer, level text, column_name text, field text, value text, reason_key text, reason_params jsonb, cells jsonb
) ON COMMIT DELETE ROWS`;

type Chunk = {
  stage: CopyBuffer; stageRows: number; issues: CopyBuffer;
  rows: number; failed: number; duplicates: number; warnings: number; lastRow: number;
};
/** Two pairs of buffers: one chunk in flight to Postgres while the next one fills. */
const buffers = () => [{ stage: new CopyBuffer(), issues: new CopyBuffer(256 * 1024) }, { stage: new CopyBuffer(), issues: new CopyBuffer(256 * 1024) }];
function emptyChunk(pair: { stage: CopyBuffer; issues: CopyBuffer }): Chunk {
  pair.stage.reset();
  pair.issues.reset();
  return { stage: pair.stage, stageRows: 0, issues: pair.issues, rows: 0, failed: 0, duplicates: 0, warnings: 0, lastRow: 0 };
}

function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

function cellsJson(cells: readonly string[]): string {
  const json = JSON.stringify(cells);
  return json.length <= MAX_CELLS_CHARS ? json : JSON.stringify(cells.map((c) => clip(c, 200)));
}

function issueLine(row: number, seq: number, level: "error" | "duplicate" | "warning", column: string | null, field: string | null, value: string, reason: Msg, cells: readonly string[] | null): string {
  return [
    String(row), String(seq), level, copyNullable(column), copyNullable(field), copyString(clip(value, MAX_VALUE_CHARS)), reason.key,
    reason.params ? copyString(JSON.stringify(reason.params)) : "\\N",
    cells ? copyString(cellsJson(cells)) : "\\N",
  ].join("\t") + "\n";
}

async function prepare(session: TenantSession, input: StageInput): Promise<{ resumeFrom: number; complete: boolean; warningsKept: number; staged: number }> {
  await session.client.query(input.target.tempDdl);
  await session.client.query(ISSUE_TEMP_DDL);
  return session.tx(async (c) => {
    const { rows } = await c.query<{ staged_key: string | null; staged_through: number; staged_rows: number; staged_complete: boolean; run_seq: number }>(
      "SELECT staged_key, staged_through, staged_rows, staged_complete, run_seq FROM import_jobs WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
      [input.tenantId, input.importId],
    );
    const job = rows[0];
    if (!job || job.run_seq !== input.runSeq) throw new ImportStaleError();
    let valid = job.staged_key === input.stagedKey;
    if (valid) {
      // An UNLOGGED table is emptied by a Postgres crash: trust the mark only if the rows are there.
      const { rows: n } = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${input.target.table} WHERE tenant_id = $1 AND import_id = $2`, [input.tenantId, input.importId]);
      valid = n[0]!.n === job.staged_rows;
    }
    if (!valid) {
      await c.query(`DELETE FROM ${input.target.table} WHERE tenant_id = $1 AND import_id = $2`, [input.tenantId, input.importId]);
      await c.query("DELETE FROM import_row_issues WHERE tenant_id = $1 AND import_id = $2", [input.tenantId, input.importId]);
      await c.query(
        `UPDATE import_jobs SET staged_key = $3, staged_through = 0, staged_rows = 0, staged_complete = false, processed_rows = 0,
           total_rows = 0, failed_count = 0, skipped_count = 0, warning_count = 0, bytes_done = 0, updated_at = now()
         WHERE tenant_id = $1 AND id = $2`,
        [input.tenantId, input.importId, input.stagedKey],
      );
      return { resumeFrom: 0, complete: false, warningsKept: 0, staged: 0 };
    }
    const { rows: w } = await c.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM import_row_issues WHERE tenant_id = $1 AND import_id = $2 AND level = 'warning'", [input.tenantId, input.importId]);
    return { resumeFrom: job.staged_through, complete: job.staged_complete, warningsKept: w[0]!.n, staged: job.staged_rows };
  });
}

export async function stageImport(input: StageInput): Promise<StageResult> {
  const target = input.target;
  const scope = { tenantId: input.tenantId };
  const session = await openTenantSession(scope);
  let inflight: Promise<{ cancel: boolean }> | null = null;
  try {
    const state = await prepare(session, input);
    if (state.complete) return { rows: 0, staged: state.staged, resumedFrom: state.resumeFrom, reused: true };

    const stores = await session.tx(async (c) =>
      (await c.query<{ id: string; code: string; name: string; department_id: string | null }>(
        "SELECT id, code, name, department_id FROM stores WHERE tenant_id = $1 ORDER BY created_at, id", [input.tenantId])).rows,
    );
    const storeLookup = new StoreLookup(stores.map((s) => ({ id: s.id, code: s.code, name: s.name, departmentId: s.department_id })));
    const headers = input.preview.headers;
    let cleaner;
    try {
      cleaner = createRowCleaner(input.mapping, { headers, timeZone: input.timeZone });
    } catch (err) {
      if (err instanceof ImportMappingError) throw new ImportFatalError({ key: err.problems[0]!.key, params: err.problems[0]!.params });
      throw err;
    }

    let bytesRead = 0;
    let through = state.resumeFrom;
    let warningsKept = state.warningsKept;
    let rowsSeen = 0;
    let chunkNo = 0;
    const pairs = buffers();
    let nextPair = 0;
    let chunk = emptyChunk(pairs[nextPair++ % 2]!);
    const chunkBytes = () => chunk.stage.length + chunk.issues.length;

    const flush = async (final: boolean) => {
      if (inflight) {
        const prev = await inflight;
        inflight = null;
        if (prev.cancel) throw new ImportCancelledError();
      }
      const c0 = chunk;
      // The other pair is free: the chunk that used it has been awaited above.
      chunk = emptyChunk(pairs[nextPair++ % 2]!);
      if (!final && c0.lastRow === 0) return;
      const from = through;
      const to = Math.max(through, c0.lastRow);
      through = to;
      const bytes = bytesRead;
      const n = ++chunkNo;
      const total = rowsSeen;
      inflight = session.tx(async (c) => {
        if (c0.stageRows) {
          const cols = target.columns.join(", ");
          await copyText(c, `COPY ${target.tempTable} (${cols}) FROM STDIN`, c0.stage.bytes());
          await c.query(
            `INSERT INTO ${target.table} (tenant_id, import_id, ${cols}) SELECT $1, $2, ${cols} FROM ${target.tempTable}`,
            [input.tenantId, input.importId],
          );
        }
        if (c0.issues.length) {
          await copyText(c, "COPY import_stage_issues FROM STDIN", c0.issues.bytes());
          await c.query(
            `INSERT INTO import_row_issues (tenant_id, import_id, row_no, seq, level, phase, column_name, field, value, reason_key, reason_params, cells)
             SELECT $1, $2, row_no, seq, level, 'clean', column_name, field, value, reason_key, reason_params, cells FROM import_stage_issues`,
            [input.tenantId, input.importId],
          );
        }
        const { rows } = await c.query<{ cancel_requested: boolean }>(
          `UPDATE import_jobs SET staged_through = $4, staged_rows = staged_rows + $5, processed_rows = processed_rows + $6,
             failed_count = failed_count + $7, skipped_count = skipped_count + $8, warning_count = warning_count + $9,
             bytes_done = $10, progress_at = now(), updated_at = now(),
             staged_complete = $11, total_rows = CASE WHEN $11 THEN $12 ELSE total_rows END
           WHERE tenant_id = $1 AND id = $2 AND run_seq = $3 AND staged_through = $13
           RETURNING cancel_requested`,
          [input.tenantId, input.importId, input.runSeq, to, c0.stageRows, c0.rows, c0.failed, c0.duplicates, c0.warnings, bytes, final, total, from],
        );
        if (!rows[0]) throw new ImportStaleError();
        return { cancel: rows[0].cancel_requested };
      });
      // Surface a failure at the next await, never as an unhandled rejection.
      inflight.catch(() => undefined);
      if (importHooks.afterChunk) {
        const r = await inflight;
        inflight = Promise.resolve(r);
        await importHooks.afterChunk({ importId: input.importId, stagedThrough: to, chunk: n, rows: c0.rows });
      }
    };

    const rows = fileDataRows(scope, input.fileId, input.preview, (n) => { bytesRead += n; });
    try {
      for await (const raw of rows) {
        if (raw.issue?.fatal) throw new ImportFatalError({ key: raw.issue.key, params: raw.issue.params, row: raw.row });
        rowsSeen++;
        let cleaned: CleanedRow<ImportEntity> | null = null;
        if (!raw.issue) cleaned = cleaner.clean(raw.row, raw.cells);
        // Rows before the mark were written by an earlier pass: cleaned again only so the dedupe remembers them.
        if (raw.row <= through) continue;

        chunk.rows++;
        chunk.lastRow = raw.row;
        if (!cleaned) {
          chunk.failed++;
          chunk.issues.write(issueLine(raw.row, 0, "error", null, null, "", { key: raw.issue!.key, params: raw.issue!.params }, raw.cells));
        } else if (cleaned.status === "failed") {
          chunk.failed++;
          cleaned.errors.forEach((e, i) => {
            chunk.issues.write(issueLine(raw.row, i, "error", e.column, e.field, e.value, e.reason, i === 0 ? raw.cells : null));
          });
        } else if (cleaned.status === "duplicate") {
          chunk.duplicates++;
          const s = cleaned.skipped!;
          chunk.issues.write(issueLine(raw.row, 0, "duplicate", s.column, s.field, s.value, s.reason, raw.cells));
        } else {
          const warnings = cleaned.warnings.slice();
          chunk.stage.write(target.line(raw.row, cleaned.record as Record<string, unknown>, { stores: storeLookup, mapping: input.mapping, headers, cells: raw.cells, warnings }));
          chunk.stageRows++;
          if (warnings.length) {
            chunk.warnings += warnings.length;
            warnings.forEach((w, i) => {
              if (warningsKept >= WARNINGS_KEPT) return;
              warningsKept++;
              chunk.issues.write(issueLine(raw.row, i, "warning", w.column, w.field, w.value, w.reason, i === 0 ? raw.cells : null));
            });
          }
        }
        if (chunkBytes() >= CHUNK_BYTES) await flush(false);
      }
    } catch (err) {
      if (err instanceof ImportFileError) throw new ImportFatalError({ key: err.detail.key, params: err.detail.params });
      throw err;
    }
    if (rowsSeen === 0) throw new ImportFatalError({ key: "import.file.headerOnly" });
    await flush(true);
    const pending = inflight as Promise<{ cancel: boolean }> | null;
    inflight = null;
    if (pending && (await pending).cancel) throw new ImportCancelledError();
    return { rows: rowsSeen, staged: 0, resumedFrom: state.resumeFrom, reused: false };
  } finally {
    if (inflight) await (inflight as Promise<unknown>).catch(() => undefined);
    session.close();
  }
}
