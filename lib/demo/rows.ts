// The rows the generator emits, one type per table, fields named like the columns
// (camelCase). tenant_id is not here: the loader stamps it. Money is a decimal
// string ("5999.00"), as pg returns numeric; dates without time are "YYYY-MM-DD".

export type DepartmentRow = { id: string; parentId: string | null; name: string; kind: "region" | "store" | "team" };

export type StoreRow = {
  id: string; code: string; name: string; kind: "store" | "online"; departmentId: string;
  province: string | null; city: string | null; district: string | null; openedAt: string | null;
};

export type ProductRow = { id: string; sku: string; name: string; category: string; brand: string; price: string };

export type MemberTierRow = { id: string; rank: number; name: string; threshold: string; benefits: string };

export type TagRow = { id: string; name: string; color: string };

export type CustomerRow = {
  id: string; externalId: string; name: string; gender: "M" | "F" | "U"; birthday: string | null;
  phone: string; email: string | null; province: string; city: string; district: string; address: string;
  occupation: string | null; interests: string[]; sourceChannel: string; ownerUserId: string | null;
  homeStoreId: string; departmentId: string; firstOrderAt: Date | null; lastOrderAt: Date | null;
  createdAt: Date; updatedAt: Date;
};

export type CustomerIdentityRow = { id: string; customerId: string; channel: string; externalId: string; createdAt: Date };

export type CustomerTagRow = { customerId: string; tagId: string; createdAt: Date };

export type OrderStatus = "created" | "paid" | "shipped" | "received" | "refunded" | "cancelled";

export type OrderRow = {
  id: string; orderNo: string; customerId: string; channel: string; storeId: string; status: OrderStatus;
  orderedAt: Date; paidAt: Date | null; shippedAt: Date | null; receivedAt: Date | null; reviewedAt: Date | null;
  refundedAt: Date | null; amount: string; discount: string; paidAmount: string; createdAt: Date;
};

export type OrderItemRow = { id: string; orderId: string; productId: string; quantity: number; unitPrice: string; amount: string };

export type MemberRow = { id: string; customerId: string; memberNo: string; tierId: string; joinedAt: Date; pointsBalance: number; createdAt: Date };

export type TierChangeRow = { id: string; memberId: string; fromTierId: string | null; toTierId: string; reason: string; changedAt: Date };

export type PointsLedgerRow = {
  id: string; memberId: string; delta: number; balanceAfter: number;
  reason: "order" | "refund" | "redeem" | "interaction" | "referral"; orderId: string | null; createdAt: Date;
};

export type InteractionRow = {
  id: string; customerId: string; channel: "sms" | "email" | "wechat" | "call" | "visit" | "web"; type: string;
  userId: string | null; pointsEarned: number; note: string | null; occurredAt: Date;
};

export type ServiceTicketRow = {
  id: string; customerId: string; kind: "consultation" | "complaint" | "suggestion" | "praise"; status: "open" | "closed";
  subject: string; body: string | null; assigneeUserId: string | null; openedAt: Date; closedAt: Date | null;
};

export type ReferralRow = { id: string; referrerCustomerId: string; referredCustomerId: string; referredAt: Date; rewardPoints: number };

/** Everything one customer brings, generated together so it is consistent. */
export type CustomerBundle = {
  index: number;
  customer: CustomerRow;
  identities: CustomerIdentityRow[];
  tags: CustomerTagRow[];
  member: MemberRow | null;
  tierChanges: TierChangeRow[];
  orders: OrderRow[];
  items: OrderItemRow[];
  points: PointsLedgerRow[];
  interactions: InteractionRow[];
  tickets: ServiceTicketRow[];
  referral: ReferralRow | null;
};

/** Cents to the decimal string numeric columns take. */
export function money(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
