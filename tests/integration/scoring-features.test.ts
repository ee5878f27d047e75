// Per-customer features on a hand-made tenant whose answers are worked out by
// hand below: same-day orders, refunds before and after the as-of date, unpaid
// and cancelled orders, a payment just before and just after midnight in the
// tenant's time zone (Asia/Shanghai, UTC+8), tickets, interactions, categories.
import { beforeAll, describe, expect, it } from "vitest";
import { computeFeatures } from "@/lib/analytics/features/compute";
import { withTenantPg } from "@/lib/db/tenant";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addInteraction, addTicket, createCustomer } from "@/tests/factories/customers";
import { addHandOrder } from "@/tests/factories/orders";

let t: TestTenant;
let other: TestTenant;
const ids: Record<string, string> = {};
/** A time in Shanghai, e.g. at("2026-03-20 00:30"). */
const at = (local: string) => new Date(`${local.replace(" ", "T")}:00+08:00`);

beforeAll(async () => {
  [t, other] = await Promise.all([createTenant("Features"), createTenant("FeaturesOther")]);
  for (const name of ["alice", "bob", "carol", "dave"]) ids[name] = (await createCustomer(t, { name })).id;
  ids.gone = (await createCustomer(t, { name: "gone", deletedAt: new Date() })).id;

  // Alice: 4 purchases on 3 days, one refunded order, one unpaid, items in two categories.
  await addHandOrder(t.owner, ids.alice!, { paidAt: at("2026-01-05 10:00"), paidAmount: "100.00", channel: "store", category: "手机" });
  await addHandOrder(t.owner, ids.alice!, { paidAt: at("2026-01-05 15:00"), paidAmount: "50.00", channel: "tmall" });
  await addHandOrder(t.owner, ids.alice!, { paidAt: at("2026-02-10 12:00"), paidAmount: "200.00", channel: "store", category: "保护配件" });
  await addHandOrder(t.owner, ids.alice!, { paidAt: at("2026-03-01 12:00"), refundedAt: at("2026-03-03 09:00"), status: "refunded", paidAmount: "80.00", category: "手机" });
  await addHandOrder(t.owner, ids.alice!, { paidAmount: "999.00", status: "created" });
  // 00:30 on 20 March in Shanghai is still 19 March in UTC: the day is the tenant's.
  await addHandOrder(t.owner, ids.alice!, { paidAt: at("2026-03-20 00:30"), paidAmount: "70.00", channel: "jd", category: "保护配件" });

  // Bob: pays at 23:30 on the as-of day (counts) and at 00:10 the next day (does not).
  await addHandOrder(t.owner, ids.bob!, { paidAt: at("2026-03-31 23:30"), paidAmount: "99.90", channel: "wechat" });
  await addHandOrder(t.owner, ids.bob!, { paidAt: at("2026-04-01 00:10"), paidAmount: "500.00", channel: "wechat" });
  await addTicket(t, ids.bob!, { kind: "complaint", subject: "late", openedAt: at("2026-03-10 09:00") });
  await addTicket(t, ids.bob!, { kind: "consultation", subject: "question", openedAt: at("2026-03-11 09:00") });
  await addTicket(t, ids.bob!, { kind: "complaint", subject: "after", openedAt: at("2026-04-02 09:00") });
  await addInteraction(t, ids.bob!, { channel: "call", type: "care", occurredAt: at("2026-02-01 10:00") });
  await addInteraction(t, ids.bob!, { channel: "wechat", type: "care", occurredAt: at("2026-03-31 22:00") });
  await addInteraction(t, ids.bob!, { channel: "sms", type: "care", occurredAt: at("2026-04-01 08:00") });

  // Carol: one order refunded only after the as-of date (a purchase then), one marked
  // refunded without a refund time (never a purchase, one refund), one cancelled.
  await addHandOrder(t.owner, ids.carol!, { paidAt: at("2026-02-01 12:00"), refundedAt: at("2026-04-05 12:00"), status: "refunded", paidAmount: "300.00" });
  await addHandOrder(t.owner, ids.carol!, { paidAt: at("2026-02-15 12:00"), status: "refunded", paidAmount: "40.00" });
  await addHandOrder(t.owner, ids.carol!, { paidAt: at("2026-02-16 12:00"), status: "cancelled", paidAmount: "60.00" });

  // Dave never paid; a deleted customer's purchase does not count.
  await addHandOrder(t.owner, ids.dave!, { paidAmount: "10.00", status: "cancelled" });
  await addHandOrder(t.owner, ids.gone!, { paidAt: at("2026-03-05 12:00"), paidAmount: "10.00" });

  // Another tenant's purchase is never read.
  const stranger = await createCustomer(other, { name: "stranger" });
  await addHandOrder(other.owner, stranger.id, { paidAt: at("2026-03-05 12:00"), paidAmount: "10.00" });
});

type Row = Record<string, unknown>;

async function features(asOf: string): Promise<Map<string, Row>> {
  return withTenantPg(t.owner, async (client) => {
    const { customers } = await computeFeatures(client, t.owner, asOf, "Asia/Shanghai");
    const { rows } = await client.query(
      `SELECT customer_id, first_purchase::text, last_purchase::text, purchase_days, orders, total_paid::text, mean_paid::text,
              repeat_paid::text, tenure_days, recency_days, refunds, complaints, interactions, channels, top_channel,
              categories, top_category
       FROM customer_features WHERE as_of = $1::date`,
      [asOf],
    );
    expect(rows).toHaveLength(customers);
    return new Map(rows.map((r) => [r.customer_id as string, r]));
  });
}

describe("customer features", () => {
  it("as of 31 March: purchases, days, amounts, tenure, refunds, tickets, interactions, channels and categories", async () => {
    const f = await features("2026-03-31");
    expect([...f.keys()].sort()).toEqual([ids.alice, ids.bob, ids.carol].sort());
    expect(f.get(ids.alice!)).toMatchObject({
      first_purchase: "2026-01-05", last_purchase: "2026-03-20",
      purchase_days: 3, orders: 4, total_paid: "420.00", mean_paid: "105.00",
      // 420 minus the 150 paid on the first day
      repeat_paid: "270.00",
      // 5 Jan → 31 Mar: 26 + 28 + 31 days; 20 → 31 Mar: 11
      tenure_days: 85, recency_days: 11,
      refunds: 1, complaints: 0, interactions: 0,
      channels: 3, top_channel: "store",
      categories: 2, top_category: "保护配件",
    });
    expect(f.get(ids.bob!)).toMatchObject({
      first_purchase: "2026-03-31", last_purchase: "2026-03-31", purchase_days: 1, orders: 1,
      total_paid: "99.90", mean_paid: "99.90", repeat_paid: "0.00", tenure_days: 0, recency_days: 0,
      refunds: 0, complaints: 1, interactions: 2, channels: 1, top_channel: "wechat", categories: 0, top_category: null,
    });
    expect(f.get(ids.carol!)).toMatchObject({
      first_purchase: "2026-02-01", last_purchase: "2026-02-01", purchase_days: 1, orders: 1,
      total_paid: "300.00", repeat_paid: "0.00", tenure_days: 58, recency_days: 58, refunds: 1,
    });
  });

  it("as of 28 February: only what had happened by then", async () => {
    const f = await features("2026-02-28");
    expect([...f.keys()].sort()).toEqual([ids.alice, ids.carol].sort());
    expect(f.get(ids.alice!)).toMatchObject({
      purchase_days: 2, orders: 3, total_paid: "350.00", repeat_paid: "200.00", tenure_days: 54, recency_days: 18,
      refunds: 0, channels: 2, top_channel: "store", categories: 2, top_category: "保护配件",
    });
    // Carol's order with status 'refunded' and no refund time counts as refunded all along.
    expect(f.get(ids.carol!)).toMatchObject({ purchase_days: 1, total_paid: "300.00", refunds: 1 });
  });

  it("as of 1 April: Bob's payment at 00:10 and Carol's refund are in; re-computing replaces the day", async () => {
    const f = await features("2026-04-01");
    expect(f.get(ids.bob!)).toMatchObject({ orders: 2, purchase_days: 2, total_paid: "599.90", repeat_paid: "500.00", interactions: 3 });
    expect(f.get(ids.carol!)).toMatchObject({ purchase_days: 1, total_paid: "300.00" });
    const again = await features("2026-04-01");
    expect(again.size).toBe(f.size);
    const counts = await withTenantPg(t.owner, (c) => c.query("SELECT as_of::text, count(*)::int AS n FROM customer_features GROUP BY 1 ORDER BY 1"));
    expect(counts.rows).toEqual([
      { as_of: "2026-02-28", n: 2 }, { as_of: "2026-03-31", n: 3 }, { as_of: "2026-04-01", n: 3 },
    ]);
  });

  it("the other tenant sees none of these rows", async () => {
    const rows = await withTenantPg(other.owner, (c) => c.query("SELECT count(*)::int AS n FROM customer_features"));
    expect(rows.rows[0].n).toBe(0);
  });
});
