// The project's own migration runner: applies each migration once, records it the
// way Prisma does, and refuses a migration edited after it was applied.
import { afterAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, writeFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "@/lib/db/migrator";

const url = (() => {
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = "/crm_test_migrator";
  return u.toString();
})();

async function dropDb() {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query("DROP DATABASE IF EXISTS crm_test_migrator WITH (FORCE)");
  await c.end();
}

afterAll(dropDb);

const migrationNames = async () => (await readdir("prisma/migrations", { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe("migrator", () => {
  it("applies once, records Prisma's checksum, and is idempotent", async () => {
    await dropDb();
    const names = await migrationNames();
    expect(names[0]).toBe("20261122000000_init");
    const first = await migrate({ url });
    expect(first.applied).toEqual(names);
    const second = await migrate({ url });
    expect(second).toEqual({ applied: [], alreadyApplied: names });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const rows = (await c.query("SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name")).rows;
    await c.end();
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await readFile(`prisma/migrations/${row.migration_name}/migration.sql`, "utf8");
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
    }
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
    await cp("prisma/migrations", dir, { recursive: true });
    const file = path.join(dir, "20261122000000_init", "migration.sql");
    await writeFile(file, (await readFile(file, "utf8")) + "\n-- edited\n");
    await expect(migrate({ url, migrationsDir: dir })).rejects.toThrow(/edited after it was applied/);
    await rm(dir, { recursive: true });
  });

  it("rolls back a failing migration entirely and records nothing", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
    await cp("prisma/migrations", dir, { recursive: true });
    await cp(path.join(dir, "20261122000000_init"), path.join(dir, "29991231000000_broken"), { recursive: true });
    await writeFile(path.join(dir, "29991231000000_broken", "migration.sql"), "CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;");
    await expect(migrate({ url, migrationsDir: dir })).rejects.toThrow(/29991231000000_broken failed/);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const tables = (await c.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'half_done'")).rows[0].n;
    const recorded = (await c.query("SELECT count(*)::int AS n FROM _prisma_migrations WHERE migration_name LIKE '%broken'")).rows[0].n;
    await c.end();
    expect({ tables, recorded }).toEqual({ tables: 0, recorded: 0 });
    await rm(dir, { recursive: true });
  });
});
