// Issue 6, the rest, end to end: a manager opens the member and interaction
// dashboards, filters the customer dashboard by RFM segment, and puts the big
// screen up — which refreshes itself and has a way out. Every page passes axe (the
// big screen's dark colours included) and a screenshot of each is checked to be a
// picture with drawn charts, not a blank page.
import { writeFile } from "node:fs/promises";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/auth";
import { seedDashboardScenario } from "./support/seed-dashboard";

/** Every chart on the page has drawn its canvas. */
async function chartsDrawn(page: Page) {
  await expect(page.getByTestId("chart-canvas").first()).toBeVisible();
  await expect.poll(async () => page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="chart-canvas"]')].filter((el) => !el.querySelector("canvas")).length), { timeout: 15_000 }).toBe(0);
}

/** Many colours in the screenshot, and each chart's canvas has painted (opaque, non-white) pixels. */
async function expectNonBlank(page: Page, testInfo: TestInfo, name: string) {
  await chartsDrawn(page);
  await page.waitForTimeout(300); // ECharts paints on the next animation frame
  const shot = await page.screenshot({ fullPage: true });
  await writeFile(testInfo.outputPath(`${name}.png`), shot);
  await testInfo.attach(`${name}.png`, { body: shot, contentType: "image/png" });
  const colours = await page.evaluate(async (b64) => {
    const img = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    return seen.size;
  }, shot.toString("base64"));
  expect(colours, `${name}: distinct colours in the screenshot`).toBeGreaterThan(100);
  const painted = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="chart-canvas"]')].map((el) => {
      const canvas = el.querySelector("canvas")!;
      const d = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 0 && !(d[i]! > 240 && d[i + 1]! > 240 && d[i + 2]! > 240)) ink++;
      return ink / (canvas.width * canvas.height);
    }));
  expect(painted.length, `${name}: charts`).toBeGreaterThan(0);
  for (const [i, share] of painted.entries()) expect(share, `${name}: chart ${i} has drawn pixels`).toBeGreaterThan(0.003);
}

test("a manager reads the member and interaction dashboards, filters customers by segment and puts up the big screen", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const s = await seedDashboardScenario();
  await signIn(page, s.manager.email, s.password);
  await expect(page).toHaveURL(/\/dashboard$/);

  // Members
  await page.getByTestId("dashboard-tabs").getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(/\/dashboard\/members/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Member analysis");
  await expect(page.getByTestId("kpi-members-value")).toHaveText("18");
  await expect(page.getByTestId("kpi-member-share-value")).toHaveText("60.0%");
  await expect(page.getByTestId("chart-members-migration").locator('[data-chart-kind="sankey"]')).toBeVisible();
  await expect(page.getByTestId("chart-members-coupons")).toBeVisible();
  await expectNonBlank(page, testInfo, "dashboard-members");
  await expectAccessible(page, "member dashboard");

  // Interactions
  await page.getByTestId("dashboard-tabs").getByRole("link", { name: "Interactions" }).click();
  await expect(page).toHaveURL(/\/dashboard\/interactions/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Interaction analysis");
  await expect(page.getByTestId("kpi-interactions-value")).not.toHaveText(/^(0|—)$/);
  await expect(page.getByTestId("chart-interactions-referrals")).toBeVisible();
  await expectNonBlank(page, testInfo, "dashboard-interactions");
  await expectAccessible(page, "interaction dashboard");

  // Customers, narrowed to one RFM segment
  await page.getByTestId("dashboard-tabs").getByRole("link", { name: "Customers" }).click();
  await expect(page.getByTestId("chart-customers-cohorts").locator('[data-chart-kind="heatmap"]')).toBeVisible();
  await page.getByTestId("dashboard-filters").getByLabel("RFM segment").selectOption("champions");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/segment=champions/);
  await expect(page.getByTestId("segment-note")).toBeVisible();
  const activity = page.getByTestId("chart-customers-activity");
  await activity.getByText("Show the data as a table").click();
  // 4 of the 20 scored customers are champions (every fifth), all with R score 5.
  await expect(activity.getByRole("row", { name: /Score 5/ })).toContainText("4");
  await expectNonBlank(page, testInfo, "dashboard-customers-segment");
  await expectAccessible(page, "customers dashboard filtered by segment");

  // The big screen: dark, large, refreshing itself, with a way out
  await page.getByTestId("dashboard-tabs").getByRole("link", { name: "Big screen" }).click();
  await expect(page).toHaveURL(/\/dashboard\/big-screen/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Business at a glance");
  await expect(page.getByTestId("big-kpi-revenue-value")).not.toHaveText("—");
  await expect(page.getByTestId("big-kpi-members-value")).toHaveText("18");
  // The dark full-screen layout (slate-950 behind light text); its contrast is what axe checks below.
  await expect(page.getByTestId("dashboard-bigScreen")).toHaveClass(/bg-slate-950/);
  await expectNonBlank(page, testInfo, "dashboard-big-screen");
  await expectAccessible(page, "big screen");

  // A minute later (on the page's clock) it has reloaded its figures by itself.
  await page.clock.install();
  await page.reload();
  const refreshed = page.getByTestId("big-screen-refresh");
  const first = await refreshed.textContent();
  await page.waitForTimeout(1_100); // the server's clock moves on a second
  await page.clock.fastForward(61_000);
  await expect(refreshed).not.toHaveText(first!, { timeout: 15_000 });

  await page.getByTestId("big-screen-exit").click();
  await expect(page).toHaveURL(/\/dashboard(\?|$)/);
  await expect(page.getByTestId("dashboard-overview")).toBeVisible();
});

test("a new organization's member, interaction and big-screen dashboards say the figures are not computed yet", async ({ page }) => {
  const { seedEmptyDashboardTenant } = await import("./support/seed-dashboard");
  const s = await seedEmptyDashboardTenant();
  await signIn(page, s.owner.email, s.password);
  for (const path of ["/dashboard/members", "/dashboard/interactions", "/dashboard/big-screen"]) {
    await page.goto(path);
    await expect(page.getByTestId("dashboard-not-computed")).toBeVisible();
    await expect(page.getByTestId("chart-canvas")).toHaveCount(0);
  }
  await expectAccessible(page, "big screen of a new organization");
});
