// The column mapping the wizard saves on ImportJob.mapping and the worker re-parses:
// which file column fills which CRM field, with per-column transforms. checkMapping
// says what stops a mapping from running (unknown columns, a column used twice,
// required fields with nowhere to come from).
import { z } from "zod";
import { ENTITIES, IMPORT_ENTITIES, fieldDef, type ImportEntity } from "@/lib/import/fields";
import { headerToken } from "@/lib/import/headers";
import { msg, type Msg } from "@/lib/import/types";

export const columnTransformSchema = z.object({
  /** Used when the cell is empty (or, with no column, for every row). Cleaned like a cell. */
  default: z.string().max(500).optional(),
  /** How a year-last date (1/2/2024) is read. */
  dateOrder: z.enum(["MDY", "DMY"]).optional(),
  /** "mobile": only mobile numbers are accepted (a column the file calls 手机/mobile). */
  phoneKind: z.enum(["mobile", "any"]).optional(),
}).strict();

export const fieldMappingSchema = z.object({
  column: z.string().min(1).max(500).nullable(),
  transform: columnTransformSchema.optional(),
}).strict();

export const importMappingSchema = z.object({
  entity: z.enum(IMPORT_ENTITIES),
  /** Field key → where its value comes from. Fields left out are not imported. */
  fields: z.record(z.string(), fieldMappingSchema),
  /** Fill empty province/city/district from the address column. */
  splitAddress: z.boolean().default(true),
  /** In-file duplicate keys (field keys; "identity" = each channel id); default: the entity's. */
  dedupeKeys: z.array(z.array(z.string()).min(1)).optional(),
}).strict();

export type ColumnTransform = z.infer<typeof columnTransformSchema>;
export type FieldMapping = z.infer<typeof fieldMappingSchema>;
export type ImportMapping = z.infer<typeof importMappingSchema>;

function labels(entity: ImportEntity, keys: readonly string[]): { en: string; zh: string } {
  const defs = keys.map((k) => fieldDef(entity, k)).filter((d) => d !== undefined);
  return { en: defs.map((d) => d.label.en).join(", "), zh: defs.map((d) => d.label.zh).join("、") };
}

/** What prevents this mapping from running against a file with these headers; empty when it can run. */
export function checkMapping(mapping: ImportMapping, headers: readonly string[]): Msg[] {
  const problems: Msg[] = [];
  const entity = mapping.entity;
  const headerSet = new Set(headers);
  const used = new Map<string, string[]>();
  const provided = new Set<string>();
  for (const [key, fm] of Object.entries(mapping.fields)) {
    if (!fieldDef(entity, key)) {
      problems.push(msg("import.mapping.unknownField", { field: key }));
      continue;
    }
    if (fm.column !== null) {
      if (!headerSet.has(fm.column)) problems.push(msg("import.mapping.unknownColumn", { column: fm.column }));
      used.set(fm.column, [...(used.get(fm.column) ?? []), key]);
      provided.add(key);
    } else if (fm.transform?.default) provided.add(key);
  }
  for (const [column, keys] of used) if (keys.length > 1) problems.push(msg("import.mapping.columnTwice", { column }));
  const def = ENTITIES[entity];
  for (const f of def.fields) {
    if (f.required && !provided.has(f.key)) problems.push(msg("import.mapping.requiredUnmapped", { labelEn: f.label.en, labelZh: f.label.zh }));
  }
  for (const group of ("requireOneOf" in def ? def.requireOneOf : []) ?? []) {
    if (!group.fields.some((k) => provided.has(k))) {
      const l = labels(entity, group.fields);
      problems.push(msg("import.mapping.groupUnmapped", { fieldsEn: l.en, fieldsZh: l.zh }));
    }
  }
  return problems;
}

/** The mapping with its columns re-pointed at headers that differ only in case, width or spacing. */
export function remapColumns(mapping: ImportMapping, headers: readonly string[]): ImportMapping {
  const byToken = new Map<string, string>();
  for (const h of headers) if (!byToken.has(headerToken(h))) byToken.set(headerToken(h), h);
  const fields: ImportMapping["fields"] = {};
  for (const [key, fm] of Object.entries(mapping.fields)) {
    fields[key] = fm.column === null ? fm : { ...fm, column: byToken.get(headerToken(fm.column)) ?? fm.column };
  }
  return { ...mapping, fields };
}
