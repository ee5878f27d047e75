// Phone cells to E.164 through the shared normalizePhone (lib/format/phone.ts), so
// an imported number is stored exactly as one typed into the app. A column the file
// calls 手机/mobile is checked as mobile-only (the mapping's phoneKind), and the
// reason says which rule failed: "is not a valid mobile number" vs "phone number".
import { Metadata } from "libphonenumber-js/core";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import maxMetadata from "libphonenumber-js/metadata.max.json";
import { DEFAULT_PHONE_REGION, normalizePhone, phoneDigits } from "@/lib/format/phone";
import { isScientific } from "@/lib/import/clean/text";
import { fail, msg, ok, type CleanResult } from "@/lib/import/types";

export type PhoneKind = "mobile" | "any";
export type PhoneOptions = { kind?: PhoneKind; region?: CountryCode };

// Several numbers in one cell: "13800138000/13900139000", "138…；139…".
const MULTI_SEPARATORS = /[/,;，；、|｜]/;

// A million rows of phones through libphonenumber's full parse run at ~75k/s, the slowest step of a
// customer import. Plain Chinese mobile numbers (digits, spaces, dashes, +86/0086/86) are checked here
// against libphonenumber's own CN mobile pattern instead; anything else takes the full path. A unit
// test proves the two agree over every 3-digit prefix.
function chinaMobilePattern(): RegExp | null {
  try {
    const metadata = new Metadata(maxMetadata);
    metadata.selectNumberingPlan("CN");
    const plan = metadata.numberingPlan as unknown as { type(t: string): { pattern(): string } | undefined } | undefined;
    const pattern = plan?.type("MOBILE")?.pattern();
    return pattern ? new RegExp(`^(?:${pattern})$`) : null;
  } catch {
    return null;
  }
}
const CN_MOBILE = chinaMobilePattern();

/** "+8613800138000" for a plain CN mobile number, null when the text needs the full parse. */
export function fastChinaMobile(text: string): string | null {
  if (!CN_MOBILE || !/^\+?[\d -]+$/.test(text)) return null;
  let digits = text.replace(/[ -]/g, "");
  if (digits.startsWith("+86")) digits = digits.slice(3);
  else if (digits.startsWith("0086")) digits = digits.slice(4);
  else if (digits.startsWith("86") && digits.length === 13) digits = digits.slice(2);
  else if (digits.startsWith("+")) return null;
  return digits.length === 11 && CN_MOBILE.test(digits) ? `+86${digits}` : null;
}

function mobileLike(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === "MOBILE" || type === "FIXED_LINE_OR_MOBILE";
}

function cleanOne(text: string, options: Required<PhoneOptions>): CleanResult<string> {
  // "13800138000.0": a number column Excel saved as a float.
  const candidate = /^\+?\d+\.0+$/.test(text) ? text.replace(/\.0+$/, "") : text;
  if (options.region === "CN") {
    const fast = fastChinaMobile(candidate);
    if (fast) return ok(fast);
  }
  const e164 = normalizePhone(candidate, options.region);
  if (!e164) {
    if (options.kind === "mobile") return fail("import.reason.mobileInvalid");
    const digits = phoneDigits(candidate);
    // 7–8 digits without the leading 0 of an area code: a local landline number.
    if (options.region === "CN" && /^[2-9]\d{6,7}$/.test(digits)) return fail("import.reason.phoneNeedsAreaCode");
    return fail("import.reason.phoneInvalid");
  }
  if (options.kind === "mobile" && !mobileLike(e164)) return fail("import.reason.notMobile");
  return ok(e164);
}

/** E.164 ("+8613800138000") from a phone cell; the first valid one when the cell holds several (with a warning). */
export function cleanPhone(text: string, options: PhoneOptions = {}): CleanResult<string> {
  const opts: Required<PhoneOptions> = { kind: options.kind ?? "any", region: options.region ?? DEFAULT_PHONE_REGION };
  const value = text.normalize("NFKC").trim();
  if (opts.region === "CN") {
    const fast = fastChinaMobile(value);
    if (fast) return ok(fast);
  }
  if (isScientific(value)) return fail("import.reason.scientific");
  const parts = value.split(MULTI_SEPARATORS).map((p) => p.trim()).filter((p) => /\d/.test(p));
  if (parts.length <= 1) return cleanOne(parts[0] ?? value, opts);
  let firstFailure: CleanResult<string> | null = null;
  for (const part of parts) {
    const result = cleanOne(part, opts);
    if (result.ok) return ok(result.value, msg("import.warning.phoneMultiple", { count: parts.length, kept: result.value }));
    firstFailure ??= result;
  }
  return firstFailure ?? fail("import.reason.phoneInvalid");
}
