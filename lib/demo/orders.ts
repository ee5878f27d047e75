// A customer's orders: when (the purchase model on the shopping calendar), where
// (their home store, another store in the region, or an online shop; festivals pull
// people online), what (a phone of their favourite brand with the accessories people
// buy with it, or accessories on their own), for how much, and what happened next
// (paid, shipped, received, reviewed, refunded, or never paid), as of the end.
import { chinaDate, chinaDay, isOnlineFestival, timeOnDay, DAY_MS } from "@/lib/demo/calendar";
import { ORDER_PREFIX, PHONE_BRANDS, type Brand, type Channel, type ProductKind } from "@/lib/demo/catalog";
import type { Profile } from "@/lib/demo/customers";
import { drawRates, repeatPurchaseDays } from "@/lib/demo/purchase-model";
import { WeightedSampler, type Random } from "@/lib/demo/random";
import { money, type OrderItemRow, type OrderRow, type OrderStatus } from "@/lib/demo/rows";
import type { DemoWorld, ProductRef, StoreRef } from "@/lib/demo/world";

const MINUTE = 60_000;
const HOUR = 3_600_000;

export type PlannedOrder = {
  at: number; channel: Channel; store: StoreRef; festival: boolean;
  /** The purchase that made them a customer. */
  first: boolean;
};

const CHANNELS: readonly Channel[] = ["store", "tmall", "jd", "wechat"];
const CHANNEL_MIX: Record<Channel, number> = { store: 0.35, tmall: 0.22, jd: 0.2, wechat: 0.23 };

function chooseChannel(source: Channel, festival: boolean, rng: Random): Channel {
  // Most people keep to the channel they came from; festivals pull them online.
  const weights = CHANNELS.map((c) => {
    let w = (c === source ? 0.55 : 0) + 0.45 * CHANNEL_MIX[c];
    if (festival && (c === "tmall" || c === "jd")) w *= 2.5;
    if (festival && c === "wechat") w *= 1.5;
    return w;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rng.float() * total;
  for (let i = 0; i < CHANNELS.length; i++) if ((x -= weights[i]!) < 0) return CHANNELS[i]!;
  return source;
}

function storeFor(world: DemoWorld, profile: Profile, channel: Channel, rng: Random): StoreRef {
  if (channel !== "store") return world.onlineShops[channel];
  if (rng.chance(0.85)) return profile.home;
  return rng.pick(world.storesByRegion.get(profile.home.region!)!);
}

/**
 * When and where the customer orders, the first order at acquisition; strictly
 * increasing times. Only orders inside the written window are returned.
 */
export function planOrders(world: DemoWorld, profile: Profile, rng: Random): PlannedOrder[] {
  if (!profile.buyer) return [];
  const { span, window } = world;
  const festivalOn = (t: number) => isOnlineFestival(chinaDate(t));
  const plans: PlannedOrder[] = [{
    at: profile.acquiredAt, channel: profile.source, store: storeFor(world, profile, profile.source, rng),
    festival: festivalOn(profile.acquiredAt), first: true,
  }];
  const { lambda, p } = drawRates(world.model, rng);
  for (const day of repeatPurchaseDays(world.shopping, profile.acquiredAt, lambda, p, rng)) {
    const festival = festivalOn(span.start + day * DAY_MS + DAY_MS / 2);
    const channel = chooseChannel(profile.source, festival, rng);
    let at = timeOnDay(span, day, channel !== "store", rng);
    const previous = plans[plans.length - 1]!.at;
    if (at <= previous) at = previous + rng.int(10, 180) * MINUTE;
    if (at >= window.end) break;
    plans.push({ at, channel, store: storeFor(world, profile, channel, rng), festival, first: false });
  }
  return plans.filter((plan) => plan.at >= window.start);
}

type Catalog = { phones: Map<Brand, ProductRef[]>; accessories: Map<ProductKind, ProductRef[]> };
const catalogs = new WeakMap<DemoWorld, Catalog>();

function catalogOf(world: DemoWorld): Catalog {
  let c = catalogs.get(world);
  if (!c) {
    c = { phones: new Map(), accessories: new Map() };
    for (const p of world.products) {
      if (p.def.kind === "phone") c.phones.set(p.def.fits!, [...(c.phones.get(p.def.fits!) ?? []), p]);
      else c.accessories.set(p.def.kind, [...(c.accessories.get(p.def.kind) ?? []), p]);
    }
    catalogs.set(world, c);
  }
  return c;
}

function weightedPick<T>(items: readonly T[], weight: (item: T) => number, rng: Random): T | undefined {
  let total = 0;
  for (const it of items) total += weight(it);
  if (total <= 0) return undefined;
  let x = rng.float() * total;
  for (const it of items) if ((x -= weight(it)) < 0) return it;
  return items[items.length - 1];
}

function pickPhone(world: DemoWorld, profile: Profile, brand: Brand, at: number, rng: Random): ProductRef {
  const phones = catalogOf(world).phones.get(brand)!;
  const chosen = weightedPick(phones, (p) => {
    if (p.launchedAt > at) return 0;
    const months = (at - p.launchedAt) / (30 * DAY_MS);
    const age = months < 2 ? 1.4 : Math.exp(-months / 18); // new models sell best, then fade
    const price = p.def.price;
    const budget = profile.budget === "low" ? (price <= 2500 ? 2.5 : price > 5000 ? 0.15 : 0.8)
      : profile.budget === "high" ? (price >= 5000 ? 2.2 : price <= 2000 ? 0.25 : 0.9)
      : (price >= 2000 && price <= 6000 ? 1.6 : 0.6);
    return p.def.weight * age * budget;
  }, rng);
  // Before any model of the brand was launched (a window far in the past): its oldest.
  return chosen ?? phones.reduce((a, b) => (a.launchedAt <= b.launchedAt ? a : b));
}

function pickAccessory(world: DemoWorld, kind: ProductKind, brand: Brand, rng: Random): ProductRef | undefined {
  const list = catalogOf(world).accessories.get(kind) ?? [];
  return weightedPick(list, (p) => (p.def.fits === undefined || p.def.fits === brand ? p.def.weight : 0), rng);
}

const ADD_ON: readonly [ProductKind, number, number][] = [
  // kind, chance with an Apple phone, chance with another phone
  ["film", 0.65, 0.6], ["case", 0.6, 0.5], ["charger", 0.45, 0.12], ["care", 0.35, 0.22],
  ["earbuds", 0.14, 0.1], ["watch", 0.05, 0.05], ["powerbank", 0.05, 0.06], ["cable", 0.08, 0.06],
];
const ALONE = new WeightedSampler<ProductKind>(["film", "case", "cable", "charger", "earbuds", "powerbank", "watch"],
  [25, 20, 14, 12, 13, 8, 8]);

type Line = { product: ProductRef; quantity: number };

function basket(world: DemoWorld, profile: Profile, at: number, first: boolean, lastPhoneAt: number | null, rng: Random): Line[] {
  const sinceLastPhone = lastPhoneAt === null ? Infinity : (at - lastPhoneAt) / DAY_MS;
  const phoneChance = first ? 0.68 : profile.corporate ? 0.45 : sinceLastPhone < 300 ? 0.07 : 0.22;
  const lines: Line[] = [];
  const brand = rng.chance(0.8) ? profile.brand : rng.pick(PHONE_BRANDS);
  if (rng.chance(phoneChance)) {
    const quantity = profile.corporate && rng.chance(0.4) ? rng.int(2, 6) : 1;
    lines.push({ product: pickPhone(world, profile, brand, at, rng), quantity });
    for (const [kind, apple, other] of ADD_ON) {
      if (!rng.chance(brand === "Apple" ? apple : other)) continue;
      const product = pickAccessory(world, kind, brand, rng);
      if (product) lines.push({ product, quantity: kind === "film" || kind === "case" ? quantity : 1 });
    }
    return lines;
  }
  const kinds = new Set<ProductKind>();
  for (let n = rng.chance(0.7) ? 1 : rng.int(2, 3); kinds.size < n;) kinds.add(ALONE.sample(rng));
  for (const kind of kinds) {
    const product = pickAccessory(world, kind, brand, rng);
    if (product) lines.push({ product, quantity: (kind === "film" || kind === "cable") && rng.chance(0.2) ? 2 : 1 });
  }
  return lines;
}

type Lifecycle = Pick<OrderRow, "status" | "paidAt" | "shippedAt" | "receivedAt" | "reviewedAt" | "refundedAt">;

/** What happened to the order, cut at the end of the window (later events have not happened yet). */
function lifecycle(plan: PlannedOrder, end: number, rng: Random): Lifecycle {
  const online = plan.channel !== "store";
  const none = { paidAt: null, shippedAt: null, receivedAt: null, reviewedAt: null, refundedAt: null };
  if (rng.chance(online ? 0.06 : 0.005)) {
    // Never paid: the platform closes unpaid orders after 30 minutes.
    return { status: plan.at + 30 * MINUTE <= end ? "cancelled" : "created", ...none };
  }
  const paid = plan.at + (online ? Math.min(Math.round(rng.exponential(1 / 90_000)), 25 * MINUTE) : rng.int(1, 6) * MINUTE);
  let shipped: number | null = null, received: number, reviewed: number | null = null, refunded: number | null = null;
  if (online) {
    shipped = paid + (plan.festival ? rng.int(12, 96) : rng.int(3, 36)) * HOUR;
    received = shipped + rng.int(20, 110) * HOUR;
    if (rng.chance(0.35)) reviewed = received + rng.int(1, 240) * HOUR;
  } else {
    received = paid + rng.int(3, 20) * MINUTE; // handed over at the counter
    if (rng.chance(0.08)) reviewed = received + rng.int(1, 72) * HOUR;
  }
  if (rng.chance(online ? 0.04 : 0.015)) {
    if (online && rng.chance(0.35)) {
      refunded = paid + rng.int(1, 30) * HOUR; // cancelled before it shipped
      if (refunded < shipped!) { shipped = null; received = Infinity; reviewed = null; }
      else refunded = received + rng.int(1, 7) * DAY_MS;
    } else {
      refunded = received + rng.int(1, 7) * DAY_MS; // returned within the 7-day no-reason window
      if (rng.chance(0.7)) reviewed = null;
    }
  }
  const happened = (t: number | null) => (t !== null && t < end ? t : null);
  const paidAt = happened(paid), shippedAt = happened(shipped), receivedAt = happened(received);
  const reviewedAt = receivedAt === null ? null : happened(reviewed);
  const refundedAt = happened(refunded);
  const status: OrderStatus = refundedAt !== null ? "refunded" : receivedAt !== null ? "received" : shippedAt !== null ? "shipped" : "paid";
  const d = (t: number | null) => (t === null ? null : new Date(t));
  return { status, paidAt: d(paidAt), shippedAt: d(shippedAt), receivedAt: d(receivedAt), reviewedAt: d(reviewedAt), refundedAt: d(refundedAt) };
}

function promotionCents(plan: PlannedOrder, amountCents: number, rng: Random): number {
  const online = plan.channel !== "store";
  let cents = 0;
  if (plan.festival && rng.chance(online ? 0.75 : 0.4)) {
    cents = Math.round((amountCents * (online ? rng.int(5, 12) : rng.int(3, 6))) / 100 / 100) * 100;
  } else if (online && rng.chance(0.25)) {
    const coupon = [20, 50, 100, 200].filter((c) => amountCents >= c * 100 * 10);
    if (coupon.length) cents = rng.pick(coupon) * 100;
  } else if (!online && rng.chance(0.1)) {
    cents = Math.round((amountCents * rng.int(2, 5)) / 100 / 100) * 100;
  }
  return Math.min(cents, Math.max(0, amountCents - 100));
}

export type OrderDraft = {
  order: OrderRow;
  items: OrderItemRow[];
  amountCents: number;
  discountCents: number;
  hasPhone: boolean;
};

export type Sequences = { order: number; item: number };

export function draftOrder(
  world: DemoWorld, profile: Profile, plan: PlannedOrder, lastPhoneAt: number | null, seq: Sequences, rng: Random,
): OrderDraft {
  const orderSeq = seq.order++;
  const id = world.ids("order")(orderSeq);
  const itemId = world.ids("order_item");
  const lines = basket(world, profile, plan.at, plan.first, lastPhoneAt, rng);
  let amountCents = 0;
  const items: OrderItemRow[] = lines.map((l) => {
    const cents = l.product.cents * l.quantity;
    amountCents += cents;
    return { id: itemId(seq.item++), orderId: id, productId: l.product.id, quantity: l.quantity, unitPrice: l.product.price, amount: money(cents) };
  });
  const life = lifecycle(plan, world.window.end, rng);
  const discountCents = promotionCents(plan, amountCents, rng);
  const orderedAt = new Date(plan.at);
  return {
    order: {
      id, orderNo: `${ORDER_PREFIX[plan.channel]}${chinaDay(plan.at).replaceAll("-", "")}${String(orderSeq + 1).padStart(8, "0")}`,
      customerId: profile.id, channel: plan.channel, storeId: plan.store.id, ...life, orderedAt,
      amount: money(amountCents), discount: money(discountCents),
      paidAmount: money(life.paidAt ? amountCents - discountCents : 0), createdAt: orderedAt,
    },
    items, amountCents, discountCents, hasPhone: lines.some((l) => l.product.def.kind === "phone"),
  };
}

/** Points spent at checkout (100 points = ¥1) lower what the customer paid. */
export function applyPointsDiscount(draft: OrderDraft, cents: number): void {
  draft.discountCents += cents;
  draft.order.discount = money(draft.discountCents);
  if (draft.order.paidAt) draft.order.paidAmount = money(draft.amountCents - draft.discountCents);
}

export function paidCents(draft: OrderDraft): number {
  return draft.order.paidAt ? draft.amountCents - draft.discountCents : 0;
}
