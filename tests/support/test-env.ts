// The test run's own database and queue prefix, derived from the developer's
// DATABASE_URL (server and credentials) but never touching its data.
export function testDatabaseUrl(): string {
  const base = new URL(process.env.TEST_BASE_DATABASE_URL || process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres");
  base.pathname = "/" + (process.env.TEST_DATABASE_NAME || "crm_test");
  return base.toString();
}

export function applyTestEnv(): void {
  if (!process.env.TEST_BASE_DATABASE_URL) process.env.TEST_BASE_DATABASE_URL = process.env.DATABASE_URL || "";
  process.env.DATABASE_URL = testDatabaseUrl();
  process.env.QUEUE_PREFIX = process.env.TEST_QUEUE_PREFIX || "{crmtest}";
  process.env.CRM_DEFAULT_LOCALE = "en";
  // next.config.ts enables authInterrupts; Next passes it to forbidden() through this variable.
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  process.env.NEXTAUTH_SECRET ||= "test-secret-not-for-production";
}
