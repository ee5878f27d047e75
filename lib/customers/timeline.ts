// The 360 view's lifecycle timeline: one list, newest first, merged from the
// customer's registration, each order's status timestamps, interactions, service
// tickets and campaign touches. Pure, so the merge rules are unit-tested.

export type OrderStep = "ordered" | "paid" | "shipped" | "received" | "reviewed" | "refunded";

export type TimelineEvent =
  | { kind: "registered"; at: Date }
  | { kind: "order"; at: Date; step: OrderStep; orderId: string; orderNo: string }
  | { kind: "interaction"; at: Date; channel: string; type: string; note: string | null; campaignName: string | null }
  | { kind: "ticket"; at: Date; step: "opened" | "closed"; ticketKind: string; subject: string }
  | { kind: "touch"; at: Date; channel: string; status: string; campaignName: string | null };

export type TimelineOrder = {
  id: string; orderNo: string; orderedAt: Date; paidAt: Date | null; shippedAt: Date | null;
  receivedAt: Date | null; reviewedAt: Date | null; refundedAt: Date | null;
};
export type TimelineInteraction = { occurredAt: Date; channel: string; type: string; note: string | null; campaignName: string | null };
export type TimelineTicket = { openedAt: Date; closedAt: Date | null; kind: string; subject: string };
export type TimelineTouch = { createdAt: Date; sentAt: Date | null; channel: string; status: string; campaignName: string | null };

export type TimelineSources = {
  registeredAt: Date | null;
  orders: TimelineOrder[];
  interactions: TimelineInteraction[];
  tickets: TimelineTicket[];
  touches: TimelineTouch[];
};

// Steps of one order in the order they happen, so equal timestamps still read in sequence.
const STEP_RANK: Record<string, number> = { ordered: 0, paid: 1, shipped: 2, received: 3, reviewed: 4, refunded: 5, opened: 0, closed: 1 };

export function buildTimeline(src: TimelineSources, limit = 60): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  if (src.registeredAt) events.push({ kind: "registered", at: src.registeredAt });
  for (const o of src.orders) {
    const steps: [OrderStep, Date | null][] = [
      ["ordered", o.orderedAt], ["paid", o.paidAt], ["shipped", o.shippedAt],
      ["received", o.receivedAt], ["reviewed", o.reviewedAt], ["refunded", o.refundedAt],
    ];
    for (const [step, at] of steps) if (at) events.push({ kind: "order", at, step, orderId: o.id, orderNo: o.orderNo });
  }
  for (const i of src.interactions) {
    events.push({ kind: "interaction", at: i.occurredAt, channel: i.channel, type: i.type, note: i.note, campaignName: i.campaignName });
  }
  for (const t of src.tickets) {
    events.push({ kind: "ticket", at: t.openedAt, step: "opened", ticketKind: t.kind, subject: t.subject });
    if (t.closedAt) events.push({ kind: "ticket", at: t.closedAt, step: "closed", ticketKind: t.kind, subject: t.subject });
  }
  for (const m of src.touches) {
    events.push({ kind: "touch", at: m.sentAt ?? m.createdAt, channel: m.channel, status: m.status, campaignName: m.campaignName });
  }
  const rank = (e: TimelineEvent) => ("step" in e ? STEP_RANK[e.step] ?? 0 : 0);
  return events
    .sort((a, b) => b.at.getTime() - a.at.getTime() || rank(b) - rank(a))
    .slice(0, limit);
}
