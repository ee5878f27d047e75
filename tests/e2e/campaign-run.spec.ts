// Issue 7, points 4–7, end to end with the real worker: a planner launches an
// approved SMS + call campaign, sees the outbox and live progress (the control
// customer never messaged), a sales user completes their care task, and the planner
// opens the evaluation and the comparison. Every page is scanned with axe.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signIn, signOut } from "./support/auth";
import { e2eServerEnv } from "./support/e2e-env";

Object.assign(process.env, e2eServerEnv());

async function seedCampaignRun() {
  const { createTenant, addMember, TEST_PASSWORD } = await import("@/tests/factories/tenants");
  const { createCustomer } = await import("@/tests/factories/customers");
  const { createApprovedCampaign } = await import("@/tests/factories/campaigns");
  const tenant = await createTenant("E2E Campaign Run");
  const planner = await addMember(tenant, "marketing_planner");
  const sales = await addMember(tenant, "sales_staff");
  const treat = await Promise.all([0, 1].map((i) => createCustomer(tenant, { name: `Treat ${i}`, phone: `+86138001380${20 + i}`, ownerUserId: sales.userId })));
  const control = await createCustomer(tenant, { name: "Control Person", phone: "+8613900139000", ownerUserId: sales.userId });
  const campaign = await createApprovedCampaign(tenant, {
    name: "Winback E2E", channels: ["sms", "call"],
    targets: [...treat.map((c) => ({ customerId: c.id, arm: "treatment" as const })), { customerId: control.id, arm: "control" as const }],
  });
  return { planner, sales, password: TEST_PASSWORD, campaignId: campaign.id };
}

test("launch, watch the outbox, complete a care task, read the evaluation", async ({ page }) => {
  const s = await seedCampaignRun();
  await signIn(page, s.planner.email, s.password);
  await page.goto(`/campaigns/${s.campaignId}/execution`);
  await expectAccessible(page, "campaign execution (approved)");
  await page.getByLabel("Message", { exact: true }).fill("{name}, we miss you");
  await page.getByLabel("Assign call tasks").selectOption("owner");
  await page.getByLabel("Call script").fill("Hello, this is your advisor.");
  await page.getByRole("button", { name: "Launch" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Running");
  await expect(page.getByTestId("progress-delivered")).toHaveText("2", { timeout: 30_000 });
  const outbox = page.getByTestId("outbox-table");
  await expect(outbox).toContainText("Treat 0, we miss you");
  await expect(outbox).not.toContainText("Control Person");
  await expect(page.getByTestId("progress-tasksOpen")).toHaveText("2");
  await expectAccessible(page, "campaign execution (running)");
  await signOut(page);

  await signIn(page, s.sales.email, s.password);
  await page.goto("/care-tasks");
  await expect(page.getByTestId("care-task")).toHaveCount(2);
  await expectAccessible(page, "care tasks (sales)");
  const first = page.getByTestId("care-task").first();
  await first.getByText("Call script").click();
  await expect(first).toContainText("Hello, this is your advisor.");
  await first.getByLabel("Outcome").selectOption("interested");
  await first.getByRole("button", { name: "Save outcome" }).click();
  await expect(page.getByTestId("care-task")).toHaveCount(1);
  await signOut(page);

  await signIn(page, s.planner.email, s.password);
  await page.goto(`/campaigns/${s.campaignId}/evaluation`);
  await expect(page.getByTestId("evaluation-summary")).toBeVisible();
  await expect(page.getByTestId("kpi-contactRate")).toHaveText("100.0%");
  await expectAccessible(page, "campaign evaluation");
  await page.goto("/campaigns/compare");
  await expect(page.getByTestId("compare-table")).toContainText("Winback E2E");
  await expectAccessible(page, "campaign comparison");
});
