// Issue 7 (planning), end to end: a planner builds a segment of Beijing customers,
// plans a campaign on it and submits it; a manager (approver) approves it and the
// audience is frozen with its control group. Every page is scanned with axe.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signIn, signOut } from "./support/auth";
import { e2eServerEnv } from "./support/e2e-env";

Object.assign(process.env, e2eServerEnv());

async function seed() {
  const { createTenant, addMember, TEST_PASSWORD } = await import("@/tests/factories/tenants");
  const { createCustomer } = await import("@/tests/factories/customers");
  const tenant = await createTenant("E2E Campaigns");
  const planner = await addMember(tenant, "marketing_planner");
  const manager = await addMember(tenant, "manager");
  for (let i = 0; i < 6; i++) await createCustomer(tenant, { name: `北京客户${i}`, city: "北京", phone: `+86138000000${10 + i}` });
  await createCustomer(tenant, { name: "上海客户", city: "上海" });
  return { planner, manager, password: TEST_PASSWORD };
}

test("a planner builds a segment and a campaign and submits it; a manager approves it", async ({ page }) => {
  const s = await seed();

  await signIn(page, s.planner.email, s.password);
  await page.goto("/segments");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expectAccessible(page, "segments (empty)");
  await page.getByTestId("new-segment").click();
  await expect(page).toHaveURL(/\/segments\/new/);
  await expectAccessible(page, "new segment");
  const segForm = page.getByTestId("segment-form");
  await segForm.getByLabel("Name", { exact: true }).fill("北京客户");
  await segForm.getByLabel("City", { exact: true }).fill("北京");
  await segForm.getByRole("button", { name: "Create segment" }).click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByTestId("segment-count")).toHaveText("6 members");
  await expect(page.getByTestId("segment-sample").locator("tbody tr")).toHaveCount(6);
  await expect(page.getByTestId("segment-sample")).not.toContainText("0000 0010"); // masked for a planner
  await expectAccessible(page, "segment detail");

  await page.getByRole("link", { name: /Plan a campaign for this segment/ }).click();
  await expect(page).toHaveURL(/\/campaigns\/new\?segmentId=/);
  await expectAccessible(page, "new campaign");
  const plan = page.getByTestId("plan-form");
  // An empty plan is refused field by field.
  await plan.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Budget: Enter the budget as an amount");
  await plan.getByLabel("Name", { exact: true }).fill("北京老客回访");
  await plan.getByLabel("Goal").fill("Bring Beijing customers back to the store");
  await plan.getByLabel("WeChat template message").check();
  await plan.getByLabel("Offer", { exact: true }).fill("¥20 coupon");
  await plan.getByLabel("Offer value per responder").fill("20");
  await plan.getByLabel("Budget").fill("5000");
  await plan.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const campaignUrl = page.url();
  await expect(page.getByTestId("campaign-status")).toHaveText("Draft");
  await expect(page.getByTestId("audience-count")).toHaveText("6");
  await expect(page.getByTestId("what-if")).toContainText("There is no past campaign");
  await expect(page.getByRole("link", { name: "Execution" })).toHaveAttribute("href", /\/execution$/);
  await expectAccessible(page, "campaign plan (draft)");
  await page.getByTestId("submit-campaign").getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Waiting for approval", { timeout: 30_000 });
  await expect(page.getByTestId("approve-campaign")).toHaveCount(0); // planners do not approve
  await signOut(page);

  await signIn(page, s.manager.email, s.password);
  await page.goto(campaignUrl);
  await expect(page.getByTestId("campaign-status")).toHaveText("Waiting for approval");
  await expectAccessible(page, "campaign waiting for approval (manager)");
  await page.getByTestId("approve-campaign").getByLabel("Comment (optional)").fill("OK, go ahead");
  await page.getByTestId("approve-campaign").getByRole("button", { name: "Approve (level 1)" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Approved", { timeout: 30_000 });
  await expect(page.getByTestId("approval-history")).toContainText("OK, go ahead");
  await expect(page.getByRole("heading", { name: "Audience (frozen at approval)" })).toBeVisible();
  await expectAccessible(page, "campaign approved");
  await page.goto("/campaigns");
  await expect(page.getByTestId("campaigns-table")).toContainText("北京老客回访");
  await expectAccessible(page, "campaign list");
});
