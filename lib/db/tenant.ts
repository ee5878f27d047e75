// THE way to tenant data. Every query on tenant tables runs inside a transaction
// whose app.tenant_id (and app.user_id) is set with set_config(..., is_local=true),
// so it cannot leak to the next user of the pooled connection. Row-level security
// in Postgres does the filtering; this helper only says which tenant we are.
import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { appPgPool, appPrisma } from "@/lib/db/pools";

export type TenantScope = { tenantId: string; userId?: string | null };
export type TenantTx = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkedScope(scope: TenantScope): { tenantId: string; userId: string } {
  if (!UUID.test(scope.tenantId)) throw new Error("withTenant: tenantId must be a uuid");
  if (scope.userId && !UUID.test(scope.userId)) throw new Error("withTenant: userId must be a uuid");
  return { tenantId: scope.tenantId, userId: scope.userId ?? "" };
}

/** Runs fn in one transaction bound to the tenant, through Prisma. */
export async function withTenant<T>(
  scope: TenantScope,
  fn: (tx: TenantTx) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  const { tenantId, userId } = checkedScope(scope);
  return appPrisma().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.tenant_id', ${tenantId}, true), set_config('app.user_id', ${userId}, true)`;
      return fn(tx);
    },
    { timeout: options.timeoutMs ?? 15_000, maxWait: 10_000 },
  );
}

/** The same, on a raw pg client: for COPY and set-based SQL the ORM cannot express. */
const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+(-[0-9A-F]+)?$/;

/**
 * `snapshot`: a read-only transaction that sees exactly what the transaction that
 * exported it (pg_export_snapshot(), still open) saw — for work split over two
 * connections, e.g. lib/analytics/features/compute.ts.
 */
export async function withTenantPg<T>(
  scope: TenantScope,
  fn: (client: pg.PoolClient) => Promise<T>,
  options: { snapshot?: string } = {},
): Promise<T> {
  const { tenantId, userId } = checkedScope(scope);
  if (options.snapshot !== undefined && !SNAPSHOT_ID.test(options.snapshot)) throw new Error("not a snapshot id");
  const client = await appPgPool().connect();
  try {
    if (options.snapshot === undefined) await client.query("BEGIN");
    else {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await client.query(`SET TRANSACTION SNAPSHOT '${options.snapshot}'`);
    }
    await client.query("SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)", [tenantId, userId]);
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
