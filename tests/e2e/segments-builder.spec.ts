// Issue 5 point 8, end to end: a planner opens the Segments overview (RFM segments,
// churn levels and clusters with counts and revenue shares), opens the rule builder,
// builds "city is 北京 OR gender is male", watches the live count change as the rule
// changes, and saves it as a dynamic segment. A cluster row leads to the customer
// list filtered by that cluster. Every page passes axe.
import { expect, test } from "@playwright/test";
import { plantCluster } from "@/tests/factories/clusters";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/auth";
import { e2eServerEnv } from "./support/e2e-env";

Object.assign(process.env, e2eServerEnv());

async function seed() {
  const { createTenant, addMember, TEST_PASSWORD } = await import("@/tests/factories/tenants");
  const { createCustomer } = await import("@/tests/factories/customers");
  const { withTenant } = await import("@/lib/db/tenant");
  const tenant = await createTenant("E2E Rules");
  const planner = await addMember(tenant, "marketing_planner");
  const people: [string, "M" | "F", string, string, number][] = [
    ["北京", "F", "champions", "low", 900], ["北京", "F", "loyal", "low", 600], ["北京", "M", "at_risk", "high", 300], ["北京", "M", "lost", "high", 50],
    ["上海", "M", "champions", "low", 800], ["上海", "F", "need_attention", "medium", 200], ["上海", "F", "hibernating", "medium", 120],
    ["广州", "F", "new_customers", "low", 90], ["广州", "F", "promising", "medium", 70],
  ];
  const asOf = new Date(`${new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date())}T00:00:00Z`);
  await withTenant(tenant.owner, async (tx) => {
    await tx.scoringRun.create({ data: { tenantId: tenant.tenantId, asOf, status: "succeeded", step: "done", progress: 100 } });
    await tx.clusterModel.create({ data: { tenantId: tenant.tenantId, asOf, status: "succeeded", k: 2, kMin: 2, kMax: 4, seed: 1 } });
    await tx.clusterProfile.create({ data: { tenantId: tenant.tenantId, cluster: 0, size: 4, share: 0.44, nameEn: "Big spenders", nameZh: "高消费" } });
    await tx.clusterProfile.create({ data: { tenantId: tenant.tenantId, cluster: 1, size: 5, share: 0.56, nameEn: "Occasional", nameZh: "偶尔购买" } });
  });
  let i = 0;
  for (const [city, gender, seg, churn, paid] of people) {
    const id = (await createCustomer(tenant, { name: `${city}客户${i}`, city, gender })).id;
    await withTenant(tenant.owner, async (tx) => {
      await tx.customerScore.create({ data: { tenantId: tenant.tenantId, customerId: id, asOf, frequency: 1, monetary: String(paid), rfmSegment: seg, churnRisk: churn } });
      await tx.customerFeature.create({ data: {
        tenantId: tenant.tenantId, customerId: id, asOf, firstPurchase: asOf, lastPurchase: asOf, purchaseDays: 1, orders: 1,
        totalPaid: String(paid), meanPaid: String(paid), repeatPaid: "0", tenureDays: 30, recencyDays: 1,
      } });
      await plantCluster(tx, tenant.tenantId, id, paid >= 300 ? 0 : 1, asOf.toISOString().slice(0, 10));
    });
    i++;
  }
  return { planner, password: TEST_PASSWORD };
}

test("a planner reads the overview, builds an OR rule with a live count and saves it", async ({ page }) => {
  test.setTimeout(120_000);
  const s = await seed();
  await signIn(page, s.planner.email, s.password);

  await page.goto("/segments");
  const overview = page.getByTestId("segments-overview");
  await expect(overview).toBeVisible();
  const champions = page.getByTestId("overview-rfm-table").locator('tr[data-key="champions"]');
  await expect(champions.locator("td").nth(0)).toHaveText("2");
  await expect(champions.locator("td").nth(1)).toHaveText("22.2%"); // 2 of 9 customers
  await expect(champions.locator("td").nth(3)).toHaveText("54.3%"); // (900 + 800) of 3,130 paid
  await expect(page.getByTestId("overview-churn-table").locator('tr[data-key="high"] td').nth(0)).toHaveText("2");
  await expect(page.getByTestId("overview-clusters-table")).toContainText("Big spenders");
  await expect(champions.getByRole("link", { name: "View customers: Champions" })).toHaveAttribute("href", "/customers?rfmSegment=champions");
  await expectAccessible(page, "segments overview");

  // A cluster row links to the customer list filtered by that cluster.
  await page.getByTestId("overview-clusters-table").locator('tr[data-key="0"]').getByRole("link", { name: /^View customers: Cluster 0/ }).click();
  await expect(page).toHaveURL(/\/customers\?cluster=0$/);
  await expect(page.getByTestId("customer-row")).toHaveCount(4); // paid ≥ 300
  await expect(page.getByLabel("Cluster", { exact: true })).toHaveValue("0");
  await expect(page.getByLabel("Cluster", { exact: true }).locator("option:checked")).toHaveText("Cluster 0 · Big spenders");
  await expectAccessible(page, "customers filtered by cluster");
  await page.goto("/segments");

  await page.getByTestId("open-builder").click();
  await expect(page).toHaveURL(/\/segments\/builder$/);
  const count = page.getByTestId("rule-count");
  await expect(count).toHaveText("9 customers");
  await expectAccessible(page, "rule builder");

  await page.getByTestId("add-condition").first().click();
  const first = page.getByTestId("rule-condition").nth(0);
  await first.getByLabel("Field").selectOption("city");
  await first.getByLabel("Values (separate with commas)").fill("北京");
  await expect(count).toHaveText("4 customers");

  await page.getByTestId("add-condition").first().click();
  await expect(count).toHaveText("Complete every condition to see the count.");
  const second = page.getByTestId("rule-condition").nth(1);
  await second.getByLabel("Field").selectOption("gender");
  await second.getByLabel(/^Values \(Ctrl/).selectOption(["M"]);
  await expect(count).toHaveText("2 customers"); // AND: Beijing men
  await page.getByTestId("group-op").first().selectOption("or");
  await expect(count).toHaveText("5 customers"); // OR: Beijing, or men
  await expectAccessible(page, "rule builder with an OR rule");

  await page.getByLabel("Segment name").fill("北京或男性");
  await page.getByTestId("builder-save").click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByTestId("segment-count")).toContainText("5");
  await expect(page.getByTestId("segment-definition")).toContainText("any of");
  await expectAccessible(page, "saved rule segment");
});
