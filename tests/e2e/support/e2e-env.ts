// Where the end-to-end run lives: its own database (crm_e2e) on the developer's
// server, its own Redis prefix, its own port. Shared by the config and prepare step.
export const E2E_PORT = Number(process.env.E2E_PORT || 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

export function e2eDatabaseUrl(): string {
  const url = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres");
  url.pathname = "/crm_e2e";
  return url.toString();
}

export function e2eServerEnv(): Record<string, string> {
  return {
    DATABASE_URL: e2eDatabaseUrl(),
    REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379",
    QUEUE_PREFIX: "{crme2e}",
    NEXTAUTH_URL: E2E_BASE_URL,
    NEXTAUTH_SECRET: "e2e-secret-not-for-production",
    CRM_DEFAULT_LOCALE: "en",
    PORT: String(E2E_PORT),
  };
}
