// Issue 6, end to end: a manager opens each dashboard of a seeded chain, changes a
// filter, drills from the customer map into a province and on to the customer list
// of a city, exports a chart as PNG and its data as CSV; every page passes axe and
// a screenshot of each dashboard is checked to be a picture, not a blank page.
import { readFile, writeFile } from "node:fs/promises";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/auth";
import { seedDashboardScenario } from "./support/seed-dashboard";

/** Every chart on the page has drawn its canvas. */
async function chartsDrawn(page: Page) {
  const charts = page.getByTestId("chart-canvas");
  await expect(charts.first()).toBeVisible();
  await expect.poll(async () => page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="chart-canvas"]')].filter((el) => !el.querySelector("canvas")).length), { timeout: 15_000 }).toBe(0);
}

/** The screenshot has many colours and each chart's canvas has painted (non-white, opaque) pixels. */
async function expectNonBlank(page: Page, testInfo: TestInfo, name: string) {
  await chartsDrawn(page);
  await page.waitForTimeout(300); // ECharts paints on the next animation frame
  const shot = await page.screenshot({ fullPage: true });
  await writeFile(testInfo.outputPath(`${name}.png`), shot);
  await testInfo.attach(`${name}.png`, { body: shot, contentType: "image/png" });
  const colours = await page.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const img = await createImageBitmap(blob);
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

test("a manager reads the dashboards, filters, drills into a province and exports a chart", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const s = await seedDashboardScenario();
  await signIn(page, s.manager.email, s.password);
  await expect(page).toHaveURL(/\/dashboard$/);

  // Overview
  await expect(page.getByTestId("data-as-of")).toContainText("Data as of");
  await expect(page.getByTestId("kpi-revenue-value")).not.toHaveText("—");
  await expect(page.getByTestId("kpi-revenue-delta")).toBeVisible();
  await expectNonBlank(page, testInfo, "dashboard-overview");
  await expectAccessible(page, "overview dashboard");

  // Sales, then a filter: the tmall channel only
  await page.getByTestId("dashboard-tabs").getByRole("link", { name: "Sales" }).click();
  await expect(page).toHaveURL(/\/dashboard\/sales/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sales analysis");
  await expect(page.getByTestId("chart-sales-campaigns")).toBeVisible();
  await expect(page.getByTestId("chart-sales-campaign-customers")).toBeVisible();
  await expect(page.getByTestId("chart-sales-campaigns").locator('[data-testid="chart-canvas"]')).toBeVisible();
  await expectNonBlank(page, testInfo, "dashboard-sales");
  await expectAccessible(page, "sales dashboard");
  // Contribution by campaign: its data as CSV
  const [campaignCsv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("chart-sales-campaigns").getByTestId("chart-csv").click()]);
  expect(campaignCsv.suggestedFilename()).toBe("sales-campaigns.csv");
  const campaignText = (await readFile((await campaignCsv.path())!)).toString("utf8");
  expect(campaignText.startsWith("\uFEFFCampaign,Attributed revenue,Incremental revenue vs control\r\n")).toBe(true);
  expect(campaignText).toContain("会员回馈月");
  const allChannels = await page.getByTestId("kpi-orders-value").textContent();
  await page.getByTestId("dashboard-filters").getByLabel("Channel", { exact: true }).selectOption("tmall");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/channel=tmall/);
  await expect(page.getByTestId("kpi-orders-value")).not.toHaveText(allChannels!);
  await chartsDrawn(page);
  await expectAccessible(page, "sales dashboard filtered by channel");

  // Export the trend as PNG and its data as CSV
  const trend = page.getByTestId("chart-sales-trend");
  const [png] = await Promise.all([page.waitForEvent("download"), trend.getByTestId("chart-png").click()]);
  expect(png.suggestedFilename()).toBe("sales-trend.png");
  const pngBytes = await readFile((await png.path())!);
  expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(pngBytes.length).toBeGreaterThan(5_000);
  const [csv] = await Promise.all([page.waitForEvent("download"), trend.getByTestId("chart-csv").click()]);
  expect(csv.suggestedFilename()).toBe("sales-trend.csv");
  const csvText = (await readFile((await csv.path())!)).toString("utf8");
  expect(csvText.startsWith("\uFEFFPeriod,Revenue")).toBe(true);
  expect(csvText.trim().split("\r\n").length).toBeGreaterThan(20);

  // Products
  await page.getByTestId("dashboard-tabs").getByRole("link", { name: "Products" }).click();
  await expect(page).toHaveURL(/\/dashboard\/products\?.*channel=tmall/); // the tabs keep the filters
  await expect(page.getByTestId("chart-products-categories")).toBeVisible();
  await expect(page.getByTestId("affinity-rule").first()).toBeVisible();
  await expect(page.getByTestId("chart-products-affinity").locator('[data-testid="chart-canvas"]')).toBeVisible();
  await expectNonBlank(page, testInfo, "dashboard-products");
  await expectAccessible(page, "products dashboard");
  await expect(page.getByTestId("affinity-basket-link")).toHaveAttribute("href", "/analytics/basket");

  // Customers: the China map, then into 广东 through the map's data table (the keyboard path)
  await page.getByTestId("dashboard-tabs").getByRole("link", { name: "Customers" }).click();
  await expect(page).toHaveURL(/\/dashboard\/customers/);
  const map = page.getByTestId("chart-customers-map");
  await expect(map.locator('[data-chart-kind="map"]')).toBeVisible();
  await expect(page.getByTestId("kpi-customers-value")).toHaveText("30");
  await expect(page.getByTestId("chart-customers-rfm")).toBeVisible();
  await expect(page.getByTestId("chart-customers-movement").locator('[data-testid="chart-canvas"]')).toBeVisible();
  await expectNonBlank(page, testInfo, "dashboard-customers");
  await expectAccessible(page, "customers dashboard");
  await map.getByText("Show the data as a table").click();
  await map.getByRole("link", { name: "广东", exact: true }).click();
  await expect(page).toHaveURL(/province=(%E5%B9%BF%E4%B8%9C|广东)/);
  const cities = page.getByTestId("chart-customers-cities");
  await expect(cities).toBeVisible();
  await chartsDrawn(page);
  await expectAccessible(page, "customers of a province");
  await page.getByTestId("city-links").getByRole("link", { name: "Customers in 深圳市" }).click();
  await expect(page).toHaveURL(/\/customers\?city=(%E6%B7%B1%E5%9C%B3%E5%B8%82|深圳市)/);
  await expect(page.getByTestId("customers-count")).toContainText("5");

  // The same dashboard in Chinese
  await page.goto("/dashboard/customers");
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("客户分析");
  await expect(page.getByTestId("data-as-of")).toContainText("数据截至");
  await chartsDrawn(page);
  await expectAccessible(page, "customers dashboard (zh-CN)");
  await page.getByLabel("语言").selectOption("en");
});

test("a new organization's dashboards say the figures are not computed yet", async ({ page }) => {
  const { seedEmptyDashboardTenant } = await import("./support/seed-dashboard");
  const s = await seedEmptyDashboardTenant();
  await signIn(page, s.owner.email, s.password);
  for (const path of ["/dashboard", "/dashboard/sales", "/dashboard/products", "/dashboard/customers"]) {
    await page.goto(path);
    await expect(page.getByTestId("dashboard-not-computed")).toBeVisible();
    await expect(page.getByTestId("kpis")).toHaveCount(0);
  }
  await expectAccessible(page, "dashboard of a new organization");
});
