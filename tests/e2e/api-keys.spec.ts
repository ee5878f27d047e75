// An owner makes an API key in the browser, a program uses it (plain HTTP, no
// cookies) to import a CSV, and the import shows up in the history; then the key is
// revoked and stops working.
import { expect, request, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signUp } from "./support/auth";
import { E2E_BASE_URL } from "./support/e2e-env";

test("an API key imports a file without a browser and stops working once revoked", async ({ page }) => {
  await signUp(page, { org: "E2E Api", name: "Ada Api" });
  await page.goto("/admin/api-keys");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expectAccessible(page, "API keys (none)");

  await page.getByLabel("Name").fill("ERP nightly");
  await page.getByLabel("Role").selectOption({ label: "Admin" });
  await page.getByRole("button", { name: "Create key" }).click();
  const token = (await page.getByTestId("api-key-token").locator("code").textContent())!.trim();
  expect(token).toMatch(/^crm_/);
  await page.reload();
  await expect(page.getByTestId("api-keys")).toContainText("ERP nightly");
  await expectAccessible(page, "API keys (one key)");

  const api = await request.newContext({ baseURL: E2E_BASE_URL });
  const csv = "客户编号,姓名,手机\nAPI1,接口客户,13800138123\n";
  const created = await api.post("/api/v1/imports?entity=customers&name=erp.csv", {
    headers: { authorization: `Bearer ${token}`, "idempotency-key": "e2e-erp-1", "content-type": "text/csv" }, data: csv,
  });
  expect(created.status()).toBe(202);
  const { id } = await created.json();
  await expect(async () => {
    const s = await (await api.get(`/api/v1/imports/${id}`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(s.status).toBe("succeeded");
    expect(s.counts.created).toBe(1);
  }).toPass({ timeout: 60_000 });

  await page.goto("/imports");
  await expect(page.getByText("erp.csv")).toBeVisible();

  await page.goto("/admin/api-keys");
  await page.getByRole("button", { name: "Revoke ERP nightly" }).click();
  await page.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByTestId("api-keys")).toContainText("Revoked");
  const refused = await api.get(`/api/v1/imports/${id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  await api.dispose();
});
