// The wizard's first look at a file: what it is, its encoding and delimiter, where
// the header row is, the headers (made unique and non-empty), and the first rows.
// Works on the head of the file (64 KB is plenty), never the whole of it.
import Papa from "papaparse";
import { trimText } from "@/lib/import/clean/text";
import { decodeBuffer } from "@/lib/import/sniff/decode-stream";
import { detectDelimiter, type Delimiter } from "@/lib/import/sniff/delimiter";
import { detectEncoding, sniffFileKind, type EncodingGuess, type FileKind } from "@/lib/import/sniff/encoding";
import { msg, type Msg } from "@/lib/import/types";

export type Preview = {
  kind: FileKind;
  encoding: EncodingGuess | null;
  delimiter: Delimiter | null;
  /** Excel's "sep=X" line came first (it is not a row). */
  sepLine: boolean;
  /** Spreadsheet row number of the header row (1 unless title rows come first). */
  headerRow: number;
  headers: string[];
  /** The first data rows, cells in header order, each with its spreadsheet row number. */
  rows: { row: number; cells: string[] }[];
  /** Things to tell the user; the import can go on. */
  warnings: Msg[];
  /** Why this file cannot be imported; empty when it can. */
  problems: Msg[];
};

/** Excel column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Header cells made usable as column names: trimmed; empty ones named "Column C"; repeats renamed "手机 (2)".
 * Trailing columns with neither header nor data are dropped by the caller.
 */
export function uniqueHeaders(cells: readonly string[]): { headers: string[]; warnings: Msg[] } {
  const warnings: Msg[] = [];
  const seen = new Map<string, number>();
  const headers = cells.map((cell, i) => {
    let name = trimText(cell);
    if (!name) {
      name = `Column ${columnLetter(i)}`;
      warnings.push(msg("import.file.emptyHeader", { column: columnLetter(i), name }));
    }
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (count > 1) {
      const renamed = `${name} (${count})`;
      warnings.push(msg("import.file.duplicateHeader", { name, renamed }));
      name = renamed;
    }
    return name;
  });
  return { headers, warnings };
}

function nonEmpty(cells: readonly string[]): number {
  return cells.reduce((n, c) => n + (trimText(c) ? 1 : 0), 0);
}

const DATA_LIKE = /^[+\d\s\-()./:年月日]+$|@/;

/**
 * Where the header row is, among the first rows: the first with at least half as many filled cells as the
 * widest row (title rows such as "客户信息表" with one filled cell come before it in many Chinese exports).
 */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  const widest = Math.max(0, ...rows.slice(0, 20).map(nonEmpty));
  if (widest <= 1) return 0;
  for (let i = 0; i < Math.min(rows.length, 10); i++) if (nonEmpty(rows[i]) >= Math.max(2, Math.ceil(widest / 2))) return i;
  return 0;
}

/** Headers, preview rows and header warnings from the first rows of any reader (CSV or sheet). */
export function previewFromRows(
  rows: readonly { row: number; cells: readonly string[] }[],
  previewRows: number,
): Pick<Preview, "headerRow" | "headers" | "rows" | "warnings" | "problems"> {
  const nonBlank = rows.filter((r) => nonEmpty(r.cells) > 0);
  if (nonBlank.length === 0) return { headerRow: 1, headers: [], rows: [], warnings: [], problems: [msg("import.file.empty")] };
  const at = findHeaderRow(nonBlank.map((r) => r.cells));
  const headerRecord = nonBlank[at];
  const warnings: Msg[] = [];
  if (at > 0) warnings.push(msg("import.file.titleRowsSkipped", { count: at, row: headerRecord.row }));
  const data = nonBlank.slice(at + 1);
  // Trailing columns with no header and no data (Excel's ",,,") are not columns.
  let width = headerRecord.cells.length;
  while (width > 0 && !trimText(headerRecord.cells[width - 1]) && data.every((r) => !trimText(r.cells[width - 1] ?? ""))) width--;
  const unique = uniqueHeaders(headerRecord.cells.slice(0, width));
  warnings.push(...unique.warnings);
  const looksLikeData = unique.headers.filter((h) => DATA_LIKE.test(h)).length;
  if (looksLikeData >= Math.max(1, Math.ceil(unique.headers.length / 2))) warnings.push(msg("import.file.headerLooksLikeData"));
  const problems = data.length === 0 ? [msg("import.file.headerOnly")] : [];
  return {
    headerRow: headerRecord.row,
    headers: unique.headers,
    rows: data.slice(0, previewRows).map((r) => ({
      row: r.row,
      // Cells past the headers are shown only when they hold something (a ragged row the user should see).
      cells: r.cells.slice(width).some((c) => trimText(c)) ? [...r.cells] : Array.from({ length: width }, (_, i) => r.cells[i] ?? ""),
    })),
    warnings,
    problems,
  };
}

export type PreviewOptions = {
  /** The head is the whole file (its last line is complete). */
  complete?: boolean;
  previewRows?: number;
};

/** Sniffs a CSV/text file from its head bytes. For an .xlsx the kind is reported and the sheet reader takes over. */
export function previewCsv(head: Uint8Array, options: PreviewOptions = {}): Preview {
  const previewRows = options.previewRows ?? 20;
  const kind = sniffFileKind(head);
  const base: Preview = { kind, encoding: null, delimiter: null, sepLine: false, headerRow: 1, headers: [], rows: [], warnings: [], problems: [] };
  if (kind === "empty") return { ...base, problems: [msg("import.file.empty")] };
  if (kind === "binary") return { ...base, problems: [msg("import.file.binary")] };
  if (kind === "xls") return { ...base, problems: [msg("import.file.xls")] };
  if (kind === "xlsx") return base;

  const encoding = detectEncoding(head);
  let text = decodeBuffer(head.subarray(encoding.bomLength), encoding.encoding);
  if (!options.complete) {
    // Only whole lines: the last one may be cut in the middle (of a character, even).
    const cut = Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r"));
    if (cut > 0) text = text.slice(0, cut + 1);
  }
  const warnings: Msg[] = encoding.evidence === "guess" ? [msg("import.file.encodingGuess")] : [];
  if (!text.trim()) return { ...base, encoding, problems: [msg("import.file.empty")] };
  const guess = detectDelimiter(text, { complete: options.complete });
  let rowOffset = 0;
  if (guess.sepLine) {
    text = text.slice(text.indexOf("\n") + 1);
    rowOffset = 1;
  }
  const parsed = Papa.parse<string[]>(text, { delimiter: guess.delimiter, skipEmptyLines: false, preview: previewRows + 12 });
  const rows = parsed.data.map((cells, i) => ({ row: i + 1 + rowOffset, cells }));
  const p = previewFromRows(rows, previewRows);
  return {
    ...base, encoding, delimiter: guess.delimiter, sepLine: guess.sepLine,
    headerRow: p.headerRow, headers: p.headers, rows: p.rows, warnings: [...warnings, ...p.warnings], problems: p.problems,
  };
}
