// Coded values (order status, channel, ticket kind) matched by their code or any
// synonym, case-, width- and space-blind. A closed set refuses other values; an
// open one (source channel, a free-text column the app names) keeps them as given.
import { fail, ok, type CleanResult } from "@/lib/import/types";

export type EnumOption = { value: string; label: { en: string; zh: string }; synonyms: readonly string[] };
export type EnumDef = { options: readonly EnumOption[]; open?: boolean };

export function enumToken(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[\s_\-·・]/g, "");
}

const lookups = new WeakMap<EnumDef, Map<string, string>>();

function lookupFor(def: EnumDef): Map<string, string> {
  let map = lookups.get(def);
  if (!map) {
    map = new Map();
    for (const o of def.options) for (const s of [o.value, o.label.en, o.label.zh, ...o.synonyms]) map.set(enumToken(s), o.value);
    lookups.set(def, map);
  }
  return map;
}

/** The reason carries the allowed values in both languages (allowedEn, allowedZh): the report picks its own. */
export function cleanEnum(text: string, def: EnumDef): CleanResult<string> {
  const hit = lookupFor(def).get(enumToken(text));
  if (hit) return ok(hit);
  if (def.open) return ok(text.trim());
  return fail("import.reason.enumInvalid", {
    allowedEn: def.options.map((o) => o.label.en).join(", "),
    allowedZh: def.options.map((o) => o.label.zh).join("、"),
  });
}
