// One cell through the cleaner of its field's type. Empty cells (and, in typed
// fields, the usual "nothing" marks such as - or N/A) come back as null; whether
// null is allowed is the row cleaner's business.
import type { CountryCode } from "libphonenumber-js";
import { cleanDate, type DateOptions } from "@/lib/import/clean/date";
import { cleanEmail } from "@/lib/import/clean/email";
import { cleanEnum } from "@/lib/import/clean/enum";
import { cleanGender } from "@/lib/import/clean/gender";
import { cleanInteger, cleanMoney } from "@/lib/import/clean/number";
import { cleanPhone, type PhoneKind } from "@/lib/import/clean/phone";
import { cleanCity, cleanProvince } from "@/lib/import/clean/region";
import { cleanList, cleanText, isPlaceholder, precleanCell, trimText } from "@/lib/import/clean/text";
import type { FieldDef } from "@/lib/import/fields";
import { ok, type CleanResult } from "@/lib/import/types";

export type CleanValue = string | number | Date | string[] | null;

export type CellContext = {
  timeZone?: string;
  region?: CountryCode;
  /** Per-column transforms from the mapping. */
  phoneKind?: PhoneKind;
  dateOrder?: DateOptions["order"];
};

/** A text the preclean pass already produced (trimmed, not empty) through the field's type. */
export function cleanTyped(def: FieldDef, text: string, ctx: CellContext = {}): CleanResult<CleanValue> {
  switch (def.type) {
    case "text":
    case "district":
    case "address":
      return cleanText(text, { maxLength: def.maxLength, identifier: def.identifier });
    case "phone":
      return cleanPhone(text, { kind: ctx.phoneKind, region: ctx.region });
    case "email":
      return cleanEmail(text);
    case "date":
    case "datetime":
      return cleanDate(text, { kind: def.type, timeZone: ctx.timeZone, order: ctx.dateOrder });
    case "money":
      return cleanMoney(text, { allowNegative: !def.nonNegative });
    case "integer":
      return cleanInteger(text, { min: def.min });
    case "gender":
      return cleanGender(text);
    case "province":
      return cleanProvince(text);
    case "city":
      return cleanCity(text);
    case "enum": {
      if (!def.enumDef) return cleanText(text, { maxLength: def.maxLength });
      const result = cleanEnum(text, def.enumDef);
      return result.ok ? cleanText(result.value, { maxLength: def.maxLength ?? 100 }) : result;
    }
    case "list":
      return cleanList(text);
  }
}

/** A raw cell to its clean value: preclean (trim, spreadsheet tricks), placeholders, then the type's cleaner. */
export function cleanCell(def: FieldDef, raw: string | null | undefined, ctx: CellContext = {}): CleanResult<CleanValue> {
  const pre = precleanCell(raw);
  if (!pre.ok) return pre;
  const text = pre.value;
  if (text === "") return ok(null);
  if (def.type !== "text" && def.type !== "address" && isPlaceholder(text)) return ok(null);
  return cleanTyped(def, text, ctx);
}

/** True when a cell counts as empty for this field: blank, or a "nothing" mark in a typed field. A default fills only these. */
export function isEmptyCell(def: FieldDef, raw: string | null | undefined): boolean {
  const text = trimText(raw);
  return text === "" || (def.type !== "text" && def.type !== "address" && isPlaceholder(text));
}
