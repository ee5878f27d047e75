// schema.prisma is written by hand beside the SQL migrations (Prisma's migrate
// engine cannot run here). This proves the two describe the same database.
import { beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { expectedPgType, readPrismaSchema, type PrismaModel } from "@/tests/support/prisma-schema";

type Column = { table: string; column: string; type: string; nullable: boolean };

let columns: Column[] = [];
let keys: { table: string; kind: "p" | "u"; columns: string[] }[] = [];
const models = readPrismaSchema();

beforeAll(async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const res = await client.query(`
    SELECT c.table_name AS table, c.column_name AS column, c.is_nullable = 'YES' AS nullable,
      CASE WHEN c.data_type = 'ARRAY' THEN substr(c.udt_name, 2) || '[]'
           WHEN c.data_type = 'numeric' AND c.numeric_precision IS NOT NULL THEN 'numeric(' || c.numeric_precision || ',' || c.numeric_scale || ')'
           ELSE c.data_type END AS type
    FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '_prisma_migrations'`);
  columns = res.rows;
  const k = await client.query(`
    SELECT rel.relname AS table, con.contype AS kind,
      array_agg(att.attname::text ORDER BY u.ord) AS columns
    FROM pg_constraint con
    JOIN pg_class rel ON rel.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = rel.relnamespace AND n.nspname = 'public'
    CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS u(attnum, ord)
    JOIN pg_attribute att ON att.attrelid = rel.oid AND att.attnum = u.attnum
    WHERE con.contype IN ('p', 'u') AND rel.relname <> '_prisma_migrations'
    GROUP BY rel.relname, con.conname, con.contype`);
  keys = k.rows;
  await client.end();
});

const normalizeType = (t: string) => t.replace("text[]", "text[]").replace(/^uuid\[\]$/, "uuid[]");

describe("schema.prisma agrees with the migrated database", () => {
  it("has one model per table and no table without a model", () => {
    const tables = [...new Set(columns.map((c) => c.table))].sort();
    expect(models.map((m) => m.table).sort()).toEqual(tables);
  });

  it.each(models.map((m) => [m.name, m] as [string, PrismaModel]))("%s: same columns, types and nullability", (_name, model) => {
    const actual = columns
      .filter((c) => c.table === model.table)
      .map((c) => ({ column: c.column, type: normalizeType(c.type), nullable: c.nullable }))
      .sort((a, b) => a.column.localeCompare(b.column));
    const expected = model.fields
      .map((f) => ({ column: f.column, type: expectedPgType(f), nullable: f.optional }))
      .sort((a, b) => a.column.localeCompare(b.column));
    expect(expected).toEqual(actual);
  });

  it.each(models.map((m) => [m.name, m] as [string, PrismaModel]))("%s: same primary and unique keys", (_name, model) => {
    const actual = keys.filter((k) => k.table === model.table);
    const pk = actual.find((k) => k.kind === "p")?.columns;
    expect(model.id).toEqual(pk);
    const uniques = actual.filter((k) => k.kind === "u").map((k) => k.columns.join(",")).sort();
    expect(model.uniques.map((u) => u.join(",")).sort()).toEqual(uniques);
  });
});
