// End-to-end tests in Debian's Chromium (never a downloaded browser) against the
// production build (`npm run build` first), on a database of their own prepared by
// tests/e2e/support/prepare.ts (npm run test:e2e runs it), with the real worker.
import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL, E2E_PORT, e2eServerEnv } from "./tests/e2e/support/e2e-env";

const env = e2eServerEnv();

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  outputDir: "test-results/e2e-artifacts",
  use: {
    baseURL: E2E_BASE_URL,
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `npx next start -H 127.0.0.1 -p ${E2E_PORT}`,
      url: `${E2E_BASE_URL}/sign-in`,
      env,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The worker has no port: the web server's health check answers 200 only
      // once the worker's heartbeat is in Redis.
      command: "node --max-old-space-size=384 dist/worker/main.mjs",
      url: `${E2E_BASE_URL}/api/health?require=worker`,
      env,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
