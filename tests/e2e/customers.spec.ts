// Issue 3, end to end: a sales user finds a customer by a phone typed with spaces
// and +86, opens the 360 view, adds a tag and logs an interaction; an admin exports
// a filtered list and the test reads the file.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signIn, signOut } from "./support/auth";
import { seedCustomerScenario } from "./support/seed";

test("sales finds a customer by phone, tags them and logs a call; an admin exports a filtered list", async ({ page }) => {
  const s = await seedCustomerScenario();

  await signIn(page, s.sales.email, s.password);
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByTestId("customer-row")).toHaveCount(2); // only their own two customers
  await expectAccessible(page, "customer list (sales)");

  await page.getByRole("searchbox", { name: "Search customers" }).fill("+86 138 0013 8000");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await expect(page.getByTestId("customer-row")).toContainText("张三");
  await expect(page.getByTestId("customer-phone")).not.toContainText("0013 8000"); // masked for sales staff

  await page.getByRole("link", { name: "张三" }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${s.zhangId}$`));
  await expect(page.getByTestId("scores-not-computed")).toBeVisible();
  await expectAccessible(page, "customer 360 (sales)");

  await page.getByLabel("Add a tag").fill("高意向");
  await page.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByTestId("tag-editor")).toContainText("高意向");

  const form = page.getByTestId("interaction-form");
  await form.getByLabel("Channel").selectOption("call");
  await form.getByLabel("Note").fill("Asked about the new Mate phone; call back Friday.");
  await form.getByRole("button", { name: "Log interaction" }).click();
  await expect(page.getByTestId("timeline-event").filter({ hasText: "Asked about the new Mate phone" })).toBeVisible();
  await expectAccessible(page, "customer 360 after changes");
  await signOut(page);

  await signIn(page, s.admin.email, s.password);
  await page.goto("/customers?city=" + encodeURIComponent("深圳市"));
  await expect(page.getByTestId("customers-count")).toContainText("14");
  await page.getByText("Export to CSV").click();
  await expectAccessible(page, "customer list with export panel");
  await page.getByTestId("export-panel").getByRole("button", { name: "Start export" }).click();
  const link = page.getByTestId("export-download");
  await expect(link).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines).toHaveLength(15); // header + the 14 customers in 深圳市
  expect(lines[0]).toContain("Name");
  expect(lines.some((l) => l.startsWith("张三,'+8613800138000"))).toBe(true); // admin may unmask
  expect(lines.some((l) => l.includes("王五"))).toBe(false); // 广州市: filtered out
});
