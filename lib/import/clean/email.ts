// E-mail cells: full-width ＠ and letters folded, "mailto:" dropped, lower-cased
// (the whole address: mailbox providers here treat the local part case-blind, and
// lower case is what the customer search and dedupe compare), then validated.
import { fail, msg, ok, type CleanResult } from "@/lib/import/types";

const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function isValidEmail(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf("@");
  if (at <= 0 || at !== address.indexOf("@")) return false;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split(".");
  if (local.length > 64 || !LOCAL.test(local) || labels.length < 2) return false;
  if (!labels.every((l) => LABEL.test(l))) return false;
  const tld = labels[labels.length - 1];
  return /^[a-z]{2,63}$/.test(tld) || /^xn--[a-z0-9-]+$/.test(tld);
}

// The common case in one test: a plain address (the full check below still applies to it).
const SIMPLE = /^[a-z0-9._%+-]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

export function cleanEmail(text: string): CleanResult<string> {
  const value = text.normalize("NFKC").trim().replace(/^mailto:/i, "").toLowerCase();
  if (SIMPLE.test(value)) return isValidEmail(value) ? ok(value) : fail("import.reason.emailInvalid");
  const parts = value.split(/[\s,;，；、]+/).filter(Boolean);
  if (parts.length === 0) return fail("import.reason.emailInvalid");
  if (parts.length === 1) return isValidEmail(parts[0]) ? ok(parts[0]) : fail("import.reason.emailInvalid");
  const first = parts.find(isValidEmail);
  return first ? ok(first, msg("import.warning.emailMultiple", { count: parts.length, kept: first })) : fail("import.reason.emailInvalid");
}
