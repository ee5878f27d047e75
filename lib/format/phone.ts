// Phone numbers as people type them ("+86 138 0013 8000", "138-0013-8000",
// "0086 13800138000", full-width digits) normalized to E.164, China as the default
// region. The customer table stores E.164; the list searches by it.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

export const DEFAULT_PHONE_REGION: CountryCode = "CN";

/** E.164 ("+8613800138000") for a valid number, else null. */
export function normalizePhone(input: string | null | undefined, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  if (!input) return null;
  const text = input.normalize("NFKC").trim();
  if (!text || text.length > 40) return null;
  const parsed = parsePhoneNumberFromString(text, region);
  return parsed?.isValid() ? parsed.number : null;
}

/** "+86 138 0013 8000" for display; the input unchanged when it is not a valid number. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.isValid() ? parsed.formatInternational() : e164;
}

/** The ASCII digits of the input (full-width digits count), nothing else. */
export function phoneDigits(input: string): string {
  return input.normalize("NFKC").replace(/\D/g, "");
}

/** Only digits, spaces and the punctuation of phone numbers: what a search box treats as a phone. */
export function looksLikePhone(input: string): boolean {
  return /^[\d\s+\-().]+$/.test(input.normalize("NFKC").trim());
}
