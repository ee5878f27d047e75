// Writing CSV that Excel opens correctly and safely: UTF-8 with a BOM (so Chinese
// shows), CRLF, RFC 4180 quoting, and no formula injection — a cell that a
// spreadsheet would run as a formula (= + - @, or tab/CR first) is prefixed with
// an apostrophe, as OWASP recommends, so `=HYPERLINK(...)` stays text.
export const UTF8_BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text) && !(typeof value === "number" || typeof value === "bigint")) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}
