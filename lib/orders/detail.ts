// One order with its items and the times of its life (placed, paid, shipped,
// received, reviewed, refunded). Read inside the caller's tenant (RLS) and the
// data scope of their order:read grant on the order's customer: another tenant's
// order, one outside the scope, one of a deleted customer and a malformed id all
// give null (the page's 404), so the page never confirms that an id exists.
import { can, type AuthContext } from "@/lib/auth/context";
import { scopeWhere } from "@/lib/auth/data-scope";
import { customerScope } from "@/lib/customers/scope";
import { withTenant } from "@/lib/db/tenant";
import { tenantDisplay } from "@/lib/orders/queries";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ORDER_EVENTS = ["ordered", "paid", "shipped", "received", "reviewed", "refunded"] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

export type OrderDetail = {
  id: string;
  orderNo: string;
  customer: { id: string; name: string };
  channel: string;
  store: { id: string; name: string; code: string } | null;
  status: string;
  amount: string;
  discount: string;
  paidAmount: string;
  campaign: { id: string; name: string } | null;
  items: { id: string; product: { id: string; name: string; sku: string }; quantity: number; unitPrice: string; amount: string }[];
  /** Every step with its time, or null when the order has not reached it. */
  events: { event: OrderEvent; at: Date | null }[];
  timeZone: string;
  currency: string;
};

export async function getOrder(ctx: AuthContext, id: string): Promise<OrderDetail | null> {
  if (!UUID.test(id)) return null;
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "order:read");
    const o = await tx.order.findFirst({
      where: {
        tenantId: ctx.tenantId, id,
        customer: { AND: [{ deletedAt: null }, scopeWhere(scope, { owner: "ownerUserId", department: "departmentId" })] },
      },
      include: {
        customer: { select: { id: true, name: true } },
        items: { include: { product: { select: { id: true, name: true, sku: true } } }, orderBy: [{ amount: "desc" }, { id: "asc" }] },
      },
    });
    if (!o) return null;
    const store = o.storeId
      ? await tx.store.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: o.storeId } }, select: { id: true, name: true, code: true } })
      : null;
    // The attributed campaign is named only to those who may read campaigns.
    const campaign = o.campaignId && can(ctx, "campaign:read")
      ? await tx.campaign.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: o.campaignId } }, select: { id: true, name: true } })
      : null;
    const display = await tenantDisplay(tx, ctx.tenantId);
    const times: Record<OrderEvent, Date | null> = {
      ordered: o.orderedAt, paid: o.paidAt, shipped: o.shippedAt, received: o.receivedAt, reviewed: o.reviewedAt, refunded: o.refundedAt,
    };
    return {
      id: o.id, orderNo: o.orderNo, customer: o.customer, channel: o.channel, store, status: o.status,
      amount: o.amount.toString(), discount: o.discount.toString(), paidAmount: o.paidAmount.toString(), campaign,
      items: o.items.map((i) => ({
        id: i.id, product: i.product, quantity: i.quantity, unitPrice: i.unitPrice.toString(), amount: i.amount.toString(),
      })),
      events: ORDER_EVENTS.map((event) => ({ event, at: times[event] })),
      ...display,
    };
  });
}
