// Order-line file (one row per order line, as Tmall/JD export it) end to end on real
// Postgres, Redis and a real worker: one pass creates or links customers (by the
// customer keys), products (by SKU), orders (by order no.) and their items. Counts
// are hand-checked row by row; order totals equal the sum of their lines; a second
// import of the same file changes nothing; tenant B's customers and products are
// never linked.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { sessionModuleMock } from "@/tests/support/session";
import { addMember, createTenant } from "@/tests/factories/tenants";
import { addIdentity, createCustomer } from "@/tests/factories/customers";
import { withTenant, withTenantPg } from "@/lib/db/tenant";
import { withTestWorker } from "@/tests/support/test-worker";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

const { commerceSnapshot, errorCsv, importFile, job, uploadAs } = await import("@/tests/fixtures/import/jobs/import-driver");
type Who = { tenantId: string; userId: string };

const file = readFileSync("tests/fixtures/import/jobs/order-lines.csv");
withTestWorker();

/**
 * Tenant A as the file expects it: 老王 (phone 13900000001, Tmall account tb_old) with
 * order E-100 (one line of SKU-OLD, paid time empty), customer Y (y@example.com).
 */
async function tenantA(name: string) {
  const t = await createTenant(name);
  const admin = await addMember(t, "admin");
  const wang = await createCustomer(t, { name: "老王", phone: "+8613900000001" });
  await addIdentity(t, wang.id, "tmall", "tb_old");
  const y = await createCustomer(t, { name: "Y", email: "y@example.com" });
  await withTenant(t.owner, async (tx) => {
    const p = await tx.product.create({ data: { tenantId: t.tenantId, sku: "SKU-OLD", name: "旧商品", price: "10" } });
    const o = await tx.order.create({
      data: { tenantId: t.tenantId, orderNo: "E-100", customerId: wang.id, channel: "store", status: "paid", orderedAt: new Date("2024-01-01T01:00:00Z"), amount: "10", paidAmount: "10" },
    });
    await tx.orderItem.create({ data: { tenantId: t.tenantId, orderId: o.id, productId: p.id, quantity: 1, unitPrice: "10", amount: "10" } });
  });
  return { t, admin, wang, y };
}

/** Tenant B holds the same keys (phone, Tmall account, SKUs, an order no.): none of it may be linked from A. */
async function tenantB() {
  const t = await createTenant("OrderLinesB");
  const c = await createCustomer(t, { name: "B的张三", phone: "+8613800000002" });
  await addIdentity(t, c.id, "tmall", "tb_new1");
  await withTenant(t.owner, async (tx) => {
    await tx.product.create({ data: { tenantId: t.tenantId, sku: "SKU-A", name: "B的商品A", price: "1" } });
    await tx.order.create({ data: { tenantId: t.tenantId, orderNo: "O-3", customerId: c.id, channel: "tmall", orderedAt: new Date("2023-01-01T00:00:00Z") } });
  });
  return { t, customer: c };
}

async function totalsConsistent(who: Who) {
  const { rows } = await withTenantPg(who, (c) => c.query(`
    SELECT o.order_no, o.amount::text AS amount, COALESCE(sum(i.amount), 0)::text AS lines
    FROM orders o LEFT JOIN order_items i ON i.tenant_id = o.tenant_id AND i.order_id = o.id
    WHERE o.tenant_id = $1 GROUP BY o.order_no, o.amount ORDER BY o.order_no`, [who.tenantId]));
  return rows as { order_no: string; amount: string; lines: string }[];
}

describe("an order-line file", () => {
  let a: Awaited<ReturnType<typeof tenantA>>;
  let b: Awaited<ReturnType<typeof tenantB>>;
  let bBefore: unknown;
  let importId: string;

  beforeAll(async () => {
    b = await tenantB();
    bBefore = await commerceSnapshot(b.t.owner);
    a = await tenantA("OrderLinesA");
    importId = await importFile(a.admin, file, "订单明细.csv", "orderLines");
  });

  it("suggests the mapping from the platform's headers", async () => {
    const fields = (await job(a.admin, importId))!.mapping as { fields: Record<string, { column: string }> };
    expect(fields.fields.orderNo?.column).toBe("订单编号");
    expect(fields.fields.buyerNick?.column).toBe("买家会员名");
    expect(fields.fields.customerPhone?.column).toBe("收货人手机");
    expect(fields.fields.sku?.column).toBe("商品编码");
    expect(fields.fields.unitPrice?.column).toBe("单价");
    expect(fields.fields.orderAmount?.column).toBe("订单金额");
  });

  it("counts every row: 5 lines created, 1 updated (E-100's header), 5 failed — the check said the same", async () => {
    const j = await job(a.admin, importId);
    expect(j).toMatchObject({ status: "succeeded", totalRows: 11, createdCount: 5, updatedCount: 1, skippedCount: 0, failedCount: 5 });
    expect(j!.report).toMatchObject({
      rows: 11, cleanFailed: 2, conflicts: 3, warnings: 1,
      details: { ordersCreated: 3, ordersUpdated: 1, customersCreated: 1, productsCreated: 3 },
    });
    expect(j!.dryRun).toMatchObject({ created: 5, updated: 1, skipped: 0, failed: 5, details: { ordersCreated: 3, customersCreated: 1, productsCreated: 3 } });
  });

  it("creates and links customers, products, orders and items; totals are the sum of the lines", async () => {
    const s = await commerceSnapshot(a.admin);
    expect(s.orders.map((o) => o.order_no)).toEqual(["E-100", "O-1", "O-2", "O-3"]);
    const order = (no: string) => s.orders.find((o) => o.order_no === no)!;
    // O-1: two lines 2×50 + 1×100; discount 10 from the file, paid = 200 − 10.
    expect(order("O-1")).toMatchObject({ channel: "tmall", status: "paid", amount: "200.00", discount: "10.00", paid_amount: "190.00" });
    expect((order("O-1").ordered_at as Date).toISOString()).toBe("2024-03-01T02:00:00.000Z");
    // O-2 is 老王's by his Tmall account; no status derivation needed (待付款).
    expect(order("O-2")).toMatchObject({ customer_id: a.wang.id, status: "created", amount: "10.00", paid_amount: "10.00" });
    // An existing customer's first / last order dates come from all his orders (O-2 new, E-100 already there).
    const wangTimes = s.orders.filter((o) => o.customer_id === a.wang.id).map((o) => (o.ordered_at as Date).getTime());
    const wang = s.customers.find((c) => c.id === a.wang.id)!;
    expect(wangTimes).toHaveLength(2);
    expect((wang.first_order_at as Date).getTime()).toBe(Math.min(...wangTimes));
    expect((wang.last_order_at as Date).getTime()).toBe(Math.max(...wangTimes));
    // O-3 (JD, same phone as O-1's buyer) belongs to the ONE new customer created for both.
    const zhang = s.customers.find((c) => c.name === "张三")!;
    expect(order("O-1").customer_id).toBe(zhang.id);
    expect(order("O-3")).toMatchObject({ customer_id: zhang.id, channel: "jd", amount: "50.00" });
    expect(zhang).toMatchObject({ phone: "+8613800000002", province: "广东省", city: "深圳市" });
    expect((zhang.first_order_at as Date).toISOString()).toBe("2024-03-01T02:00:00.000Z");
    expect((zhang.last_order_at as Date).toISOString()).toBe("2024-03-03T04:00:00.000Z");
    const created = await withTenant(a.admin, (tx) => tx.customer.findFirst({ where: { id: zhang.id } }));
    expect(created!.createdImportId).toBe(importId);
    expect(s.identities.filter((i) => i.customer_id === zhang.id).map((i) => `${i.channel}:${i.external_id}`)).toEqual(["jd:jd_new3", "tmall:tb_new1"]);
    expect(s.customers).toHaveLength(3);
    // E-100 (existing, fill_empty): paid time filled, the SKU-C line added, its amount the items' sum again.
    expect(order("E-100")).toMatchObject({ customer_id: a.wang.id, status: "paid", amount: "15.00", paid_amount: "15.00" });
    expect((order("E-100").paid_at as Date).toISOString()).toBe("2024-01-01T02:00:00.000Z");
    // Products: SKU-A, SKU-B, SKU-C new (from the lines), SKU-OLD kept as it was; SKU-D's order failed.
    expect(s.products.map((p) => [p.sku, p.name, p.category, p.price])).toEqual([
      ["SKU-A", "商品A", "服饰", "50.00"], ["SKU-B", "商品B", "服饰", "100.00"], ["SKU-C", "商品C", null, "5.00"], ["SKU-OLD", "旧商品", null, "10.00"],
    ]);
    expect(s.items).toHaveLength(2 + 1 + 1 + 2);
    for (const t of await totalsConsistent(a.admin)) expect(t.amount, t.order_no).toBe(t.lines);
    // What the import created carries its id (for an undo).
    const { rows } = await withTenantPg(a.admin, (c) => c.query(
      `SELECT (SELECT count(*) FROM orders WHERE tenant_id = $1 AND import_id = $2)::int AS orders,
              (SELECT count(*) FROM order_items WHERE tenant_id = $1 AND import_id = $2)::int AS items,
              (SELECT count(*) FROM products WHERE tenant_id = $1 AND import_id = $2)::int AS products`, [a.admin.tenantId, importId]));
    expect(rows[0]).toEqual({ orders: 3, items: 5, products: 3 });
  });

  it("says why each failed row failed, in the problems CSV", async () => {
    const rows = await errorCsv(a.admin, importId);
    const line = (row: number) => rows.filter((r) => r[0] === String(row)).map((r) => r[4]);
    expect(line(6)).toEqual(["row 6: 数量 'abc' is not a whole number"]);
    expect(line(7)).toEqual(["row 7: another line of this order (row 6) could not be imported, so the whole order was left out"]);
    expect(line(8)[0]).toMatch(/^row 8: matches one customer by Buyer account \(channel id\) and another by Customer e-mail/);
    expect(line(11)[0]).toMatch(/^row 11: /);
    expect(line(12)).toEqual(["row 12: 单价 '99999999999.00' is too large an amount to store"]);
    expect(line(4)).toEqual(["row 4: 订单金额 '15.00' differs from the sum of the order's lines (10.00); the order's amount is the lines' sum"]);
    expect(rows).toHaveLength(1 + 6);
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await commerceSnapshot(a.admin);
    const again = await importFile(a.admin, file, "again.csv", "orderLines");
    const j = await job(a.admin, again);
    expect(j).toMatchObject({ createdCount: 0, updatedCount: 0, skippedCount: 6, failedCount: 5 });
    expect(j!.report).toMatchObject({ unchanged: 6, details: { ordersCreated: 0, ordersUpdated: 0, customersCreated: 0, productsCreated: 0 } });
    expect(await commerceSnapshot(a.admin)).toEqual(before);
  });

  it("never links or changes tenant B's customers, products or orders", async () => {
    expect(await commerceSnapshot(b.t.owner)).toEqual(bBefore);
    const s = await commerceSnapshot(a.admin);
    const bIds = new Set([b.customer.id]);
    expect(s.orders.some((o) => bIds.has(o.customer_id as string))).toBe(false);
    expect(s.products.find((p) => p.sku === "SKU-A")!.name).toBe("商品A");
  });
});

describe("who may import order lines", () => {
  it("refuses someone without order:create (a sales assistant), and creates nothing", async () => {
    const t = await createTenant("OrderLinesPerm");
    const staff = await addMember(t, "sales_staff");
    const up = await uploadAs(staff, file, "x.csv", "orderLines");
    expect(up.status).toBe(403);
    expect(await withTenant(t.owner, (tx) => tx.importJob.count())).toBe(0);
  });
});

describe("update policies on existing orders", () => {
  it("skip leaves an existing order as it is and counts its lines as skipped", async () => {
    const a = await tenantA("OrderLinesSkip");
    const id = await importFile(a.admin, file, "skip.csv", "orderLines", { policy: "skip" });
    const j = await job(a.admin, id);
    expect(j).toMatchObject({ createdCount: 4, updatedCount: 0, skippedCount: 2, failedCount: 5 });
    expect(j!.report).toMatchObject({ existingSkipped: 2 });
    const e100 = (await commerceSnapshot(a.admin)).orders.find((o) => o.order_no === "E-100")!;
    expect(e100).toMatchObject({ amount: "10.00", paid_at: null });
  });

  it("overwrite replaces a line that differs and the header's values", async () => {
    const { admin } = await tenantA("OrderLinesOverwrite");
    await importFile(admin, file, "first.csv", "orderLines");
    const changed = Buffer.from(file.toString("utf8").replace("O-3,2024-03-03 12:00,2024-03-03 12:01,已付款,京东,jd_new3,李四,13800000002,,,SKU-A,商品A,服饰,1,50",
      "O-3,2024-03-03 12:00,2024-03-03 12:01,已完成,京东,jd_new3,李四,13800000002,,,SKU-A,商品A,服饰,3,50"));
    const id = await importFile(admin, changed, "second.csv", "orderLines", { policy: "overwrite" });
    const j = await job(admin, id);
    // Row 5: its line (quantity 3) and its order's status both change: one row, updated.
    expect(j).toMatchObject({ createdCount: 0, updatedCount: 1, skippedCount: 5, failedCount: 5 });
    const o3 = (await commerceSnapshot(admin)).orders.find((o) => o.order_no === "O-3")!;
    expect(o3).toMatchObject({ status: "received", amount: "150.00", paid_amount: "150.00" });
    for (const x of await totalsConsistent(admin)) expect(x.amount, x.order_no).toBe(x.lines);
  });
});

