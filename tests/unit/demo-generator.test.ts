// The demo generator without a database: the same seed gives the same rows, and
// the data looks like a phone retailer's (valid unique mobiles, orders inside the
// window with consistent timestamps and amounts, 双11 and 618 busier than March,
// repeat buyers and churners, ledgers that add up, customers owned by their store).
import { beforeAll, describe, expect, it } from "vitest";
import { isValidPhoneNumber, parsePhoneNumber } from "libphonenumber-js";
import { chinaDate, endOfChinaDay } from "@/lib/demo/calendar";
import { STORES } from "@/lib/demo/catalog";
import { DemoGenerator } from "@/lib/demo/generate";
import { copyField } from "@/lib/demo/load";
import { uuidFactory } from "@/lib/demo/random";
import type { CustomerBundle } from "@/lib/demo/rows";
import { buildWorld, type DemoOptions, type DemoWorld } from "@/lib/demo/world";

const staffId = uuidFactory("unit-test")("staff");
const staff = new Map(STORES.map((s, i) => [s.code, [staffId(2 * i), staffId(2 * i + 1)]]));
const OPTIONS: DemoOptions = { seed: "unit", customers: 3000, orders: 22_500, end: endOfChinaDay("2026-06-30") };

function generate(options: DemoOptions, limit = options.customers) {
  const world = buildWorld(options, staff);
  const gen = new DemoGenerator(world);
  const bundles: CustomerBundle[] = [];
  for (const b of gen.bundles()) {
    bundles.push(b);
    if (bundles.length >= limit) break;
  }
  return { world, bundles };
}

let world: DemoWorld;
let bundles: CustomerBundle[];
const orders = () => bundles.flatMap((b) => b.orders);
const cents = (s: string) => Math.round(Number(s) * 100);

beforeAll(() => {
  ({ world, bundles } = generate(OPTIONS));
});

describe("determinism", () => {
  it("gives the same rows for the same seed and end", () => {
    const again = generate(OPTIONS, 200).bundles;
    expect(JSON.stringify(again)).toEqual(JSON.stringify(bundles.slice(0, 200)));
  });

  it("gives other rows for another seed, with other ids", () => {
    const other = generate({ ...OPTIONS, seed: "another" }, 50).bundles;
    expect(other[0]!.customer.id).not.toEqual(bundles[0]!.customer.id);
    expect(other.map((b) => b.customer.name)).not.toEqual(bundles.slice(0, 50).map((b) => b.customer.name));
  });

  it("uses valid, unique uuids", () => {
    const ids = [...bundles.map((b) => b.customer.id), ...orders().map((o) => o.id), ...bundles.flatMap((b) => b.items.map((i) => i.id))];
    for (const id of ids.slice(0, 2000)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("customers", () => {
  it("have valid Chinese mobile numbers in E.164, never shared", () => {
    const phones = bundles.map((b) => b.customer.phone);
    for (const phone of phones) {
      expect(isValidPhoneNumber(phone)).toBe(true);
      const parsed = parsePhoneNumber(phone);
      expect(parsed.country).toBe("CN");
      expect(parsed.format("E.164")).toBe(phone);
    }
    expect(new Set(phones).size).toBe(phones.length);
    const emails = bundles.map((b) => b.customer.email).filter(Boolean);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.length / bundles.length).toBeGreaterThan(0.15);
  });

  it("live where their home store is, and belong to its department and salespeople", () => {
    const byId = new Map(world.stores.map((s) => [s.id, s]));
    for (const { customer: c } of bundles) {
      const store = byId.get(c.homeStoreId)!;
      expect(store).toBeDefined();
      expect([c.province, c.city]).toEqual([store.province, store.city]);
      expect(c.departmentId).toBe(store.departmentId);
      expect(staff.get(store.code)).toContain(c.ownerUserId);
      expect(c.name.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("have first and last order times matching their paid orders", () => {
    for (const b of bundles) {
      const paid = b.orders.filter((o) => o.paidAt);
      expect(b.customer.firstOrderAt).toEqual(paid[0]?.orderedAt ?? null);
      expect(b.customer.lastOrderAt).toEqual(paid.at(-1)?.orderedAt ?? null);
    }
  });
});

describe("orders", () => {
  it("come within a few percent of the requested total", () => {
    expect(Math.abs(orders().length / OPTIONS.orders - 1)).toBeLessThan(0.1);
  });

  // Checked row by row into a list of problems: one expect per row is slow at this size.
  it("fall inside the window, with timestamps in lifecycle order", () => {
    const { start, end } = world.window;
    const problems: string[] = [];
    for (const o of orders()) {
      const t = o.orderedAt.getTime();
      if (t < start || t >= end) problems.push(`${o.orderNo}: ordered outside the window`);
      const times = [o.orderedAt, o.paidAt, o.shippedAt, o.receivedAt].filter((x): x is Date => x !== null).map((d) => d.getTime());
      if (times.some((x, i) => i > 0 && x < times[i - 1]!)) problems.push(`${o.orderNo}: lifecycle out of order`);
      if ([o.paidAt, o.shippedAt, o.receivedAt, o.reviewedAt, o.refundedAt].some((x) => x && x.getTime() >= end)) problems.push(`${o.orderNo}: event after the end`);
      if ((o.status === "cancelled" || o.status === "created") && o.paidAt) problems.push(`${o.orderNo}: unpaid status but paid`);
      if ((o.status === "refunded") !== (o.refundedAt !== null)) problems.push(`${o.orderNo}: refund status and time disagree`);
      if (o.status === "received" && !o.receivedAt) problems.push(`${o.orderNo}: received without a time`);
    }
    expect(problems).toEqual([]);
    const statuses = new Set(orders().map((o) => o.status));
    for (const s of ["received", "refunded", "cancelled"]) expect(statuses).toContain(s);
  });

  it("add up: items to the amount, amount minus discount to what was paid", () => {
    const problems: string[] = [];
    const itemsByOrder = new Map<string, number>();
    for (const i of bundles.flatMap((b) => b.items)) {
      if (cents(i.amount) !== cents(i.unitPrice) * i.quantity) problems.push(`item ${i.id}: amount ≠ price × quantity`);
      itemsByOrder.set(i.orderId, (itemsByOrder.get(i.orderId) ?? 0) + cents(i.amount));
    }
    for (const o of orders()) {
      if (itemsByOrder.get(o.id) !== cents(o.amount)) problems.push(`${o.orderNo}: items do not add up to the amount`);
      if (cents(o.discount) >= cents(o.amount)) problems.push(`${o.orderNo}: discount not below the amount`);
      if (cents(o.paidAmount) !== (o.paidAt ? cents(o.amount) - cents(o.discount) : 0)) problems.push(`${o.orderNo}: paid amount is off`);
    }
    expect(problems).toEqual([]);
  });

  it("peak on 双11 and 618 and before Spring Festival, not in March", () => {
    const perMonth = new Map<number, number>();
    const perDay = new Map<string, number>();
    for (const o of orders()) {
      const d = chinaDate(o.orderedAt.getTime());
      perMonth.set(d.month, (perMonth.get(d.month) ?? 0) + 1);
      const key = `${d.month}-${d.day}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    expect(perMonth.get(11)!).toBeGreaterThan(1.5 * perMonth.get(3)!);
    expect(perMonth.get(6)!).toBeGreaterThan(1.3 * perMonth.get(3)!);
    const days = orders().length / world.window.days;
    expect(perDay.get("11-11")! / 2).toBeGreaterThan(3 * days); // two 11/11s in the window
  });

  it("bring weekend crowds to the stores", () => {
    const store = orders().filter((o) => o.channel === "store");
    const weekend = store.filter((o) => [0, 6].includes(chinaDate(o.orderedAt.getTime()).weekday)).length;
    expect(weekend / store.length).toBeGreaterThan(2 / 7 * 1.1);
  });

  it("come from repeat buyers and one-time buyers alike", () => {
    const counts = bundles.map((b) => b.orders.length).filter((n) => n > 0);
    const repeat = counts.filter((n) => n > 1).length / counts.length;
    expect(repeat).toBeGreaterThan(0.4);
    expect(repeat).toBeLessThan(0.95);
    // Churners: active buyers whose last order is more than a year before the end.
    const lapsed = bundles.filter((b) => b.customer.lastOrderAt && world.window.end - b.customer.lastOrderAt.getTime() > 365 * 86_400_000);
    expect(lapsed.length / counts.length).toBeGreaterThan(0.1);
  });
});

describe("loyalty and service", () => {
  it("keeps every member's ledger adding up to the balance", () => {
    const members = bundles.filter((b) => b.member);
    expect(members.length / bundles.length).toBeGreaterThan(0.4);
    for (const b of members) {
      let balance = 0;
      for (const p of b.points) {
        balance += p.delta;
        expect(p.balanceAfter).toBe(balance);
        expect(balance).toBeGreaterThanOrEqual(0);
      }
      expect(b.member!.pointsBalance).toBe(balance);
      expect(b.member!.tierId).toBe(b.tierChanges.at(-1)!.toTierId);
    }
    const reasons = new Set(bundles.flatMap((b) => b.points.map((p) => p.reason)));
    for (const r of ["order", "redeem", "interaction"]) expect(reasons).toContain(r);
  });

  it("refers new customers to earlier customers of the same city", () => {
    const byId = new Map(bundles.map((b) => [b.customer.id, b.customer]));
    const referrals = bundles.flatMap((b) => (b.referral ? [b.referral] : []));
    expect(referrals.length).toBeGreaterThan(0);
    for (const r of referrals) {
      const referrer = byId.get(r.referrerCustomerId)!, referred = byId.get(r.referredCustomerId)!;
      expect(referrer.city).toBe(referred.city);
      expect(referrer.createdAt.getTime()).toBeLessThan(r.referredAt.getTime());
    }
  });

  it("has interactions, tickets, tags and channel ids of every kind", () => {
    expect(new Set(bundles.flatMap((b) => b.interactions.map((i) => i.channel)))).toEqual(new Set(["sms", "email", "wechat", "call", "visit", "web"]));
    expect(new Set(bundles.flatMap((b) => b.tickets.map((t) => t.kind)))).toEqual(new Set(["consultation", "complaint", "suggestion", "praise"]));
    expect(new Set(bundles.flatMap((b) => b.tickets.map((t) => t.status)))).toEqual(new Set(["open", "closed"]));
    expect(new Set(bundles.flatMap((b) => b.identities.map((i) => i.channel)))).toEqual(new Set(["tmall", "jd", "wechat"]));
    const ids = bundles.flatMap((b) => b.identities.map((i) => `${i.channel}:${i.externalId}`));
    expect(new Set(ids).size).toBe(ids.length);
    expect(bundles.some((b) => b.tags.length > 0)).toBe(true);
  });
});

describe("COPY text format", () => {
  it("escapes what COPY would misread and writes NULL, dates and arrays", () => {
    expect(copyField(null)).toBe("\\N");
    expect(copyField("a\tb\nc\\d")).toBe("a\\tb\\nc\\\\d");
    expect(copyField(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe("2026-01-02T03:04:05.000Z");
    expect(copyField(["摄影", "手游"])).toBe("{摄影,手游}");
    expect(copyField(["a,b", 'say "hi"', ""])).toBe('{"a,b","say \\\\"hi\\\\"",""}');
  });
});
