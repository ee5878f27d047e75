// A small reader of prisma/schema.prisma: models, their table names, scalar
// fields with column name, type, optionality and native type, primary and unique keys.
import { readFileSync } from "node:fs";

export type PrismaField = { name: string; column: string; type: string; optional: boolean; list: boolean; native: string | null };
export type PrismaModel = { name: string; table: string; fields: PrismaField[]; id: string[]; uniques: string[][] };

const SCALARS = new Set(["String", "Int", "Float", "Decimal", "DateTime", "Json", "Boolean", "BigInt", "Bytes"]);

export function readPrismaSchema(path = "prisma/schema.prisma"): PrismaModel[] {
  const text = readFileSync(path, "utf8");
  const models: PrismaModel[] = [];
  for (const m of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const [, name, body] = m as unknown as [string, string, string];
    const model: PrismaModel = { name, table: name, fields: [], id: [], uniques: [] };
    const columnOf = new Map<string, string>();
    for (const raw of body.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      if (!line) continue;
      if (line.startsWith("@@")) {
        const list = (s: string) => s.split(",").map((x) => x.trim().replace(/\(.*$/, "")).filter(Boolean);
        const map = line.match(/^@@map\("(\w+)"\)/);
        if (map) model.table = map[1]!;
        const id = line.match(/^@@id\(\[([^\]]+)\]/);
        if (id) model.id = list(id[1]!);
        const uq = line.match(/^@@unique\(\[([^\]]+)\]/);
        if (uq) model.uniques.push(list(uq[1]!));
        continue;
      }
      const f = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/);
      if (!f) continue;
      const [, fname, type, list, optional, attrs] = f as unknown as [string, string, string, string | undefined, string | undefined, string];
      if (!SCALARS.has(type)) continue; // relation fields are virtual
      const column = attrs.match(/@map\("(\w+)"\)/)?.[1] ?? fname;
      columnOf.set(fname, column);
      model.fields.push({
        name: fname, column, type, optional: Boolean(optional), list: Boolean(list),
        native: attrs.match(/@db\.(\w+(?:\([^)]*\))?)/)?.[1] ?? null,
      });
      if (/@id\b/.test(attrs)) model.id = [fname];
      if (/@unique\b/.test(attrs)) model.uniques.push([fname]);
    }
    const toColumns = (names: string[]) => names.map((n) => columnOf.get(n) ?? n);
    model.id = toColumns(model.id);
    model.uniques = model.uniques.map(toColumns);
    models.push(model);
  }
  return models;
}

/** The Postgres type a Prisma field maps to, as information_schema spells it. */
export function expectedPgType(f: PrismaField): string {
  if (f.list) return f.native === "Uuid" ? "uuid[]" : f.type === "String" ? "text[]" : `${f.type}[]`;
  const native = f.native?.replace(/\(.*$/, "");
  switch (f.type) {
    case "String": return native === "Uuid" ? "uuid" : "text";
    case "Int": return native === "SmallInt" ? "smallint" : "integer";
    case "Float": return "double precision";
    case "Decimal": return `numeric${f.native?.match(/\(.*\)/)?.[0]?.replace(/\s/g, "") ?? ""}`;
    case "DateTime": return native === "Date" ? "date" : native === "Timestamptz" ? "timestamp with time zone" : "timestamp without time zone";
    case "Json": return "jsonb";
    case "Boolean": return "boolean";
    case "BigInt": return "bigint";
    case "Bytes": return "bytea";
    default: return f.type;
  }
}
