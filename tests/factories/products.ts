// Products, and orders that reference given products and stores, for the commerce
// tests (tests/factories/customers.ts addOrder makes a new product per item).
// Written through the app's tenant-bound path (withTenant, RLS on).
import { randomUUID } from "node:crypto";
import { withTenant } from "@/lib/db/tenant";
import type { TestTenant } from "@/tests/factories/tenants";

export async function addProduct(tenant: TestTenant, input: { name: string; sku?: string; category?: string | null; brand?: string | null; price?: string | null }) {
  return withTenant(tenant.owner, (tx) =>
    tx.product.create({
      data: {
        tenantId: tenant.tenantId, sku: input.sku ?? `SKU-${randomUUID().slice(0, 8)}`, name: input.name,
        category: input.category ?? null, brand: input.brand ?? null, price: input.price ?? null,
      },
    }),
  );
}

export type StoreOrderInput = {
  orderNo?: string; channel?: string; storeId?: string | null; status?: string; orderedAt: Date;
  paidAt?: Date | null; shippedAt?: Date | null; receivedAt?: Date | null; reviewedAt?: Date | null; refundedAt?: Date | null;
  items?: { productId: string; quantity: number; unitPrice: string }[];
};

/** An order whose amount is the sum of its items; paid amount is the amount when paid, else 0. */
export async function addStoreOrder(tenant: TestTenant, customerId: string, input: StoreOrderInput) {
  return withTenant(tenant.owner, async (tx) => {
    const items = input.items ?? [];
    const amount = items.reduce((s, i) => s + i.quantity * Number(i.unitPrice), 0).toFixed(2);
    const order = await tx.order.create({
      data: {
        tenantId: tenant.tenantId, orderNo: input.orderNo ?? `NO-${randomUUID().slice(0, 10)}`, customerId,
        channel: input.channel ?? "store", storeId: input.storeId ?? null, status: input.status ?? "created", orderedAt: input.orderedAt,
        paidAt: input.paidAt ?? null, shippedAt: input.shippedAt ?? null, receivedAt: input.receivedAt ?? null,
        reviewedAt: input.reviewedAt ?? null, refundedAt: input.refundedAt ?? null,
        amount, paidAmount: input.paidAt ? amount : "0",
      },
    });
    for (const item of items) {
      await tx.orderItem.create({
        data: {
          tenantId: tenant.tenantId, orderId: order.id, productId: item.productId, quantity: item.quantity,
          unitPrice: item.unitPrice, amount: (item.quantity * Number(item.unitPrice)).toFixed(2),
        },
      });
    }
    return order;
  });
}
