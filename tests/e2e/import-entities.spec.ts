// Importing another entity than customers through the wizard, end to end with the
// real worker: an admin first uploads a member file as "Customers" and is told it
// looks like a member file (by the page and by the mapping form's own check); starts
// over with "Members" already chosen and uploads it as such (Chinese headers, the
// members' customers already in the tenant), reads the check's counts, runs it,
// follows the link to the member list and finds the new members. Every page is
// scanned with axe.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/auth";
import { e2eServerEnv } from "./support/e2e-env";

Object.assign(process.env, e2eServerEnv());

async function seedMembersScenario() {
  const { createTenant, addMember, TEST_PASSWORD } = await import("@/tests/factories/tenants");
  const { createCustomer } = await import("@/tests/factories/customers");
  const { createTier } = await import("@/tests/factories/members");
  const tenant = await createTenant("E2E Import Members");
  const admin = await addMember(tenant, "admin");
  await createTier(tenant, { rank: 1, name: "银卡" });
  await createTier(tenant, { rank: 2, name: "金卡" });
  await createCustomer(tenant, { name: "周一鸣", phone: "+8613800138101" });
  await createCustomer(tenant, { name: "吴晓芳", phone: "+8613800138102" });
  return { admin, password: TEST_PASSWORD };
}

// Two rows for customers the tenant has, one for a phone it does not know.
const MEMBERS_CSV = Buffer.from([
  "会员卡号,手机号,会员等级,积分,入会时间",
  "VIP-E2E-001,13800138101,金卡,1200,2024-03-05",
  "VIP-E2E-002,13800138102,银卡,300,2024-04-01",
  "VIP-E2E-003,13900000000,银卡,10,2024-05-01",
].join("\n") + "\n", "utf8");

const file = (name: string) => ({ name, mimeType: "text/csv", buffer: MEMBERS_CSV });

test("an admin imports members from a CSV with Chinese headers and finds them in the member list", async ({ page }) => {
  const s = await seedMembersScenario();
  await signIn(page, s.admin.email, s.password);

  // The wrong entity first: the mapping step says what the file looks like.
  await page.goto("/imports/new");
  await page.getByLabel("What the file holds").selectOption("customers");
  await page.getByLabel("File", { exact: true }).setInputFiles(file("会员-wrong.csv"));
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("import-wrong-entity")).toHaveText(
    "This file looks like a member file (会员卡号, 会员等级, 积分): choose “Members” as the entity. Start a new import with that entity",
  );
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("import-mapping").getByRole("alert")).toHaveText(
    "This file looks like a member file (会员卡号, 会员等级, 积分): choose “Members” as the entity. As it is, no column fills: Name.",
  );
  await expectAccessible(page, "import of a member file as customers");
  await page.getByTestId("import-wrong-entity").getByRole("link", { name: "Start a new import with that entity" }).click();
  await expect(page).toHaveURL(/\/imports\/new\?entity=members$/);
  await expect(page.getByLabel("What the file holds")).toHaveValue("members");

  await page.getByLabel("File", { exact: true }).setInputFiles(file("会员.csv"));
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("import-wrong-entity")).toHaveCount(0);
  const columnOf = (field: string) => page.getByTestId(`map-row-${field}`).getByRole("combobox").first();
  await expect(columnOf("memberNo")).toHaveValue("会员卡号");
  await expect(columnOf("customerPhone")).toHaveValue("手机号");
  await expect(columnOf("tier")).toHaveValue("会员等级");
  await expect(columnOf("points")).toHaveValue("积分");
  await expectAccessible(page, "member import mapping");

  await page.getByRole("button", { name: "Check the file" }).click();
  const dryRun = page.getByTestId("import-dry-run");
  await expect(dryRun).toBeVisible({ timeout: 30_000 });
  await expect(dryRun.getByTestId("count-created")).toContainText("2");
  await expect(dryRun.getByTestId("count-failed")).toContainText("1");
  await expect(page.getByTestId("import-issues")).toContainText("matches no customer");
  await expectAccessible(page, "member import check");

  await page.getByRole("button", { name: "Start the import" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.getByTestId("count-created")).toContainText("2");
  await expect(page.getByTestId("import-status")).toHaveText("Done");
  await expectAccessible(page, "member import report");

  await page.getByTestId("import-done").getByRole("link", { name: "Open the member list" }).click();
  await expect(page).toHaveURL(/\/members$/);
  const table = page.getByTestId("members-table");
  await expect(table).toContainText("VIP-E2E-001");
  await expect(table).toContainText("周一鸣");
  await expect(table).toContainText("VIP-E2E-002");
  await expect(table).not.toContainText("VIP-E2E-003");
  await expectAccessible(page, "member list after the import");
});
