// The first pass every cell gets, whatever its field: invisible characters out,
// whitespace (full-width too) trimmed, and the tricks spreadsheets play undone.
import { fail, ok, type CleanResult } from "@/lib/import/types";

// Zero-width space/joiners, word joiner, BOM, soft hyphen: invisible, pasted from web pages and chat apps.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Excel's error values, as they land in a CSV when a formula failed.
const EXCEL_ERRORS = new Set(["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"]);
// What people type for "nothing" in a typed column (never applied to free text, where "无" may mean something).
const PLACEHOLDERS = new Set(["-", "--", "—", "——", "/", "null", "nil", "none", "n/a", "na", "#n/a", "无", "暂无", "空", "未填", "未知日期"]);

/** Invisible characters removed, then trimmed (String#trim covers U+3000 full-width and U+00A0 spaces). */
const HAS_INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;

export function trimText(raw: string | null | undefined): string {
  if (raw == null) return "";
  return (HAS_INVISIBLE.test(raw) ? raw.replace(INVISIBLE, "") : raw).trim();
}

/** Full-width letters, digits and punctuation to ASCII ("１３８" → "138", "＠" → "@"), for typed fields. */
export function toHalfWidth(text: string): string {
  return text.normalize("NFKC");
}

/**
 * A cell as the cleaners should see it:
 * - `="0123"` (how exports keep leading zeros and long numbers away from Excel) → `0123`;
 * - a leading apostrophe before = + - @ (our own CSV export's formula guard, lib/csv/cell.ts) is dropped,
 *   so an exported file imports back unchanged;
 * - any other cell starting with `=` is a formula whose value the file does not hold: refused;
 * - Excel error values (#N/A, #VALUE!…) are refused.
 * Returns "" for an empty cell.
 */
export function precleanCell(raw: string | null | undefined): CleanResult<string> {
  const text = trimText(raw);
  if (!text) return ok("");
  // Checked by first character: this runs for every cell of a million-row file.
  const first = text.charCodeAt(0);
  if (first === 0x3d /* = */) {
    const wrapped = /^="(.*)"$/s.exec(text);
    if (wrapped) return ok(trimText(wrapped[1].replace(/""/g, '"')));
    if (text.length > 1) return fail("import.reason.formula");
  } else if (first === 0x27 /* ' */ && /^'[=+\-@]/.test(text)) return ok(text.slice(1));
  else if (first === 0x23 /* # */ && EXCEL_ERRORS.has(text.toUpperCase())) return fail("import.reason.excelError");
  return ok(text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text);
}

// First characters of the placeholders, as typed (full-width forms included): most cells are rejected on this.
const PLACEHOLDER_START = new Set([...PLACEHOLDERS].flatMap((p) => [p[0], p[0].toUpperCase()])
  .flatMap((c) => [c, String.fromCharCode(c.charCodeAt(0) + 0xfee0)]));

/** True for the usual "nothing here" marks in a typed column: -, N/A, null, 无, 暂无… */
export function isPlaceholder(text: string): boolean {
  return text.length <= 4 && PLACEHOLDER_START.has(text[0]) && PLACEHOLDERS.has(text.normalize("NFKC").toLowerCase());
}

/** 1.38001E+10: a long number Excel shortened, whose digits are lost. */
export function isScientific(text: string): boolean {
  return /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i.test(text.normalize("NFKC").trim());
}

export type TextOptions = { maxLength?: number; identifier?: boolean };

/** Free text and identifiers (order no., SKU, external id): length-checked; identifiers refuse scientific notation. */
export function cleanText(text: string, options: TextOptions = {}): CleanResult<string> {
  if (options.identifier) {
    if (isScientific(text)) return fail("import.reason.scientific");
    if (/[\n\t]/.test(text)) return fail("import.reason.identifierSpaces");
  }
  const max = options.maxLength ?? 2000;
  if (text.length > max) return fail("import.reason.tooLong", { max });
  return ok(text);
}

/** A list cell ("运动、旅游；美食", "a, b | c") split into distinct, trimmed items. */
export function cleanList(text: string, options: { maxItems?: number; maxLength?: number } = {}): CleanResult<string[]> {
  const items: string[] = [];
  for (const part of text.split(/[,，;；、|｜\n]/)) {
    const item = trimText(part);
    if (item && !items.includes(item)) items.push(item);
  }
  const maxItems = options.maxItems ?? 50;
  if (items.length > maxItems) return fail("import.reason.tooManyItems", { max: maxItems });
  const maxLength = options.maxLength ?? 100;
  if (items.some((i) => i.length > maxLength)) return fail("import.reason.itemTooLong", { max: maxLength });
  return ok(items);
}
