// Issue 3, point 4, end to end: a sales user opens the members page (tiers and
// their own member), the interactions list and the tickets list; opens a ticket for
// their customer, closes it and reopens it. An admin posts points on the member
// page: consuming beyond the balance is refused, earning updates the balance.
// Every page is scanned with axe.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signIn, signOut } from "./support/auth";
import { e2eServerEnv } from "./support/e2e-env";

Object.assign(process.env, e2eServerEnv());

async function seedServiceScenario() {
  const { createTenant, addMember, TEST_PASSWORD } = await import("@/tests/factories/tenants");
  const { createCustomer, addInteraction } = await import("@/tests/factories/customers");
  const { createMember, createTier } = await import("@/tests/factories/members");
  const tenant = await createTenant("E2E Service");
  const sales = await addMember(tenant, "sales_staff");
  const admin = await addMember(tenant, "admin");
  const other = await addMember(tenant, "sales_staff");
  const zhang = await createCustomer(tenant, { name: "张三", phone: "+8613800138000", ownerUserId: sales.userId });
  const li = await createCustomer(tenant, { name: "李四", ownerUserId: other.userId });
  await createTier(tenant, { rank: 1, name: "Silver", threshold: "0" });
  const gold = await createTier(tenant, { rank: 2, name: "Gold", threshold: "5000", benefits: "Double points on birthdays" });
  const member = await createMember(tenant, zhang.id, { tierId: gold.id, opening: 120, memberNo: "VIP-E2E-1" });
  await createMember(tenant, li.id, { tierId: gold.id, opening: 10, memberNo: "VIP-E2E-2" });
  await addInteraction(tenant, zhang.id, { channel: "call", type: "follow_up", occurredAt: new Date(Date.now() - 86_400_000), note: "Asked about trade-in", userId: sales.userId });
  await addInteraction(tenant, li.id, { channel: "wechat", type: "care", occurredAt: new Date(Date.now() - 86_400_000), note: "Someone else's customer" });
  return { sales, admin, password: TEST_PASSWORD, memberId: member.id, zhangId: zhang.id };
}

test("sales opens members, interactions and tickets, opens and closes a ticket; an admin posts points", async ({ page }) => {
  const s = await seedServiceScenario();
  await signIn(page, s.sales.email, s.password);

  await page.goto("/members");
  await expect(page.getByRole("heading", { name: "Tiers" })).toBeVisible();
  await expect(page.getByTestId("tiers-table")).toContainText("Gold");
  await expect(page.getByTestId("tiers-table")).toContainText("Double points on birthdays");
  const members = page.getByTestId("members-table");
  await expect(members).toContainText("VIP-E2E-1");
  await expect(members).not.toContainText("VIP-E2E-2"); // another sales person's customer
  await expect(members).toContainText("120");
  await expect(page.getByTestId("tier-create")).toHaveCount(0); // no member:manage
  await expectAccessible(page, "members (sales)");

  await page.goto("/interactions");
  const interactions = page.getByTestId("interactions-table");
  await expect(interactions).toContainText("Asked about trade-in");
  await expect(interactions).not.toContainText("Someone else's customer");
  await expectAccessible(page, "interactions (sales)");
  await page.getByLabel("Channel").selectOption("wechat");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("empty-state")).toBeVisible();

  await page.goto("/tickets");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expectAccessible(page, "tickets (empty)");
  await page.getByTestId("new-ticket").click();
  await expect(page).toHaveURL(/\/tickets\/new/);
  await page.getByRole("textbox", { name: "Find the customer" }).fill("张");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("ticket-customer-choices")).toContainText("张三");
  await expect(page.getByTestId("ticket-customer-choices")).not.toContainText("李四");
  await expectAccessible(page, "new ticket: pick a customer");
  await page.getByRole("link", { name: "Choose 张三" }).click();
  await expect(page.getByTestId("ticket-customer")).toContainText("张三");
  const form = page.getByTestId("ticket-form");
  await form.getByLabel("Kind").selectOption("complaint");
  await form.getByRole("button", { name: "Open ticket" }).click();
  await expect(form.getByText("Enter a subject.")).toBeVisible(); // nothing typed yet
  await form.getByLabel("Subject").fill("Screen has a dead pixel");
  await form.getByLabel("Details").fill("Noticed three days after purchase.");
  await expectAccessible(page, "new ticket form with an error");
  await form.getByRole("button", { name: "Open ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByTestId("ticket-subject")).toHaveText("Screen has a dead pixel");
  await expect(page.getByTestId("ticket-facts").getByTestId("ticket-status")).toHaveText("Open");
  await expectAccessible(page, "ticket detail (open)");

  await page.getByTestId("close-ticket").click();
  await expect(page.getByTestId("ticket-facts").getByTestId("ticket-status")).toHaveText("Closed");
  await expect(page.getByTestId("reopen-ticket")).toBeVisible();
  await expectAccessible(page, "ticket detail (closed)");

  await page.goto("/tickets?status=closed");
  await expect(page.getByTestId("tickets-table")).toContainText("Screen has a dead pixel");
  await expectAccessible(page, "tickets (closed filter)");
  await page.goto(`/customers/${s.zhangId}`);
  await page.getByTestId("customer-tickets").getByRole("link", { name: "Screen has a dead pixel" }).click();
  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  await signOut(page);

  await signIn(page, s.admin.email, s.password);
  await page.goto(`/members/${s.memberId}`);
  await expect(page.getByTestId("member-points")).toHaveText("120");
  await expectAccessible(page, "member page (admin)");
  const points = page.getByTestId("points-form");
  await points.getByLabel("Consume (take points off)").check();
  await points.getByRole("spinbutton", { name: "Points" }).fill("500");
  await points.getByLabel("Reason").fill("Redeemed for a phone case");
  await points.getByRole("button", { name: "Post to the ledger" }).click();
  await expect(points.getByRole("alert").first()).toContainText("Cannot consume 500 points: the balance is only 120.");
  await points.getByLabel("Earn (add points)").check();
  await points.getByRole("spinbutton", { name: "Points" }).fill("30");
  await points.getByLabel("Reason").fill("Birthday gift");
  await points.getByRole("button", { name: "Post to the ledger" }).click();
  await expect(page.getByTestId("member-points")).toHaveText("150");
  await expect(page.getByTestId("points-ledger")).toContainText("Birthday gift");
  await expectAccessible(page, "member page after posting points");
  await page.goto("/members");
  await page.getByText("New tier").click();
  await expectAccessible(page, "members with tier management (admin)");
});
