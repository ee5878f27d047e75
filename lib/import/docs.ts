// The field tables of docs/import-format.md, generated from lib/import/fields.ts so
// the document cannot drift from the code (a unit test compares them).
import { ENTITIES, IMPORT_ENTITIES, type FieldDef } from "@/lib/import/fields";

const TYPE_NOTES: Record<FieldDef["type"], string> = {
  text: "text", phone: "phone → E.164", email: "e-mail", date: "date", datetime: "date-time", money: "amount",
  integer: "whole number", gender: "gender", province: "province", city: "city", district: "district",
  address: "address", enum: "code", list: "list",
};

function escape(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** One Markdown section per entity: field, type, required, labels, header synonyms. */
export function fieldsMarkdown(): string {
  const out: string[] = [];
  for (const entity of IMPORT_ENTITIES) {
    const def = ENTITIES[entity];
    out.push(`### ${def.label.en} — ${def.label.zh} (\`${entity}\`)`, "");
    const groups = "requireOneOf" in def ? def.requireOneOf : [];
    for (const g of groups) out.push(`Each row needs at least one of: ${g.fields.map((f) => `\`${f}\``).join(", ")}.`, "");
    if (def.dedupeKeys.length) out.push(`In-file duplicate keys by default: ${def.dedupeKeys.map((k) => `\`${k.join("+")}\``).join(", ")}.`, "");
    out.push("| field | type | required | label | header names recognised |", "|---|---|---|---|---|");
    for (const f of def.fields as readonly FieldDef[]) {
      let type = TYPE_NOTES[f.type];
      if (f.enumDef) type += `: ${f.enumDef.options.map((o) => `${o.value} (${o.label.zh})`).join(", ")}${f.enumDef.open ? ", or as written" : ""}`;
      if (f.identityChannel) type += f.identityChannel === "row" ? ", channel id (the row's channel)" : `, ${f.identityChannel} id`;
      out.push(`| \`${f.key}\` | ${escape(type)} | ${f.required ? "yes" : ""} | ${escape(f.label.zh)} / ${escape(f.label.en)} | ${escape(f.synonyms.join(", "))} |`);
    }
    out.push("");
  }
  return out.join("\n");
}
