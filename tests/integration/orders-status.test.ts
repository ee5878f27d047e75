// Updating an order's status by hand (order:update): the allowed steps set their
// time and the paid amount; an impossible step, a stale form, a user without the
// permission, one whose scope does not cover the order and another tenant's owner
// are all refused without a change.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants, createCustomer } from "@/tests/factories/customers";
import { addProduct, addStoreOrder } from "@/tests/factories/products";
import { withTenant } from "@/lib/db/tenant";
import { setOrderStatusAction } from "@/app/(app)/orders/[id]/actions";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

let a: TestTenant;
let b: TestTenant;
let admin: { tenantId: string; userId: string };
let sales: { tenantId: string; userId: string };
let ownOnly: { tenantId: string; userId: string };
let orderId: string;

const read = () => withTenant(admin, (tx) => tx.order.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: orderId } } }));

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("StatusA"), createTenant("StatusB")]);
  admin = await addMember(a, "admin");
  sales = await addMember(a, "sales_staff");
  ownOnly = await addMemberWithGrants(a, [["order:read", "own"], ["order:update", "own"]]);
  const product = await addProduct(a, { name: "Mate 70" });
  const customer = await createCustomer(a, { name: "王小明", ownerUserId: sales.userId });
  orderId = (await addStoreOrder(a, customer.id, { orderedAt: new Date("2025-01-10T04:00:00Z"), items: [{ productId: product.id, quantity: 2, unitPrice: "100.00" }] })).id;
  await withTenant(admin, (tx) => tx.order.update({ where: { tenantId_id: { tenantId: a.tenantId, id: orderId } }, data: { discount: "20.00" } }));
});

describe("order status steps", () => {
  it("refuses users without order:update, outside its scope, and another tenant's owner", async () => {
    signInAs(sales);
    expect(await setOrderStatusAction({ id: orderId, from: "created", status: "paid" })).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(ownOnly);
    expect(await setOrderStatusAction({ id: orderId, from: "created", status: "paid" })).toMatchObject({ ok: false, code: "not_found" });
    signInAs(b.owner);
    expect(await setOrderStatusAction({ id: orderId, from: "created", status: "paid" })).toMatchObject({ ok: false, code: "not_found" });
    expect((await read()).status).toBe("created");
  });

  it("marks an order paid, with its time and paid amount, then refuses a stale or impossible step", async () => {
    signInAs(admin);
    const before = Date.now();
    expect(await setOrderStatusAction({ id: orderId, from: "created", status: "paid" })).toMatchObject({ ok: true, data: { status: "paid" } });
    const paid = await read();
    expect(paid.status).toBe("paid");
    expect(paid.paidAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(paid.paidAmount.toString()).toBe("180");
    // The same click from a page still showing "created".
    expect(await setOrderStatusAction({ id: orderId, from: "created", status: "paid" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await setOrderStatusAction({ id: orderId, from: "paid", status: "received" })).toMatchObject({
      ok: false, code: "validation", message: "An order with status “paid” cannot be marked “received”.",
    });
    expect(await setOrderStatusAction({ id: orderId, from: "paid", status: "shipped" })).toMatchObject({ ok: true });
    expect(await setOrderStatusAction({ id: orderId, from: "shipped", status: "refunded" })).toMatchObject({ ok: true });
    const refunded = await read();
    expect([refunded.status, refunded.shippedAt !== null, refunded.refundedAt !== null, refunded.paidAt!.getTime()]).toEqual(["refunded", true, true, paid.paidAt!.getTime()]);
    expect(await setOrderStatusAction({ id: orderId, from: "refunded", status: "paid" })).toMatchObject({ ok: false, code: "validation" });
    const audit = await withTenant(admin, (tx) => tx.auditLog.count({ where: { entity: "order", entityId: orderId, action: "order.status" } }));
    expect(audit).toBe(3);
  });
});
