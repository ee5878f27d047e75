// The demo seeder's privileged steps: the platform path (bypasses row-level
// security) and the database owner's connection (DATABASE_URL, as for migrations)
// for what needs it. Kept to what cannot be done inside one tenant: finding the demo
// tenant by its slug, dropping it with the accounts that belonged only to it,
// creating the demo accounts (users are global), VACUUM/ANALYZE. Everything inside
// the tenant is written through withTenant / withTenantPg like any other tenant
// data. Only lib/demo/seed-tenant.ts (scripts/seed-demo.ts) and its tests call this.
import pg from "pg";
import { ownerDatabaseUrl } from "@/lib/config/env";
import { unsafePlatformPg } from "@/lib/db/unsafe-platform";

export async function unsafeFindTenantBySlug(slug: string): Promise<{ id: string; name: string } | null> {
  return unsafePlatformPg(async (c) => {
    const { rows } = await c.query<{ id: string; name: string }>("SELECT id::text, name FROM tenants WHERE slug = $1", [slug]);
    return rows[0] ?? null;
  });
}

// Some foreign keys to big parents have no index of their own (points_ledger.order_id
// above all): deleting a tenant's orders then scans the whole ledger once per order,
// minutes for the demo. A superuser owner can delete the tenant's rows table by table
// with foreign-key triggers off (session_replication_role = replica), which is safe
// here because every row of the tenant goes and, with tenant_id in every foreign
// key, no other tenant's row can point at them. Otherwise the ordinary cascade runs.

/**
 * Deletes the tenant and every row it owns, then the accounts of its members that
 * belong to no other tenant. Returns how it went about it.
 */
export async function unsafeDropTenant(tenantId: string): Promise<{ accountsRemoved: number; fast: boolean }> {
  const members = await unsafePlatformPg(async (c) =>
    (await c.query<{ user_id: string }>("SELECT user_id::text FROM memberships WHERE tenant_id = $1", [tenantId])).rows.map((r) => r.user_id));
  const fast = await purgeAsSuperuser(tenantId);
  return unsafePlatformPg(async (c) => {
    if (!fast) await c.query("DELETE FROM tenants WHERE id = $1", [tenantId]);
    const removed = await c.query(
      `DELETE FROM users u WHERE u.id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)`,
      [members],
    );
    return { accountsRemoved: removed.rowCount ?? 0, fast };
  });
}

async function purgeAsSuperuser(tenantId: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: ownerDatabaseUrl() });
  try {
    await client.connect();
    const su = await client.query<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    if (!su.rows[0]?.rolsuper) return false;
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'`);
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    for (const { table_name } of rows) await client.query(`DELETE FROM ${pg.escapeIdentifier(table_name)} WHERE tenant_id = $1`, [tenantId]);
    await client.query("DELETE FROM tenants WHERE id = $1", [tenantId]);
    await client.query("COMMIT");
    return true;
  } catch {
    await client.query("ROLLBACK").catch(() => undefined);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates the accounts that do not exist yet, all with one password hash (hashing
 * is deliberately slow, and every demo login shares the documented password), and
 * returns the id of every account by e-mail. Existing accounts are reused as they are.
 */
export async function unsafeCreateAccounts(
  accounts: readonly { email: string; name: string; locale: "zh-CN" | "en" }[],
  passwordHash: string,
): Promise<Map<string, string>> {
  return unsafePlatformPg(async (c) => {
    const emails = accounts.map((a) => a.email.toLowerCase());
    await c.query(
      `INSERT INTO users (email, name, locale, password_hash)
       SELECT e, n, l, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(e, n, l)
       ON CONFLICT (email) DO NOTHING`,
      [emails, accounts.map((a) => a.name), accounts.map((a) => a.locale), passwordHash],
    );
    const { rows } = await c.query<{ id: string; email: string }>("SELECT id::text, email FROM users WHERE email = ANY($1)", [emails]);
    return new Map(rows.map((r) => [r.email, r.id]));
  });
}

/**
 * VACUUM / ANALYZE need the tables' owner (DATABASE_URL, as for migrations). Best
 * effort: without it the seeder still works, only slower, and autovacuum catches up.
 */
export async function unsafeOwnerMaintenance(sql: `VACUUM ${string}` | `ANALYZE ${string}`): Promise<boolean> {
  const client = new pg.Client({ connectionString: ownerDatabaseUrl() });
  try {
    await client.connect();
    await client.query(sql);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
