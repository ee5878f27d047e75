// An .xlsx workbook as an async stream of rows, read with exceljs's streaming
// WorkbookReader (maintained, reads the zip entry by entry; the sheet is never a DOM
// in memory). Cells become the text a person sees, so the same cleaners apply as for
// CSV: dates as "2024-01-02 13:05:00" wall-clock text (the tenant's zone applies later),
// formulas as their cached result, rich text as its plain text, errors as "#N/A".
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { RawRow } from "@/lib/import/read/csv";
import { previewFromRows, type Preview } from "@/lib/import/sniff/preview";
import { ImportFileError, msg } from "@/lib/import/types";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** exceljs gives date cells as JS Dates holding the sheet's wall-clock time in UTC fields. */
function dateText(d: Date): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds() + (d.getUTCMilliseconds() >= 500 ? 1 : 0);
  return h === 0 && m === 0 && s === 0 ? date : `${date} ${pad(h)}:${pad(m)}:${pad(Math.min(s, 59))}`;
}

/** The text of one cell value. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : dateText(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if ("error" in v) return String(v.error);
    if ("formula" in v || "sharedFormula" in v) {
      // A formula's cached result is what Excel shows; without one there is nothing to import.
      return v.result === undefined ? `=${String(v.formula ?? v.sharedFormula)}` : cellText(v.result);
    }
    if ("text" in v) return cellText(v.text);
  }
  return String(value);
}

export type XlsxReadOptions = {
  /** 1-based worksheet position (default: the first sheet that has rows) or its name. */
  sheet?: number | string;
};

/** All rows of one worksheet, the header row included; row numbers are the sheet's own. */
export async function* readXlsxRows(input: Readable | string, options: XlsxReadOptions = {}): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore",
  });
  let position = 0;
  let sawRows = false;
  try {
    for await (const worksheet of reader) {
      position++;
      const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
      const wanted = options.sheet === undefined || options.sheet === position || (typeof options.sheet === "string" && ws.name === options.sheet);
      if (!wanted) {
        // Drain the sheet we skip: the zip is read in order.
        for await (const _row of ws) void _row;
        continue;
      }
      for await (const row of ws) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        // exceljs row.values is 1-based (index 0 unused) and sparse.
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        if (cells.some((c) => c.trim() !== "")) {
          sawRows = true;
          yield { row: row.number, cells };
        }
      }
      if (sawRows || options.sheet !== undefined) break;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("import.file.xlsxUnreadable");
  }
  if (!sawRows) throw new ImportFileError("import.file.xlsxNoSheet");
}

/** The wizard's first look at a workbook: header row, headers and the first rows of the sheet. */
export async function previewXlsx(input: Readable | string, options: XlsxReadOptions & { previewRows?: number } = {}): Promise<Preview> {
  const previewRows = options.previewRows ?? 20;
  const base: Preview = { kind: "xlsx", encoding: null, delimiter: null, sepLine: false, headerRow: 1, headers: [], rows: [], warnings: [], problems: [] };
  const rows: RawRow[] = [];
  try {
    for await (const r of readXlsxRows(input, options)) {
      rows.push(r);
      // Title rows may come first (up to 10), then the header, then the preview.
      if (rows.length >= previewRows + 12) break;
    }
  } catch (error) {
    if (error instanceof ImportFileError) return { ...base, problems: [error.detail] };
    return { ...base, problems: [msg("import.file.xlsxUnreadable")] };
  } finally {
    if (typeof input !== "string") input.destroy();
  }
  return { ...base, ...previewFromRows(rows, previewRows) };
}
