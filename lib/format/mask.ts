// Masking of contact details for users without customer:unmask. Applied in lib/
// before data reaches a page, so a masked value is all the browser ever receives.
// The shapes follow what Chinese retail staff know: +86 138****8000, z***@example.com.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

const STAR = "*";

/** Keeps the first 3 and last 4 digits of a long national number, the last 2 of a short one. */
function maskDigits(digits: string): string {
  if (digits.length >= 8) return digits.slice(0, 3) + STAR.repeat(digits.length - 7) + digits.slice(-4);
  if (digits.length >= 3) return STAR.repeat(digits.length - 2) + digits.slice(-2);
  return STAR.repeat(Math.max(digits.length, 4));
}

export function maskPhone(phone: string): string {
  const parsed = phone.trim().startsWith("+") ? parsePhoneNumberFromString(phone.trim()) : undefined;
  if (parsed) return `+${parsed.countryCallingCode} ${maskDigits(String(parsed.nationalNumber))}`;
  // Not E.164 (legacy or foreign data): mask the digits and drop everything else,
  // so no unexpected part of the raw value survives.
  return maskDigits(phone.normalize("NFKC").replace(/\D/g, ""));
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return `${STAR.repeat(3)}`;
  const local = [...email.slice(0, at)];
  const domain = email.slice(at + 1);
  // A one-letter local part would be given away by its first letter.
  const shown = local.length > 1 ? local[0] : "";
  return `${shown}${STAR.repeat(3)}@${domain}`;
}
