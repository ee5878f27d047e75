// The jobs path in the browser: an owner sees the services up and runs a health
// check that goes app → Redis → worker → Postgres and shows up as a job run.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signUp } from "./support/auth";
import { E2E_BASE_URL } from "./support/e2e-env";

test("an owner runs a health check job and sees it succeed", async ({ page }) => {
  await signUp(page, { org: "E2E Jobs", name: "Jade Jobs" });
  await page.goto("/admin/system");
  await expect(page.getByTestId("status-system.database")).toHaveText("Running");
  await expect(page.getByTestId("status-system.redis")).toHaveText("Running");
  await expect(page.getByTestId("status-system.worker")).toHaveText("Running");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expectAccessible(page, "system (no runs)");

  await page.getByRole("button", { name: "Run a health check job" }).click();
  await expect(page.getByRole("status")).toContainText("Queued");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("job-runs")).toContainText("Succeeded", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("job-runs")).toContainText("health-check");
  await expectAccessible(page, "system (with a run)");
});

test("an expired session is sent to sign-in with a clear message", async ({ page, context }) => {
  await context.addCookies([{ name: "next-auth.session-token", value: "expired-or-forged-token", url: E2E_BASE_URL }]);
  const response = await page.goto("/admin/users");
  expect(response?.url()).toMatch(/\/sign-in\?expired=1$/);
  await expect(page.getByText("Your session has expired. Please sign in again.")).toBeVisible();
  await expectAccessible(page, "sign-in after expiry");
});
