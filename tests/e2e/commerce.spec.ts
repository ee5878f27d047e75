// Issue 3 (the rest of the model in the UI), end to end: an admin opens the order
// list, filters it, opens an order; opens the products and a product's sales; adds
// a product through the form (a wrong price first); opens the stores and a store.
// Every page is scanned with axe.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signIn } from "./support/auth";
import { e2eServerEnv } from "./support/e2e-env";

Object.assign(process.env, e2eServerEnv());

async function seedCommerceScenario() {
  const { createTenant, addMember, addDepartment, TEST_PASSWORD } = await import("@/tests/factories/tenants");
  const { createCustomer, createStore } = await import("@/tests/factories/customers");
  const { addProduct, addStoreOrder } = await import("@/tests/factories/products");
  const tenant = await createTenant("E2E Commerce");
  const region = await addDepartment(tenant, "South region", null, "region");
  const dept = await addDepartment(tenant, "Guangzhou Tianhe", region.id, "store");
  const admin = await addMember(tenant, "admin");
  const store = await createStore(tenant, "Guangzhou Tianhe", dept.id, "Guangzhou", "Guangdong");
  const phone = await addProduct(tenant, { name: "Mate 70", sku: "HW-MATE70", category: "Phones", brand: "Huawei", price: "5999.00" });
  const cover = await addProduct(tenant, { name: "Mate 70 case", sku: "HW-CASE70", category: "Accessories", brand: "Huawei", price: "99.00" });
  const wang = await createCustomer(tenant, { name: "Wang Xiaoming", phone: "+8613800138000", homeStoreId: store.id });
  const li = await createCustomer(tenant, { name: "Li Si", phone: "+8613900139000", homeStoreId: store.id });
  const at = (iso: string) => new Date(`${iso}T04:00:00Z`);
  await addStoreOrder(tenant, wang.id, {
    orderNo: "E2E-001", storeId: store.id, status: "received", orderedAt: at("2025-01-10"), paidAt: at("2025-01-10"),
    shippedAt: at("2025-01-11"), receivedAt: at("2025-01-13"),
    items: [{ productId: phone.id, quantity: 1, unitPrice: "5999.00" }, { productId: cover.id, quantity: 2, unitPrice: "99.00" }],
  });
  await addStoreOrder(tenant, wang.id, {
    orderNo: "E2E-002", channel: "tmall", status: "refunded", orderedAt: at("2025-02-01"), paidAt: at("2025-02-01"), refundedAt: at("2025-02-03"),
    items: [{ productId: cover.id, quantity: 1, unitPrice: "99.00" }],
  });
  await addStoreOrder(tenant, li.id, {
    orderNo: "E2E-003", storeId: store.id, status: "paid", orderedAt: at("2025-03-01"), paidAt: at("2025-03-01"),
    items: [{ productId: cover.id, quantity: 3, unitPrice: "99.00" }],
  });
  return { admin, password: TEST_PASSWORD, storeId: store.id };
}

test("an admin filters orders, opens an order, a product and a store, and adds a product", async ({ page }) => {
  const s = await seedCommerceScenario();
  await signIn(page, s.admin.email, s.password);

  await page.goto("/orders");
  await expect(page.getByTestId("orders-count")).toHaveText("3 orders");
  await expect(page.getByTestId("order-row")).toHaveCount(3);
  await expect(page.getByTestId("order-row").first()).toContainText("E2E-003"); // newest first
  await expectAccessible(page, "order list");

  const filters = page.getByTestId("order-filters");
  await filters.getByLabel("Payment").selectOption("paid");
  await filters.getByRole("searchbox", { name: "Search by customer" }).fill("138 0013 8000");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/payment=paid/);
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("order-row")).toContainText("Wang Xiaoming");
  await expectAccessible(page, "filtered order list");

  await page.getByRole("link", { name: "E2E-001" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Order E2E-001");
  await expect(page.getByTestId("order-status")).toHaveText("Received");
  await expect(page.getByTestId("order-item")).toHaveCount(2);
  await expect(page.getByTestId("order-items")).toContainText("Mate 70");
  await expect(page.getByTestId("order-event").and(page.locator("[data-reached='yes']"))).toHaveCount(4);
  await expect(page.getByTestId("order-summary")).toContainText("6,197.00");
  await expectAccessible(page, "order detail");

  await page.goto("/products");
  await expect(page.getByTestId("product-row")).toHaveCount(2);
  await expect(page.getByTestId("product-row").first()).toContainText("Mate 70 case"); // most units sold first
  await expectAccessible(page, "product list");
  await page.getByRole("link", { name: "Mate 70 case" }).click();
  await expect(page.getByTestId("product-sales")).toContainText("0 of 2 buyers"); // the refunded order is no purchase
  await expect(page.getByTestId("product-order")).toHaveCount(3);
  await expectAccessible(page, "product detail");

  await page.goto("/products/new");
  const form = page.getByTestId("product-form");
  await form.getByLabel(/^SKU/).fill("XM-14");
  await form.getByLabel(/^Name/).fill("Xiaomi 14");
  await form.getByLabel(/^List price/).fill("12.345");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Price “12.345” is not an amount")).toBeVisible();
  await expectAccessible(page, "product form with an error");
  await form.getByLabel(/^List price/).fill("3,999");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Xiaomi 14");
  await expect(page.getByTestId("product-attributes")).toContainText("3,999.00");

  await page.goto("/stores");
  await expect(page.getByTestId("store-row")).toHaveCount(1);
  await expect(page.getByTestId("store-row")).toContainText("South region");
  await expectAccessible(page, "store list");
  await page.getByRole("link", { name: "Guangzhou Tianhe" }).click();
  await expect(page.getByTestId("store-figures")).toContainText("6,494.00"); // E2E-001 + E2E-003
  await expectAccessible(page, "store detail");
  await page.getByTestId("store-orders-link").click();
  await expect(page.getByTestId("order-row")).toHaveCount(2);
});
