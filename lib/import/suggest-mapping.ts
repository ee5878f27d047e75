// The mapping step's first guess: which column fills which field. In order of
// trust: a header equal to a field's synonym (case, width, spaces, punctuation
// ignored), the same after dropping a bracketed note, a header containing a
// synonym, then the values (a column of mobile numbers is a phone, of e-mails an
// e-mail, of dates a date). Pairs are taken best first, so no column fills two
// fields and no field takes two columns; what is left is reported.
import { cleanEmail } from "@/lib/import/clean/email";
import { cleanGender } from "@/lib/import/clean/gender";
import { cleanPhone } from "@/lib/import/clean/phone";
import { looksLikeDate } from "@/lib/import/clean/date";
import { canonicalProvince } from "@/lib/import/clean/region";
import { precleanCell } from "@/lib/import/clean/text";
import { ENTITIES, type FieldDef, type ImportEntity } from "@/lib/import/fields";
import { hasCjk, headerToken, headerTokenBare, headerWords } from "@/lib/import/headers";
import type { ColumnTransform, ImportMapping } from "@/lib/import/mapping";

export type MatchMethod = "exact" | "bare" | "contains" | "values";

export type Suggestion = { field: string; column: string; method: MatchMethod; score: number; transform?: ColumnTransform };

export type SuggestResult = {
  mapping: ImportMapping;
  suggestions: Suggestion[];
  /** Required fields no column was found for. */
  unmappedRequired: string[];
  /** "At least one of" groups (e.g. a way to find the customer) with no column. */
  unmappedGroups: { key: string; fields: readonly string[] }[];
  /** Columns that fill nothing. */
  unusedColumns: string[];
};

// A share of the sample values this high makes a column's type clear.
const VALUE_SHARE = 0.8;

type Candidate = Suggestion & { fieldIndex: number; columnIndex: number };

function synonymTokens(def: FieldDef): { token: string; raw: string }[] {
  const all = [def.key, def.label.en, def.label.zh, ...def.synonyms];
  const seen = new Set<string>();
  const out: { token: string; raw: string }[] = [];
  for (const raw of all) {
    const token = headerToken(raw);
    if (token && !seen.has(token)) {
      seen.add(token);
      out.push({ token, raw });
    }
  }
  return out;
}

function containsWords(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** How well a header names a field: 100 exact, 95 exact without a bracketed note, 50–90 when it contains a synonym. */
function headerScore(header: string, def: FieldDef): { score: number; method: MatchMethod } | null {
  const token = headerToken(header);
  const bare = headerTokenBare(header);
  if (!token) return null;
  let best: { score: number; method: MatchMethod } | null = null;
  const words = headerWords(header);
  for (const s of synonymTokens(def)) {
    if (s.token === token) return { score: 100, method: "exact" };
    if (s.token === bare) {
      best = { score: 95, method: "bare" };
      continue;
    }
    let contained = false;
    if (hasCjk(s.raw)) contained = s.token.length >= 2 && bare.includes(s.token);
    else contained = s.token.length >= 3 && containsWords(words, headerWords(s.raw));
    if (contained) {
      const score = 50 + 40 * Math.min(1, s.token.length / Math.max(1, bare.length));
      if (!best || score > best.score) best = { score, method: "contains" };
    }
  }
  return best;
}

type ValueProfile = { mobile: number; email: number; date: number; time: number; gender: number; province: number; count: number };

function profile(values: readonly string[]): ValueProfile {
  const p: ValueProfile = { mobile: 0, email: 0, date: 0, time: 0, gender: 0, province: 0, count: 0 };
  for (const raw of values) {
    const pre = precleanCell(raw);
    if (!pre.ok || pre.value === "") continue;
    const v = pre.value;
    p.count++;
    if (cleanPhone(v, { kind: "mobile" }).ok) p.mobile++;
    if (v.includes("@") && cleanEmail(v).ok) p.email++;
    const d = looksLikeDate(v);
    if (d.date) p.date++;
    if (d.time) p.time++;
    const g = cleanGender(v);
    if (g.ok && g.value !== null && !/^\d$/.test(v)) p.gender++;
    if (canonicalProvince(v) && v.length >= 2) p.province++;
  }
  return p;
}

/** Score of a field for a column judged by its values alone (40–50), or null. */
function valueScore(def: FieldDef, p: ValueProfile): number | null {
  if (p.count === 0) return null;
  const share = (n: number) => n / p.count;
  const bonus = def.required ? 1 : 0;
  switch (def.type) {
    case "phone": return share(p.mobile) >= VALUE_SHARE ? 45 + bonus : null;
    case "email": return share(p.email) >= VALUE_SHARE ? 45 + bonus : null;
    case "gender": return share(p.gender) >= VALUE_SHARE ? 45 + bonus : null;
    case "province": return share(p.province) >= VALUE_SHARE ? 45 + bonus : null;
    case "date":
    case "datetime": {
      if (share(p.date) < VALUE_SHARE) return null;
      const withTime = share(p.time) >= 0.5;
      // Date-time values prefer a date-time field and plain dates a date field.
      return (withTime === (def.type === "datetime") ? 44 : 40) + bonus;
    }
    default: return null;
  }
}

function isMobileHeader(header: string): boolean {
  const n = header.normalize("NFKC").toLowerCase();
  return n.includes("手机") || n.includes("移动电话") || /\b(mobile|cell|cellphone)\b/.test(n);
}

/**
 * Suggests a mapping for a file with these headers. `samples` are the first rows (cells in header order),
 * used to recognise columns by their values when their headers say nothing.
 */
export function suggestMapping(entity: ImportEntity, headers: readonly string[], samples: readonly (readonly string[])[] = []): SuggestResult {
  const def = ENTITIES[entity];
  const fields: readonly FieldDef[] = def.fields;
  const candidates: Candidate[] = [];
  fields.forEach((f, fieldIndex) => {
    headers.forEach((column, columnIndex) => {
      const hit = headerScore(column, f);
      if (hit) candidates.push({ field: f.key, column, method: hit.method, score: hit.score, fieldIndex, columnIndex });
    });
  });
  const profiles = headers.map((_, i) => profile(samples.map((row) => row[i] ?? "")));
  fields.forEach((f, fieldIndex) => {
    headers.forEach((column, columnIndex) => {
      const score = valueScore(f, profiles[columnIndex]);
      if (score !== null) candidates.push({ field: f.key, column, method: "values", score, fieldIndex, columnIndex });
    });
  });
  // Best first; ties go to the earlier field (fields are listed most important first), then the earlier column.
  candidates.sort((a, b) => b.score - a.score || a.fieldIndex - b.fieldIndex || a.columnIndex - b.columnIndex);

  const takenFields = new Set<string>();
  const takenColumns = new Set<number>();
  const suggestions: Suggestion[] = [];
  for (const c of candidates) {
    if (takenFields.has(c.field) || takenColumns.has(c.columnIndex)) continue;
    takenFields.add(c.field);
    takenColumns.add(c.columnIndex);
    const f = fields[c.fieldIndex];
    const transform: ColumnTransform | undefined = f.type === "phone" && c.method !== "values" && isMobileHeader(c.column) ? { phoneKind: "mobile" } : undefined;
    suggestions.push({ field: c.field, column: c.column, method: c.method, score: Math.round(c.score * 10) / 10, ...(transform ? { transform } : {}) });
  }
  suggestions.sort((a, b) => fields.findIndex((f) => f.key === a.field) - fields.findIndex((f) => f.key === b.field));

  const mapping: ImportMapping = { entity, fields: {}, splitAddress: true };
  for (const s of suggestions) mapping.fields[s.field] = s.transform ? { column: s.column, transform: s.transform } : { column: s.column };
  const groups = ("requireOneOf" in def ? def.requireOneOf : undefined) ?? [];
  return {
    mapping,
    suggestions,
    unmappedRequired: fields.filter((f) => f.required && !takenFields.has(f.key)).map((f) => f.key),
    unmappedGroups: groups.filter((g) => !g.fields.some((k) => takenFields.has(k))),
    unusedColumns: headers.filter((_, i) => !takenColumns.has(i)),
  };
}
