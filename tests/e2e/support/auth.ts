import { expect, type Page } from "@playwright/test";

export const E2E_PASSWORD = "E2e-Password-2026";

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function signIn(page: Page, email: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** Creates an organization through the sign-up page; returns the owner's e-mail. */
export async function signUp(page: Page, opts: { org: string; name: string; locale?: "en" | "zh-CN" }): Promise<string> {
  const s = uniqueSuffix();
  const email = `owner-${s}@e2e.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Organization name").fill(`${opts.org} ${s}`);
  await page.getByLabel(/Organization short name/).fill(`e2e-${s}`);
  await page.getByLabel("Your name").fill(opts.name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByLabel("Default language").selectOption(opts.locale ?? "en");
  await page.getByRole("button", { name: "Create an organization" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(opts.name);
  return email;
}
