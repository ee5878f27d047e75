// THE privileged path. These helpers connect as crm_platform, which BYPASSES
// row-level security. Only cross-tenant work may use them: sign-up, sign-in (finding
// a user and their memberships by e-mail), adding an existing user to a tenant,
// provisioning, migrations and platform jobs. Everything else goes through
// lib/db/tenant.ts. tests/unit/unsafe-usage.test.ts lists the files allowed here.
import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { platformPgPool, platformPrisma } from "@/lib/db/pools";

export type PlatformTx = Prisma.TransactionClient;

export async function unsafePlatformTransaction<T>(fn: (tx: PlatformTx) => Promise<T>): Promise<T> {
  return platformPrisma().$transaction(fn, { timeout: 30_000, maxWait: 10_000 });
}

export async function unsafePlatformPg<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await platformPgPool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
