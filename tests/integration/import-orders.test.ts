// Order files and order-items files (two files, as lib/import/fields.ts defines
// them) end to end on a real worker: orders by order no. with their customers
// matched or created, then their lines by order no. and SKU, which must exist.
// Counts hand-checked; totals equal the sum of the lines; importing the items file
// again adds nothing.
import { describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { sessionModuleMock } from "@/tests/support/session";
import { addMember, createTenant } from "@/tests/factories/tenants";
import { addIdentity, createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { withTestWorker } from "@/tests/support/test-worker";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

const { commerceSnapshot, errorCsv, importFile, job } = await import("@/tests/fixtures/import/jobs/import-driver");

const orders = readFileSync("tests/fixtures/import/jobs/orders.csv");
const items = readFileSync("tests/fixtures/import/jobs/order-items.csv");
withTestWorker();

describe("an order file, then its items file", () => {
  it("creates orders with their customers, then adds the lines; totals are the lines' sum; a second items file adds nothing", async () => {
    // Tenant B has the same phone and order no.: never linked.
    const b = await createTenant("OrdersB");
    const bc = await createCustomer(b, { name: "B", phone: "+8613600000001" });
    await withTenant(b.owner, (tx) => tx.order.create({ data: { tenantId: b.tenantId, orderNo: "A-1", customerId: bc.id, channel: "store", orderedAt: new Date() } }));
    const bBefore = await commerceSnapshot(b.owner);

    const t = await createTenant("OrdersA");
    const admin = await addMember(t, "admin");
    const wang = await createCustomer(t, { name: "老王", phone: "+8613900000001" });
    await addIdentity(t, wang.id, "tmall", "tb_old");
    await withTenant(t.owner, async (tx) => {
      const p = await tx.product.create({ data: { tenantId: t.tenantId, sku: "SKU-OLD", name: "旧商品", price: "10" } });
      const o = await tx.order.create({ data: { tenantId: t.tenantId, orderNo: "E-100", customerId: wang.id, channel: "store", status: "paid", orderedAt: new Date("2024-01-01T01:00:00Z"), paidAt: new Date("2024-01-01T01:00:00Z"), amount: "10", paidAmount: "10" } });
      await tx.orderItem.create({ data: { tenantId: t.tenantId, orderId: o.id, productId: p.id, quantity: 1, unitPrice: "10", amount: "10" } });
    });

    const oid = await importFile(admin, orders, "订单.csv", "orders");
    const oj = await job(admin, oid);
    // Rows 2–4 created; 5 repeats row 2; 6 has no customer key; 7 (E-100) exists and fill_empty has nothing to fill.
    expect(oj).toMatchObject({ totalRows: 6, createdCount: 3, updatedCount: 0, skippedCount: 2, failedCount: 1 });
    expect(oj!.report).toMatchObject({ duplicates: 1, unchanged: 1, cleanFailed: 1, details: { ordersCreated: 3, customersCreated: 1 } });
    let s = await commerceSnapshot(admin);
    const order = (no: string) => s.orders.find((o) => o.order_no === no)!;
    const buyer = s.customers.find((c) => c.phone === "+8613600000001")!;
    expect(order("A-1")).toMatchObject({ customer_id: buyer.id, channel: "store", status: "paid", amount: "0.00" });
    expect(order("A-2")).toMatchObject({ customer_id: buyer.id, channel: "tmall", status: "received", amount: "88.00", paid_amount: "88.00" });
    expect(order("A-3")).toMatchObject({ customer_id: wang.id, channel: "other", status: "created" });
    expect(order("E-100")).toMatchObject({ status: "paid", amount: "10.00" });
    expect(s.customers).toHaveLength(2);

    const iid = await importFile(admin, items, "明细.csv", "orderItems");
    const ij = await job(admin, iid);
    // Rows 2, 3 added to A-1; 4: no order A-9; 5: no product X1; 6 pairs E-100's stored line; 7: quantity 0.
    expect(ij).toMatchObject({ totalRows: 6, createdCount: 2, updatedCount: 0, skippedCount: 1, failedCount: 3 });
    const rows = await errorCsv(admin, iid);
    const line = (row: number) => rows.filter((r) => r[0] === String(row)).map((r) => r[4]);
    expect(line(4)).toEqual(["row 4: 订单号 'A-9' does not exist"]);
    expect(line(5)).toEqual(["row 5: 商品编码 'X1' does not exist"]);
    expect(line(7)[0]).toMatch(/^row 7: 数量 '0' /);
    s = await commerceSnapshot(admin);
    expect(order("A-1")).toMatchObject({ amount: "40.00", paid_amount: "40.00" });
    expect(order("E-100")).toMatchObject({ amount: "10.00" });
    expect(s.items.filter((i) => i.order_id === order("A-1").id)).toHaveLength(2);

    const before = await commerceSnapshot(admin);
    const again = await job(admin, await importFile(admin, items, "again.csv", "orderItems"));
    expect(again).toMatchObject({ createdCount: 0, updatedCount: 0, skippedCount: 3, failedCount: 3 });
    const ordersAgain = await job(admin, await importFile(admin, orders, "again.csv", "orders"));
    expect(ordersAgain).toMatchObject({ createdCount: 0, updatedCount: 0, failedCount: 1 });
    expect(await commerceSnapshot(admin)).toEqual(before);
    expect(await commerceSnapshot(b.owner)).toEqual(bBefore);

    // Each import queued a scoring run of its tenant (lib/imports/run.ts), which the
    // worker runs: the buyers of the imported orders (paid per their status, the file
    // has no paid time) are scored; tenant B, which imported nothing, has no run.
    const runs = (who: Parameters<typeof withTenant>[0]) =>
      withTenant(who, (tx) => tx.scoringRun.findMany({ where: { status: "succeeded" }, orderBy: { asOf: "desc" } }));
    const scored = (asOf: Date) => withTenant(admin, (tx) => tx.customerScore.findMany({ where: { asOf }, select: { customerId: true } }));
    let ids: string[] = [];
    for (let waited = 0; ids.length < 2 && waited < 30_000; waited += 250) {
      const [run] = await runs(admin);
      ids = run ? (await scored(run.asOf)).map((x) => x.customerId).sort() : [];
      if (ids.length < 2) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ids).toEqual([buyer.id, wang.id].sort());
    expect(await runs(b.owner)).toEqual([]);
  });
});
