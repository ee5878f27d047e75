// Issue 2, end to end: sign up → create a Sales Staff user → sign in as that user →
// the admin pages are not in the navigation, and opening one by URL is refused.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { E2E_PASSWORD, signIn, signOut, signUp, uniqueSuffix } from "./support/auth";

test("sign up, create a sales user, and the sales user cannot reach admin pages", async ({ page }) => {
  const salesEmail = `sales-${uniqueSuffix()}@e2e.test`;
  await page.goto("/sign-up");
  await expectAccessible(page, "sign-up");
  const ownerEmail = await signUp(page, { org: "E2E Phones", name: "Olivia Owner" });
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectAccessible(page, "dashboard (empty tenant)");
  await expect(page.getByTestId("admin-nav")).toBeVisible();

  await page.getByTestId("admin-nav").getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByTestId("members-table")).toContainText(ownerEmail);
  await expectAccessible(page, "users");

  const create = page.getByTestId("create-member-form");
  await create.getByLabel("E-mail").fill(salesEmail);
  await create.getByLabel("Name").fill("Sam Sales");
  await create.getByLabel("Initial password").fill(E2E_PASSWORD);
  await create.getByLabel("Sales Staff").check();
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status")).toContainText(`User ${salesEmail} was created.`);
  await expect(page.getByTestId("members-table")).toContainText(salesEmail);
  await expect(page.getByTestId("members-table").getByRole("row", { name: /Sam Sales/ })).toContainText("Sales Staff");

  // zh-CN throughout: the switch re-renders the page in Chinese, and back.
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("用户管理");
  await expect(page.getByTestId("admin-nav").getByRole("link", { name: "角色" })).toBeVisible();
  await expectAccessible(page, "users (zh-CN)");
  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");

  await signOut(page);
  await signIn(page, salesEmail);
  await expect(page.getByTestId("current-user")).toHaveText("Sam Sales");
  await expect(page).toHaveURL(/\/customers$/);
  await expectAccessible(page, "sales staff start page");
  const nav = page.getByTestId("main-nav");
  await expect(nav.getByRole("link", { name: "Customers" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveCount(0);
  await expect(page.getByTestId("admin-nav")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);

  for (const path of ["/admin/users", "/admin/roles", "/admin/audit", "/dashboard"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
  }
  await expectAccessible(page, "forbidden page");
});

test("bad input on sign-in and sign-up gets a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(`nobody-${uniqueSuffix()}@e2e.test`);
  await page.getByLabel("Password").fill("Wrong-Password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The e-mail or password is not correct.")).toBeVisible();
  await expectAccessible(page, "sign-in with error");

  await page.goto("/sign-up");
  await page.getByLabel("Organization name").fill("Weak");
  await page.getByLabel(/Organization short name/).fill(`weak-${uniqueSuffix()}`);
  await page.getByLabel("Your name").fill("W");
  await page.getByLabel("E-mail").fill(`weak-${uniqueSuffix()}@e2e.test`);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create an organization" }).click();
  await expect(page.getByText("The password must be at least 10 characters long.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
});
