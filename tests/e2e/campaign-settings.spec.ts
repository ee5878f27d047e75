// The campaign settings an owner (tenant:manage) keeps on /campaigns, end to end: the
// contact frequency cap (an invalid value is refused with the field's error, a valid
// one is saved and kept after a reload) and the delivery receipts' signing secret,
// created and rotated, each new secret shown once. Every state is scanned with axe.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/auth";
import { e2eServerEnv } from "./support/e2e-env";

Object.assign(process.env, e2eServerEnv());

async function seedAdmin() {
  const { createTenant, addMember, TEST_PASSWORD } = await import("@/tests/factories/tenants");
  const tenant = await createTenant("E2E Campaign Settings");
  // tenant:manage is the owner role's alone (lib/auth/catalog.ts).
  const admin = await addMember(tenant, "owner");
  return { admin, password: TEST_PASSWORD };
}

test("an owner changes the frequency cap and creates, then rotates, the delivery-receipt secret", async ({ page }) => {
  const s = await seedAdmin();
  await signIn(page, s.admin.email, s.password);
  await page.goto("/campaigns");
  await expectAccessible(page, "campaigns with settings");

  const cap = page.getByTestId("frequency-cap");
  const maxContacts = cap.getByLabel("At most (contacts)");
  const windowDays = cap.getByLabel("In (days)");
  await expect(maxContacts).toHaveValue("3");
  await expect(windowDays).toHaveValue("7");

  // An invalid value: refused, with the field named and its rule.
  await maxContacts.fill("0");
  await cap.getByRole("button", { name: "Save cap" }).click();
  await expect(cap.getByTestId("form-error")).toContainText("At most (contacts): The cap must be a whole number from 1 to 1000.");
  await expect(cap.getByRole("status")).toHaveCount(0);
  await expectAccessible(page, "frequency cap with a field error");

  await maxContacts.fill("5");
  await windowDays.fill("14");
  await cap.getByRole("button", { name: "Save cap" }).click();
  await expect(cap.getByRole("status")).toHaveText("Frequency cap saved.");
  await expect(cap.getByTestId("form-error")).toHaveCount(0);
  await expectAccessible(page, "frequency cap saved");
  await page.reload();
  await expect(page.getByTestId("frequency-cap").getByLabel("At most (contacts)")).toHaveValue("5");
  await expect(page.getByTestId("frequency-cap").getByLabel("In (days)")).toHaveValue("14");

  // The delivery secret: none yet; created, shown once; rotated, a different one shown once.
  const panel = page.getByTestId("delivery-secret");
  await expect(panel).toContainText("No secret yet");
  await expect(panel).toContainText("/api/v1/delivery/{channel}?tenant=");
  await panel.getByRole("button", { name: "Create secret" }).click();
  const value = panel.getByTestId("delivery-secret-value");
  await expect(value).toBeVisible();
  const first = (await value.textContent())!.trim();
  expect(first.length).toBeGreaterThanOrEqual(32);
  await expect(panel.getByRole("status")).toContainText("it is not shown again");
  await expect(panel).toContainText(`${first.slice(0, 12)}…`);
  await expect(panel.getByRole("button", { name: "Rotate secret" })).toBeVisible();
  await expectAccessible(page, "delivery secret shown once");

  // After a reload only its prefix is shown, never the secret.
  await page.reload();
  const reloaded = page.getByTestId("delivery-secret");
  await expect(reloaded.getByTestId("delivery-secret-value")).toHaveCount(0);
  await expect(reloaded).not.toContainText(first);
  await expect(reloaded).toContainText("created");

  await reloaded.getByRole("button", { name: "Rotate secret" }).click();
  const second = reloaded.getByTestId("delivery-secret-value");
  await expect(second).toBeVisible();
  await expect(second).not.toHaveText(first);
  await expect(reloaded.getByRole("status")).toContainText("The old secret no longer works.");
  await expectAccessible(page, "delivery secret rotated");
});
