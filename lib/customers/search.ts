// What the one search box of the customer list means. People type a name, a phone
// number in any shape, an e-mail, an external id or a channel id (member no.,
// Tmall nick, WeChat openid) into the same box; this decides which indexed lookups
// to run. Every kind also matches the external id and the channel ids exactly,
// since those can look like anything (member numbers are digits, nicks are names).
import { looksLikePhone, normalizePhone, phoneDigits } from "@/lib/format/phone";

export const MIN_TAIL_DIGITS = 4;
export const MAX_SEARCH_LENGTH = 100;

export type SearchPlan =
  /** A full, valid number: exact match on the stored E.164. */
  | { kind: "phone"; raw: string; e164: string }
  /** Too short to be a number ("8000", "0013 8000"): the stored number ends with these digits. */
  | { kind: "phoneTail"; raw: string; digits: string }
  | { kind: "email"; raw: string; email: string }
  /** Case-insensitive name prefix. */
  | { kind: "name"; raw: string; prefix: string };

export function planSearch(input: string | null | undefined): SearchPlan | null {
  const raw = (input ?? "").trim().slice(0, MAX_SEARCH_LENGTH);
  if (!raw) return null;
  if (raw.includes("@")) return { kind: "email", raw, email: raw.normalize("NFKC").toLowerCase() };
  if (looksLikePhone(raw)) {
    const e164 = normalizePhone(raw);
    if (e164) return { kind: "phone", raw, e164 };
    const digits = phoneDigits(raw);
    if (digits.length >= MIN_TAIL_DIGITS) return { kind: "phoneTail", raw, digits: digits.slice(-15) };
  }
  return { kind: "name", raw, prefix: raw.toLowerCase() };
}

/**
 * The smallest string greater than every string that starts with `prefix`, in
 * code-point (= UTF-8 byte) order: prefix search as a range, [prefix, upper).
 * Returns null when no such string exists (the prefix is all U+10FFFF).
 */
export function prefixUpperBound(prefix: string): string | null {
  const cps = [...prefix].map((c) => c.codePointAt(0)!);
  while (cps.length) {
    const last = cps.pop()!;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1; // surrogates are not characters
      return String.fromCodePoint(...cps, next);
    }
  }
  return null;
}

export function reversed(text: string): string {
  return [...text].reverse().join("");
}
