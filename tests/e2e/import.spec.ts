// Issue 4, end to end: an admin uploads a CSV saved from Excel with Chinese headers
// through the wizard, accepts the suggested mapping, checks the file, runs the
// import, watches the progress bar reach 100 % and reads the report, then downloads
// the problems CSV. Every step is scanned with axe.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/auth";
import { e2eServerEnv } from "./support/e2e-env";

async function seedImportScenario() {
  Object.assign(process.env, e2eServerEnv());
  const { createTenant, addMember, TEST_PASSWORD } = await import("@/tests/factories/tenants");
  const tenant = await createTenant("E2E Import");
  const admin = await addMember(tenant, "admin");
  return { admin, password: TEST_PASSWORD };
}

test("an admin imports customers from a UTF-8 CSV with Chinese headers and downloads the problems", async ({ page }) => {
  const s = await seedImportScenario();
  await signIn(page, s.admin.email, s.password);

  await page.goto("/imports");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expectAccessible(page, "imports history (empty)");
  await page.getByTestId("new-import").click();
  await expect(page).toHaveURL(/\/imports\/new$/);
  await expectAccessible(page, "new import");

  await page.getByLabel("What the file holds").selectOption("customers");
  await page.getByLabel("File", { exact: true }).setInputFiles("tests/fixtures/import/jobs/customers-utf8-bom.csv");
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);

  // What was found, and the suggested mapping from the Chinese headers.
  await expect(page.getByTestId("import-encoding")).toHaveText("UTF-8 with BOM");
  await expect(page.getByTestId("import-preview")).toContainText("林小雨");
  const columnOf = (field: string) => page.getByTestId(`map-row-${field}`).getByRole("combobox").first();
  await expect(columnOf("name")).toHaveValue("客户姓名");
  await expect(page.getByRole("combobox", { name: "Name", exact: true })).toHaveValue("客户姓名");
  await expect(columnOf("phone")).toHaveValue("手机号码");
  await expect(columnOf("externalId")).toHaveValue("会员ID");
  await expect(columnOf("wechatOpenid")).toHaveValue("微信号");
  await expectAccessible(page, "import mapping step");

  await page.getByRole("button", { name: "Check the file" }).click();
  const dryRun = page.getByTestId("import-dry-run");
  await expect(dryRun).toBeVisible({ timeout: 30_000 });
  await expect(dryRun.getByTestId("count-created")).toContainText("3");
  await expect(dryRun.getByTestId("count-skipped")).toContainText("1");
  await expect(dryRun.getByTestId("count-failed")).toContainText("1");
  await expect(page.getByTestId("import-issues")).toContainText("row 5: 客户姓名 '=A1&B1' is a spreadsheet formula");
  await expectAccessible(page, "import check result");

  await page.getByRole("button", { name: "Start the import" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(report.getByTestId("count-created")).toContainText("3");
  await expect(report.getByTestId("count-failed")).toContainText("1");
  await expect(page.getByTestId("import-status")).toHaveText("Done");
  await expectAccessible(page, "import report");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-errors-download").click()]);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text).toContain("Row,Kind,Column,Value,Problem,会员ID,客户姓名,手机号码,电子邮箱,所属门店,注册时间,微信号,备注");
  expect(text).toContain("row 5: 客户姓名 '=A1&B1' is a spreadsheet formula, not a value");
  expect(text).toContain("row 6: same WeChat openid as row 2: skipped as a duplicate");

  // The history lists it with its counts; a reload of the report shows the same.
  await page.goto("/imports");
  await expect(page.getByTestId("import-row")).toHaveCount(1);
  await expect(page.getByTestId("import-row")).toContainText("customers-utf8-bom.csv");
  await expect(page.getByTestId("import-row")).toContainText("Done");
  await expectAccessible(page, "imports history");
});
