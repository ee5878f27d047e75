// Text of the import screens and reports: the `imports.*` area (lib/i18n/messages/
// imports.ts) looked up first, then the app's translator, so these strings read right
// whether or not the area is registered in lib/i18n/translate.ts. Row problems are
// stored as a message key and params and written out in the reader's language.
import * as area from "@/lib/i18n/messages/imports";
import { en as coreEn, zh as coreZh } from "@/lib/i18n/messages/import";
import { translator, type Locale, type Translate } from "@/lib/i18n/translate";

type Params = Record<string, string | number>;

const fill = (text: string, params?: Params) =>
  params ? text.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : text;

export function importsT(locale: Locale): Translate {
  const base = translator(locale);
  const dict: Record<string, string> = locale === "en" ? area.en : area.zh;
  const core: Record<string, string> = locale === "en" ? coreEn : coreZh;
  return (key, params) => {
    const text = dict[key] ?? core[key];
    return text === undefined ? base(key, params) : fill(text, params);
  };
}

/** A stored message: a key of the core's `import.*` area or of `imports.*`, with its params. */
export type StoredMsg = { key: string; params?: Params | null };

export function formatStoredMsg(locale: Locale, msg: StoredMsg): string {
  return importsT(locale)(msg.key, msg.params ?? undefined);
}

/** One report line: `row 17: 手机 '12345' is not a valid mobile number`. */
export function issueLine(locale: Locale, issue: { row: number; column: string | null; value: string | null; reason: StoredMsg }): string {
  const t = importsT(locale);
  const reason = formatStoredMsg(locale, issue.reason);
  if (issue.column === null) return t("import.row.rowIssue", { row: issue.row, reason });
  if (!issue.value) return t("import.row.issueEmpty", { row: issue.row, column: issue.column, reason });
  const value = issue.value.length > 60 ? `${issue.value.slice(0, 57)}…` : issue.value;
  return t("import.row.issue", { row: issue.row, column: issue.column, value, reason });
}

/** The reason a whole import stopped (import_jobs.error), in the reader's language. */
export function jobErrorText(locale: Locale, error: unknown): string | null {
  if (!error || typeof error !== "object") return null;
  const e = error as { key?: string; params?: Params; row?: number };
  if (!e.key) return null;
  const text = formatStoredMsg(locale, { key: e.key, params: e.params });
  return typeof e.row === "number" ? importsT(locale)("import.row.rowIssue", { row: e.row, reason: text }) : text;
}
