// Connection pools, one per database role, created lazily and shared by the process
// (kept on globalThis so Next's dev reloads do not leak pools).
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { appDatabaseUrl, platformDatabaseUrl } from "@/lib/config/env";

type Pools = { appPg?: pg.Pool; platformPg?: pg.Pool; app?: PrismaClient; platform?: PrismaClient };
const g = globalThis as unknown as { __crmPools?: Pools };
const pools: Pools = (g.__crmPools ??= {});

const poolMax = () => Number(process.env.DB_POOL_MAX || 10);

export function appPgPool(): pg.Pool {
  return (pools.appPg ??= new pg.Pool({ connectionString: appDatabaseUrl(), max: poolMax() }));
}

export function appPrisma(): PrismaClient {
  return (pools.app ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: appDatabaseUrl(), max: poolMax() }) }));
}

/** Only for lib/db/unsafe-platform.ts: the role that bypasses row-level security. */
export function platformPgPool(): pg.Pool {
  return (pools.platformPg ??= new pg.Pool({ connectionString: platformDatabaseUrl(), max: 4 }));
}

export function platformPrisma(): PrismaClient {
  return (pools.platform ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: platformDatabaseUrl(), max: 4 }),
  }));
}

export async function closePools(): Promise<void> {
  const { appPg, platformPg, app, platform } = pools;
  delete pools.appPg; delete pools.platformPg; delete pools.app; delete pools.platform;
  await Promise.all([appPg?.end(), platformPg?.end(), app?.$disconnect(), platform?.$disconnect()]);
}
