// Order statuses and what "paid" means for the order screens. The status column
// is free text (imports bring their own words); these are the ones the app names
// (messages customers.orderStatus.<status>).
import { Prisma } from "@/lib/generated/prisma/client.ts";

export const ORDER_STATUSES = ["created", "paid", "shipped", "received", "refunded", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The payment filter: paid and not refunded; never paid; refunded. */
export const PAYMENT_STATES = ["paid", "unpaid", "refunded"] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/**
 * A purchase, as the analytics count it (docs/analytics.md): paid, and not refunded
 * (a `refunded` status without a refund time counts as refunded). Alias `o`.
 */
export const PURCHASE_SQL = Prisma.sql`(o.paid_at IS NOT NULL AND o.refunded_at IS NULL AND o.status <> 'refunded')`;

export function paymentSql(state: PaymentState): Prisma.Sql {
  switch (state) {
    case "paid": return PURCHASE_SQL;
    case "unpaid": return Prisma.sql`(o.paid_at IS NULL AND o.refunded_at IS NULL AND o.status <> 'refunded')`;
    case "refunded": return Prisma.sql`(o.refunded_at IS NOT NULL OR o.status = 'refunded')`;
  }
}

export function statusLabelKey(status: string): string {
  return `customers.orderStatus.${status}`;
}
