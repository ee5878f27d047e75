// Where the services are. One place reads the environment; everything else asks here.
//
// DATABASE_URL is the owner's connection (migrations, role set-up). The web app and
// the worker never use it: they connect as crm_app (no BYPASSRLS, not the owner),
// and the privileged platform path as crm_platform. Both URLs derive from
// DATABASE_URL unless APP_DATABASE_URL / PLATFORM_DATABASE_URL are given.

export const APP_DB_ROLE = "crm_app";
export const PLATFORM_DB_ROLE = "crm_platform";
const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/crm";

export function ownerDatabaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function roleDatabaseUrl(role: string, password: string): string {
  const url = new URL(ownerDatabaseUrl());
  url.username = role;
  url.password = password;
  return url.toString();
}

export function appDbPassword(): string {
  return process.env.APP_DB_PASSWORD || "crm_app_dev_password";
}

export function platformDbPassword(): string {
  return process.env.PLATFORM_DB_PASSWORD || "crm_platform_dev_password";
}

export function appDatabaseUrl(): string {
  return process.env.APP_DATABASE_URL || roleDatabaseUrl(APP_DB_ROLE, appDbPassword());
}

export function platformDatabaseUrl(): string {
  return process.env.PLATFORM_DATABASE_URL || roleDatabaseUrl(PLATFORM_DB_ROLE, platformDbPassword());
}

export function redisUrl(): string {
  return process.env.REDIS_URL || "redis://127.0.0.1:6379";
}

/** Hash-tagged so every key of a queue lands in one Redis Cluster slot. */
export function queuePrefix(): string {
  return process.env.QUEUE_PREFIX || "{crm}";
}
