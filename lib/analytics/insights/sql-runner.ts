// One way to run a Prisma.sql statement on either kind of tenant-bound
// connection: a Prisma interactive transaction (the analytics job) or a raw pg
// client (the scoring run, which streams COPY and cursors through pg). The
// clusters code is written once against this and runs inside either transaction.
import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import type { TenantTx } from "@/lib/db/tenant";

export type SqlRunner = {
  rows<T>(query: Prisma.Sql): Promise<T[]>;
  run(query: Prisma.Sql): Promise<void>;
};

export function prismaRunner(tx: TenantTx): SqlRunner {
  return {
    rows: <T>(query: Prisma.Sql) => tx.$queryRaw<T[]>(query),
    run: async (query) => void (await tx.$executeRaw(query)),
  };
}

export function pgRunner(client: pg.PoolClient): SqlRunner {
  return {
    rows: async <T>(query: Prisma.Sql) => (await client.query(query.text, query.values as unknown[])).rows as T[],
    run: async (query) => void (await client.query(query.text, query.values as unknown[])),
  };
}
