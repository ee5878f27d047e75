// Applies prisma/migrations/*/migration.sql as the database owner, the way Prisma's
// own `migrate deploy` would (its engine cannot be downloaded here): an advisory
// lock, one transaction per migration, recorded in _prisma_migrations with the
// sha256 checksum Prisma uses, so both tools agree on what has been applied.
// Then it makes sure the app and platform roles exist with just the grants they
// need, and copies the permission catalog into the global reference tables.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import {
  APP_DB_ROLE, PLATFORM_DB_ROLE, appDbPassword, ownerDatabaseUrl, platformDbPassword,
} from "@/lib/config/env";
import { RESOURCES } from "@/lib/auth/catalog";

const LOCK_KEY = 72_707_000_001;

export type MigrateResult = { applied: string[]; alreadyApplied: string[] };

export async function ensureDatabase(url = ownerDatabaseUrl()): Promise<void> {
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(dbName)}`);
  } finally {
    await client.end();
  }
}

async function ensureRole(client: pg.Client, role: string, password: string, bypassRls: boolean): Promise<void> {
  const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
  const attrs = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION ${bypassRls ? "BYPASSRLS" : "NOBYPASSRLS"}`;
  const verb = rowCount ? "ALTER" : "CREATE";
  await client.query(`${verb} ROLE ${pg.escapeIdentifier(role)} WITH ${attrs} PASSWORD ${pg.escapeLiteral(password)}`);
}

async function grantRoles(client: pg.Client): Promise<void> {
  const db = pg.escapeIdentifier((await client.query("SELECT current_database() AS d")).rows[0].d);
  for (const role of [APP_DB_ROLE, PLATFORM_DB_ROLE]) {
    const r = pg.escapeIdentifier(role);
    await client.query(`GRANT CONNECT ON DATABASE ${db} TO ${r}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`);
    await client.query(`REVOKE ALL ON TABLE _prisma_migrations FROM ${r}`);
  }
  // The global catalogs are the migrator's to write; the app only reads them.
  const app = pg.escapeIdentifier(APP_DB_ROLE);
  await client.query(`REVOKE INSERT, UPDATE, DELETE ON resources, permissions FROM ${app}`);
}

async function syncCatalog(client: pg.Client): Promise<void> {
  await client.query("BEGIN");
  try {
    const keys: string[] = [];
    for (const [i, r] of RESOURCES.entries()) {
      await client.query(
        `INSERT INTO resources (key, kind, name_en, name_zh, sort) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (key) DO UPDATE SET kind = EXCLUDED.kind, name_en = EXCLUDED.name_en,
           name_zh = EXCLUDED.name_zh, sort = EXCLUDED.sort`,
        [r.key, r.kind, r.en, r.zh, i],
      );
      for (const action of r.actions) {
        const key = `${r.key}:${action}`;
        keys.push(key);
        await client.query(
          "INSERT INTO permissions (key, resource_key, action) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING",
          [key, r.key, action],
        );
      }
    }
    await client.query("DELETE FROM permissions WHERE NOT (key = ANY($1))", [keys]);
    await client.query("DELETE FROM resources WHERE NOT (key = ANY($1))", [RESOURCES.map((r) => r.key)]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  }
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
  id                  varchar(36) PRIMARY KEY NOT NULL,
  checksum            varchar(64) NOT NULL,
  finished_at         timestamptz,
  migration_name      varchar(255) NOT NULL,
  logs                text,
  rolled_back_at      timestamptz,
  started_at          timestamptz NOT NULL DEFAULT now(),
  applied_steps_count integer NOT NULL DEFAULT 0
)`;

export async function migrate(options: {
  url?: string;
  migrationsDir?: string;
  log?: (line: string) => void;
} = {}): Promise<MigrateResult> {
  const url = options.url ?? ownerDatabaseUrl();
  const dir = options.migrationsDir ?? path.join(process.cwd(), "prisma", "migrations");
  const log = options.log ?? (() => undefined);
  await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await ensureRole(client, APP_DB_ROLE, appDbPassword(), false);
    await ensureRole(client, PLATFORM_DB_ROLE, platformDbPassword(), true);
    await client.query(MIGRATIONS_TABLE);
    const names = (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const done = new Map<string, string>(
      (await client.query("SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL"))
        .rows.map((r) => [r.migration_name, r.checksum]),
    );
    for (const name of names) {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const recorded = done.get(name);
      if (recorded) {
        if (recorded !== checksum) throw new Error(`migration ${name} was edited after it was applied (checksum differs)`);
        result.alreadyApplied.push(name);
        continue;
      }
      log(`applying ${name}`);
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${(err as Error).message}`);
      }
      result.applied.push(name);
    }
    await grantRoles(client);
    await syncCatalog(client);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
  return result;
}
