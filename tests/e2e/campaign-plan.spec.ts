// Issue 7's closed loop, end to end with the real worker: a planner builds a segment
// of Beijing customers, plans an SMS + call campaign on it and submits it; a manager
// (approver) approves it and the audience is frozen with its control group; the
// planner launches it; a sales user completes a care task; purchases made after the
// contact show up in the evaluation, with the uplift of treatment over control.
// Every page is scanned with axe.
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
  const sales = await addMember(tenant, "sales_staff");
  for (let i = 0; i < 20; i++) {
    await createCustomer(tenant, { name: `北京客户${i}`, city: "北京", phone: `+86138000000${10 + i}`, ownerUserId: sales.userId });
  }
  await createCustomer(tenant, { name: "上海客户", city: "上海" });
  return { tenant, planner, manager, sales, password: TEST_PASSWORD };
}

/** The frozen arms of a campaign, read from the database the app writes. */
async function armsOf(tenant: Awaited<ReturnType<typeof seed>>["tenant"], campaignId: string) {
  const { withTenant } = await import("@/lib/db/tenant");
  const rows = await withTenant(tenant.owner, (tx) => tx.campaignTarget.findMany({ where: { campaignId }, orderBy: { customerId: "asc" } }));
  return { treatment: rows.filter((r) => r.arm === "treatment").map((r) => r.customerId), control: rows.filter((r) => r.arm === "control").map((r) => r.customerId) };
}

test("the closed loop: segment, plan, approval, launch, care task, purchases, evaluation against the control group", async ({ page }) => {
  test.setTimeout(180_000);
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
  await expect(page.getByTestId("segment-count")).toHaveText("20 members");
  await expect(page.getByTestId("segment-sample").locator("tbody tr")).toHaveCount(20);
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
  await plan.getByLabel("SMS", { exact: true }).check();
  await plan.getByLabel("Phone call").check();
  await plan.getByLabel("Control group (%)").fill("50");
  await plan.getByLabel("Offer", { exact: true }).fill("¥20 coupon");
  await plan.getByLabel("Offer value per responder").fill("20");
  await plan.getByLabel("Budget").fill("5000");
  await plan.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const campaignUrl = page.url();
  await expect(page.getByTestId("campaign-status")).toHaveText("Draft");
  await expect(page.getByTestId("audience-count")).toHaveText("20");
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
  await signOut(page);

  // Launch: SMS to the treatment arm now, call tasks to each customer's owner.
  const campaignId = campaignUrl.split("/").pop()!;
  const arms = await armsOf(s.tenant, campaignId);
  expect(arms.treatment.length + arms.control.length).toBe(20);
  expect(arms.treatment.length).toBeGreaterThanOrEqual(4);
  expect(arms.control.length).toBeGreaterThanOrEqual(2);
  await signIn(page, s.planner.email, s.password);
  await page.goto(`${campaignUrl}/execution`);
  await page.getByLabel("Message", { exact: true }).fill("{name}，老客回访礼券 20 元");
  await page.getByLabel("Assign call tasks").selectOption("owner");
  await page.getByLabel("Call script").fill("您好，我是您的专属顾问。");
  await page.getByRole("button", { name: "Launch" }).click();
  await expect(page.getByTestId("campaign-status")).toHaveText("Running");
  await expect(page.getByTestId("progress-delivered")).toHaveText(String(arms.treatment.length), { timeout: 60_000 });
  await expectAccessible(page, "campaign execution (running)");
  await signOut(page);

  // The sales user works a call task.
  await signIn(page, s.sales.email, s.password);
  await page.goto("/care-tasks");
  await expect(page.getByTestId("care-task")).toHaveCount(arms.treatment.length);
  const task = page.getByTestId("care-task").first();
  await task.getByLabel("Outcome").selectOption("purchased");
  await task.getByRole("button", { name: "Save outcome" }).click();
  await expect(page.getByTestId("care-task")).toHaveCount(arms.treatment.length - 1);
  await signOut(page);

  // Purchases after the contact: three treated customers and one in the control group.
  const { addOrder } = await import("@/tests/factories/customers");
  const now = new Date();
  const buy = (customerId: string) => addOrder(s.tenant, customerId, {
    orderedAt: now, paidAt: now, status: "paid", items: [{ productName: "手机壳", quantity: 1, unitPrice: "99.00" }],
  });
  for (const id of arms.treatment.slice(0, 3)) await buy(id);
  await buy(arms.control[0]!);

  await signIn(page, s.planner.email, s.password);
  await page.goto(`${campaignUrl}/evaluation`);
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
  await expect(page.getByTestId("kpi-conversionT")).toHaveText(pct(3, arms.treatment.length));
  await expect(page.getByTestId("kpi-conversionC")).toHaveText(pct(1, arms.control.length));
  await expect(page.getByTestId("kpi-upliftCi")).not.toHaveText("—");
  await expect(page.getByTestId("significance")).toBeVisible();
  await expectAccessible(page, "campaign evaluation");
});
