// Moving an order along its life by hand (order:update): placed → paid → shipped →
// received, placed → cancelled, and paid, shipped or received → refunded. The step's
// time is set to now (a time already recorded is kept), and paying sets the paid
// amount (amount − discount), as imports do. The order must be inside the scope of
// the caller's order:update grant (on its customer); another tenant's order, one
// outside the scope, and a step the order cannot take are refused without a change.
// The status the form was opened with travels along, so two people acting at once
// cannot both apply a step.
import type { AuthContext } from "@/lib/auth/context";
import { scopeWhere } from "@/lib/auth/data-scope";
import { writeAudit } from "@/lib/audit/log";
import { customerScope } from "@/lib/customers/scope";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { z } from "zod";

export const ORDER_STEPS = ["paid", "shipped", "received", "cancelled", "refunded"] as const;
export type OrderStep = (typeof ORDER_STEPS)[number];

const NEXT: Record<string, readonly OrderStep[]> = {
  created: ["paid", "cancelled"],
  paid: ["shipped", "refunded"],
  shipped: ["received", "refunded"],
  received: ["refunded"],
};

export function nextSteps(status: string): readonly OrderStep[] {
  return NEXT[status] ?? [];
}

export const orderStepSchema = z.object({
  id: z.guid(),
  /** The status shown when the form was rendered. */
  from: z.string().min(1).max(50),
  status: z.enum(ORDER_STEPS),
});

const TIME_OF: Partial<Record<OrderStep, "paidAt" | "shippedAt" | "receivedAt" | "refundedAt">> = {
  paid: "paidAt", shipped: "shippedAt", received: "receivedAt", refunded: "refundedAt",
};

export async function setOrderStatus(ctx: AuthContext, input: z.output<typeof orderStepSchema>): Promise<{ id: string; status: OrderStep }> {
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "order:update");
    const order = await tx.order.findFirst({
      where: {
        tenantId: ctx.tenantId, id: input.id,
        customer: { AND: [{ deletedAt: null }, scopeWhere(scope, { owner: "ownerUserId", department: "departmentId" })] },
      },
    });
    if (!order) throw new AppError("not_found", "orders.error.notFound");
    if (order.status !== input.from) throw new AppError("conflict", "orders.error.stale");
    if (!nextSteps(order.status).includes(input.status)) {
      throw new AppError("validation", "orders.error.step", { from: order.status, to: input.status });
    }
    const now = new Date();
    const column = TIME_OF[input.status];
    const data: Record<string, unknown> = { status: input.status };
    if (column && !order[column]) data[column] = now;
    if (input.status === "paid") data.paidAmount = order.amount.minus(order.discount);
    // Guarded on the status read above: a concurrent step makes this match no row.
    const { count } = await tx.order.updateMany({ where: { tenantId: ctx.tenantId, id: order.id, status: order.status }, data });
    if (count !== 1) throw new AppError("conflict", "orders.error.stale");
    await writeAudit(tx, ctx, { action: "order.status", entity: "order", entityId: order.id, before: { status: order.status }, after: { status: input.status } });
    return { id: order.id, status: input.status };
  });
}
