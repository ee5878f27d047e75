// The database-level rules of docs/data-model.md, checked on the migrated schema:
// tenant_id leads every key, foreign keys carry it, RLS is on and forced, and the
// app's role can bypass none of it.
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { APP_DB_ROLE, PLATFORM_DB_ROLE } from "@/lib/config/env";

let client: pg.Client;
let tenantTables: string[] = [];

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  tenantTables = (await client.query(`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' ORDER BY 1`)).rows.map((r) => r.table_name);
});
afterAll(() => client.end());

async function constraints(kind: string) {
  return (await client.query(`
    SELECT rel.relname AS table, con.conname AS name,
      array_agg(att.attname::text ORDER BY u.ord) AS columns,
      (SELECT array_agg(a2.attname::text ORDER BY u2.ord) FROM unnest(con.confkey) WITH ORDINALITY u2(attnum, ord)
         JOIN pg_attribute a2 ON a2.attrelid = con.confrelid AND a2.attnum = u2.attnum) AS ref_columns,
      con.confrelid::regclass::text AS ref_table
    FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = rel.relnamespace AND n.nspname = 'public'
    CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS u(attnum, ord)
    JOIN pg_attribute att ON att.attrelid = rel.oid AND att.attnum = u.attnum
    WHERE con.contype = $1 GROUP BY rel.relname, con.conname, con.confrelid, con.confkey, con.oid`, [kind])).rows as
    { table: string; name: string; columns: string[]; ref_columns: string[] | null; ref_table: string }[];
}

describe("tenant tables", () => {
  it("are the domain model's tables (more than 30)", () => {
    expect(tenantTables.length).toBeGreaterThan(30);
    expect(tenantTables).toEqual(expect.arrayContaining(["customers", "orders", "order_items", "roles", "memberships", "audit_logs"]));
  });

  it("lead every primary and unique key with tenant_id", async () => {
    const keys = [...(await constraints("p")), ...(await constraints("u"))].filter((k) => tenantTables.includes(k.table));
    const bad = keys.filter((k) => k.columns[0] !== "tenant_id").map((k) => `${k.table}.${k.name}`);
    expect(bad).toEqual([]);
  });

  it("lead every index with tenant_id, except the user→memberships lookup used at sign-in", async () => {
    const rows = (await client.query(`
      SELECT t.relname AS table, i.relname AS index, a.attname AS first
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]`)).rows;
    const bad = rows.filter((r) => tenantTables.includes(r.table) && r.first !== "tenant_id").map((r) => r.index);
    expect(bad).toEqual(["memberships_user_idx"]);
  });

  it("include tenant_id in every foreign key between tenant tables", async () => {
    const fks = (await constraints("f")).filter((k) => tenantTables.includes(k.table) && tenantTables.includes(k.ref_table));
    expect(fks.length).toBeGreaterThan(40);
    const bad = fks.filter((k) => k.columns[0] !== "tenant_id" || k.ref_columns?.[0] !== "tenant_id").map((k) => `${k.table}.${k.name}`);
    expect(bad).toEqual([]);
  });

  it("back every foreign key between tenant tables with an index that starts with its columns", async () => {
    const fks = (await constraints("f")).filter((k) => tenantTables.includes(k.table) && tenantTables.includes(k.ref_table));
    const idx = (await client.query(`
      SELECT t.relname AS table, array_agg(a.attname::text ORDER BY k.ord) AS columns
      FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      GROUP BY x.indexrelid, t.relname`)).rows as { table: string; columns: string[] }[];
    const covered = (k: { table: string; columns: string[] }) =>
      idx.some((i) => i.table === k.table && k.columns.every((c, n) => i.columns[n] === c));
    expect(fks.filter((k) => !covered(k)).map((k) => `${k.table}(${k.columns.join(", ")})`)).toEqual([]);
  });

  it("have row-level security enabled AND forced, with a policy on app.tenant_id", async () => {
    const rows = (await client.query(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
        (SELECT string_agg(pg_get_expr(p.polqual, p.polrelid), ' ') FROM pg_policy p WHERE p.polrelid = c.oid) AS qual
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relkind = 'r'`)).rows;
    const byTable = new Map(rows.map((r) => [r.table, r]));
    for (const table of [...tenantTables, "users", "tenants"]) {
      const r = byTable.get(table);
      expect({ table, enabled: r?.enabled, forced: r?.forced }).toEqual({ table, enabled: true, forced: true });
      expect(r?.qual, table).toMatch(/app_current_tenant\(\)/);
    }
    const fn = (await client.query("SELECT prosrc FROM pg_proc WHERE proname = 'app_current_tenant'")).rows[0].prosrc;
    expect(fn).toContain("current_setting('app.tenant_id'");
  });

  // A bare app_current_tenant() in a policy is evaluated for every row a scan
  // reads; as a scalar subquery it is an InitPlan, evaluated once per statement
  // (migration 20261127000000_rls_initplan).
  it("compare the tenant through a once-per-statement subquery in every policy", async () => {
    const rows = (await client.query(`
      SELECT c.relname AS table, p.polname AS policy,
        pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS check
      FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'`)).rows as
      { table: string; policy: string; using: string | null; check: string | null }[];
    expect(rows.filter((r) => r.policy === "tenant_isolation").length).toBe(tenantTables.length);
    const perRow = /(?<!SELECT )app_current_(tenant|user)\(\)/;
    const bad = rows.filter((r) => perRow.test(r.using ?? "") || perRow.test(r.check ?? "")).map((r) => `${r.table}.${r.policy}`);
    expect(bad).toEqual([]);
    for (const r of rows.filter((x) => x.policy === "tenant_isolation")) {
      expect(r.using, r.table).toMatch(/^\(tenant_id = \( SELECT app_current_tenant\(\) AS app_current_tenant\)\)$/);
      expect(r.check, r.table).toBe(r.using);
    }
  });
});

describe("tenant views", () => {
  // A view runs with its owner's rights unless it is security_invoker: the owner
  // (the migrator) is not subject to the forced policies, so such a view would show
  // every tenant's rows to the app role.
  it("read their tables with the caller's row-level security (security_invoker)", async () => {
    const rows = (await client.query(`
      SELECT c.relname AS view, coalesce('security_invoker=true' = ANY(c.reloptions), false) AS invoker
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relkind IN ('v', 'm') AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')
      ORDER BY 1`)).rows;
    expect(rows.map((r) => r.view)).toContain("customer_clusters");
    for (const r of rows) expect(r).toEqual({ view: r.view, invoker: true });
  });
});

describe("database roles", () => {
  it("the app role is neither superuser, owner of any table, nor BYPASSRLS", async () => {
    const role = (await client.query("SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = $1", [APP_DB_ROLE])).rows[0];
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false });
    const owned = (await client.query(
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1", [APP_DB_ROLE])).rows[0].n;
    expect(owned).toBe(0);
  });

  it("the app role cannot write the global permission catalog nor read the migrations table", async () => {
    const privs = (await client.query(`
      SELECT has_table_privilege($1, 'permissions', 'INSERT') AS perm_insert,
             has_table_privilege($1, 'permissions', 'SELECT') AS perm_select,
             has_table_privilege($1, '_prisma_migrations', 'SELECT') AS migrations_select`, [APP_DB_ROLE])).rows[0];
    expect(privs).toEqual({ perm_insert: false, perm_select: true, migrations_select: false });
  });

  it("only the named platform role bypasses RLS, and it is not a superuser", async () => {
    const role = (await client.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1", [PLATFORM_DB_ROLE])).rows[0];
    expect(role).toEqual({ rolsuper: false, rolbypassrls: true });
  });
});
