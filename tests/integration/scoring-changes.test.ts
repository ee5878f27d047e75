// The nightly run from the last run's features (lib/analytics/features/changes.ts):
// after a first run, every kind of change the triggers must notice is made — a
// new purchase, a refund, an order dated ahead, a complaint, an interaction, a
// soft delete, orders moved to another customer, a deleted order, a new order
// item — and the next day's run must recompute exactly those customers and write
// the same features and scores as a run that computes everyone. Anything the
// shortcut cannot see through (a product's category, an import-sized statement, a
// past day) makes the run compute everyone; another tenant's changes are neither
// counted nor visible.
import { beforeAll, describe, expect, it } from "vitest";
import { currentSnapshot, planFeatures, saveBase } from "@/lib/analytics/features/changes";
import { scoreAsOf, type ScoringRunResult } from "@/lib/analytics/scoring/run";
import { appPgPool } from "@/lib/db/pools";
import { withTenantPg } from "@/lib/db/tenant";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addInteraction, addTicket, createCustomer } from "@/tests/factories/customers";
import { addHandOrder } from "@/tests/factories/orders";

/** Today in Shanghai (the tenants' zone) plus `days`, as YYYY-MM-DD. */
const day = (days: number) => {
  const local = new Date(Date.now() + 8 * 3600_000);
  local.setUTCDate(local.getUTCDate() + days);
  return local.toISOString().slice(0, 10);
};
/** Noon (or `hour`) in Shanghai on day(days). */
const at = (days: number, hour = 12) => new Date(`${day(days)}T${String(hour).padStart(2, "0")}:00:00+08:00`);

// Bases are runs of days not yet over: day 2 and day 4 from today.
const DAY1 = day(2);
const DAY2 = day(4);

let t: TestTenant;
let other: TestTenant;
const ids: Record<string, string> = {};
const orderOf: Record<string, string> = {};

async function sql<T extends object = Record<string, unknown>>(tenant: TestTenant, text: string, params: unknown[] = []): Promise<T[]> {
  return withTenantPg(tenant.owner, async (c) => (await c.query<T & import("pg").QueryResultRow>(text, params)).rows);
}

const FEATURES = `SELECT customer_id, first_purchase::text, last_purchase::text, purchase_days, orders, total_paid::text, mean_paid::text,
  repeat_paid::text, tenure_days, recency_days, refunds, complaints, interactions, channels, top_channel, categories, top_category
  FROM customer_features WHERE as_of = $1::date ORDER BY customer_id`;
const SCORES = `SELECT customer_id, recency_days, frequency, monetary::text, r_score, f_score, m_score, rfm_segment, p_alive,
  expected_purchases_90, predicted_clv::text, churn_risk, churn_method
  FROM customer_scores WHERE as_of = $1::date ORDER BY customer_id`;

beforeAll(async () => {
  [t, other] = await Promise.all([createTenant("Changes"), createTenant("ChangesOther")]);
  const names = ["a", "b", "c", "c2", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"];
  for (const name of names) ids[name] = (await createCustomer(t, { name })).id;
  for (const [n, name] of names.entries()) {
    await addHandOrder(t.owner, ids[name]!, { paidAt: at(-200 + 7 * n), paidAmount: `${100 + n}.00`, channel: "store", category: "手机" });
    await addHandOrder(t.owner, ids[name]!, { paidAt: at(-60 + n), paidAmount: `${50 + n}.00`, channel: n % 2 ? "tmall" : "store" });
  }
  orderOf.b = (await addHandOrder(t.owner, ids.b!, { paidAt: at(-5), paidAmount: "70.00" })).id;
  orderOf.i = (await addHandOrder(t.owner, ids.i!, { paidAt: at(-3), paidAmount: "30.00" })).id;
  orderOf.j = (await addHandOrder(t.owner, ids.j!, { paidAt: at(-2), paidAmount: "40.00", category: "耳机" })).id;
  // Dated ahead when written: C's falls between the two runs' days, C2's after both.
  await addHandOrder(t.owner, ids.c!, { paidAt: at(3), paidAmount: "66.00", channel: "jd" });
  await addHandOrder(t.owner, ids.c2!, { paidAt: at(7), paidAmount: "77.00", channel: "jd" });
  const stranger = await createCustomer(other, { name: "stranger" });
  ids.stranger = stranger.id;
  await addHandOrder(other.owner, stranger.id, { paidAt: at(-10), paidAmount: "10.00" });
});

describe("the nightly run from the last run", () => {
  let second: ScoringRunResult;

  it("computes everyone when there is no earlier run, and leaves itself as the next run's base", async () => {
    const first = await scoreAsOf(t.owner, DAY1);
    expect(first.features).toEqual({ mode: "all", reason: "no earlier run to start from" });
    expect(first.customers).toBe(15);
    const [base] = await sql<{ as_of: string; customers: number }>(t, "SELECT as_of::text, customers FROM scoring_bases");
    expect(base).toEqual({ as_of: DAY1, customers: 15 });
    // What it absorbed is gone; the two orders dated ahead are still due.
    const left = await sql<{ customer_id: string }>(t, "SELECT customer_id FROM scoring_changes ORDER BY customer_id");
    expect(left.map((r) => r.customer_id).sort()).toEqual([ids.c, ids.c2].sort());
  });

  it("recomputes exactly the customers whose rows changed, or whose dated event came due", async () => {
    await addHandOrder(t.owner, ids.a!, { paidAt: at(3), paidAmount: "20.00", channel: "wechat" });
    await sql(t, "UPDATE orders SET status = 'refunded', refunded_at = now() WHERE id = $1", [orderOf.b]);
    await addTicket(t, ids.d!, { kind: "complaint", subject: "late", openedAt: new Date() });
    await addInteraction(t, ids.e!, { channel: "call", type: "care", occurredAt: new Date() });
    await sql(t, "UPDATE customers SET deleted_at = now() WHERE id = $1", [ids.f]);
    await sql(t, "UPDATE orders SET customer_id = $2 WHERE customer_id = $1", [ids.g, ids.h]);
    await sql(t, "DELETE FROM orders WHERE id = $1", [orderOf.i]);
    await sql(
      t,
      `INSERT INTO order_items (tenant_id, order_id, product_id, quantity, unit_price, amount)
       SELECT tenant_id, $1, id, 1, 5, 5 FROM products WHERE sku = 'CAT-手机'`,
      [orderOf.j],
    );
    // A customer whose soft delete is undone before the run is recomputed too, and is back.
    await sql(t, "UPDATE customers SET deleted_at = now() WHERE id = $1", [ids.k]);
    await sql(t, "UPDATE customers SET deleted_at = NULL WHERE id = $1", [ids.k]);
    // Another tenant's change is not this tenant's.
    await addHandOrder(other.owner, ids.stranger!, { paidAt: at(3), paidAmount: "10.00" });

    second = await scoreAsOf(t.owner, DAY2);
    expect(second.features).toEqual({ mode: "changed", base: DAY1, changed: 11 });
    expect(second.customers).toBe(13); // F is deleted, G has no orders left

    const rows = new Map((await sql<Record<string, unknown>>(t, FEATURES, [DAY2])).map((r) => [r.customer_id as string, r]));
    expect(rows.has(ids.f!)).toBe(false);
    expect(rows.has(ids.g!)).toBe(false);
    expect(rows.get(ids.a!)).toMatchObject({ orders: 3, purchase_days: 3, last_purchase: day(3), channels: 2 });
    expect(rows.get(ids.b!)).toMatchObject({ orders: 2, refunds: 1 });
    expect(rows.get(ids.c!)).toMatchObject({ orders: 3, last_purchase: day(3), total_paid: "220.00", top_channel: "store" });
    expect(rows.get(ids.c2!)).toMatchObject({ orders: 2, recency_days: 4 - (-60 + 3) });
    expect(rows.get(ids.d!)).toMatchObject({ complaints: 1 });
    expect(rows.get(ids.e!)).toMatchObject({ interactions: 1 });
    expect(rows.get(ids.h!)).toMatchObject({ orders: 4 });
    expect(rows.get(ids.i!)).toMatchObject({ orders: 2 });
    expect(rows.get(ids.j!)).toMatchObject({ categories: 2, top_category: "手机" });
    // Untouched: carried over, two days older.
    expect(rows.get(ids.n!)).toMatchObject({ orders: 2, recency_days: 4 - (-60 + 14), tenure_days: 4 - (-200 + 7 * 14) });
  });

  it("writes the same features and scores as a run that computes everyone", async () => {
    const features = await sql(t, FEATURES, [DAY2]);
    const scores = await sql(t, SCORES, [DAY2]);
    const full = await scoreAsOf(t.owner, DAY2, { allCustomers: true });
    expect(full.features.mode).toBe("all");
    expect(await sql(t, FEATURES, [DAY2])).toEqual(features);
    expect(await sql(t, SCORES, [DAY2])).toEqual(scores);
    expect(scores).toHaveLength(13);
  });

  it("computes everyone after a product's category changes or an import-sized statement", async () => {
    await sql(t, "UPDATE products SET category = '手机壳' WHERE sku = 'CAT-耳机'");
    const afterCategory = await scoreAsOf(t.owner, day(5));
    expect(afterCategory.features).toEqual({ mode: "all", reason: "a change touched every customer (an import, a product's category)" });
    expect((await sql(t, FEATURES, [day(5)])).find((r) => r.customer_id === ids.j)).toMatchObject({ top_category: "手机" });

    const quiet = await scoreAsOf(t.owner, day(6));
    expect(quiet.features).toEqual({ mode: "changed", base: day(5), changed: 0 });
    // Everyone carried: complaints, interactions and categories come with them.
    const carried = new Map((await sql<Record<string, unknown>>(t, FEATURES, [day(6)])).map((r) => [r.customer_id as string, r]));
    expect(carried.get(ids.d!)).toMatchObject({ complaints: 1, interactions: 0 });
    expect(carried.get(ids.e!)).toMatchObject({ complaints: 0, interactions: 1 });
    expect(carried.get(ids.j!)).toMatchObject({ categories: 2, top_category: "手机" });
    expect(carried.get(ids.n!)).toMatchObject({ categories: 1, top_category: "手机", recency_days: 6 - (-60 + 14) });

    // A day's interactions at once stay per customer; an import-sized statement is everyone.
    const bulk = (n: number) => sql(
      t,
      `INSERT INTO interactions (tenant_id, customer_id, channel, type, occurred_at)
       SELECT (SELECT app_current_tenant()), $1, 'sms', 'care', now() - n * interval '1 second' FROM generate_series(1, $2::int) n`,
      [ids.l, n],
    );
    await bulk(12_000);
    // L, and C2, whose order dated ahead comes due on day 7 with no write since.
    expect((await scoreAsOf(t.owner, day(7))).features).toEqual({ mode: "changed", base: day(6), changed: 2 });
    expect((await sql(t, FEATURES, [day(7)])).find((r) => r.customer_id === ids.c2)).toMatchObject({ orders: 3, last_purchase: day(7) });
    await bulk(200_001);
    const afterImport = await scoreAsOf(t.owner, day(8));
    expect(afterImport.features.mode).toBe("all");
    expect((await sql(t, FEATURES, [day(8)])).find((r) => r.customer_id === ids.l)).toMatchObject({ interactions: 212_001 });
  });

  it("keeps a change committed while a run was reading: the next run still recomputes it", async () => {
    // A writer's transaction is open when the run takes its snapshot and commits before the run saves its base.
    const writer = await appPgPool().connect();
    try {
      await writer.query("BEGIN");
      await writer.query("SELECT set_config('app.tenant_id', $1, true)", [t.tenantId]);
      await writer.query(
        `INSERT INTO orders (tenant_id, order_no, customer_id, channel, status, ordered_at, paid_at, amount, paid_amount)
         VALUES ($1, 'LATE-1', $2, 'store', 'paid', now(), now(), 9, 9)`,
        [t.tenantId, ids.m],
      );
      const plan = await withTenantPg(t.owner, async (c) => {
        const snapshot = await currentSnapshot(c);
        await writer.query("COMMIT");
        const [b] = (await c.query<{ cutoff: Date; customers: number }>("SELECT cutoff, customers FROM scoring_bases")).rows;
        await saveBase(c, { ...snapshot, asOf: day(8), cutoff: b!.cutoff, timeZone: "Asia/Shanghai", customers: b!.customers });
        return planFeatures(c, day(9), "Asia/Shanghai");
      });
      expect(plan).toMatchObject({ mode: "changed", changed: 1 });
      const changed = await withTenantPg(t.owner, async (c) => {
        await planFeatures(c, day(9), "Asia/Shanghai");
        return (await c.query<{ customer_id: string }>("SELECT customer_id FROM scoring_changed")).rows.map((r) => r.customer_id);
      });
      expect(changed).toEqual([ids.m]);
    } finally {
      await writer.query("ROLLBACK").catch(() => undefined);
      writer.release();
    }
  });

  it("leaves no base after a run of a past day, so the next run computes everyone", async () => {
    const fresh = await createTenant("ChangesPast");
    const who = await createCustomer(fresh, { name: "x" });
    await addHandOrder(fresh.owner, who.id, { paidAt: at(-30), paidAmount: "10.00" });
    await scoreAsOf(fresh.owner, day(-1));
    expect(await sql(fresh, "SELECT * FROM scoring_bases")).toEqual([]);
    expect((await scoreAsOf(fresh.owner, day(1))).features).toEqual({ mode: "all", reason: "no earlier run to start from" });
    expect((await scoreAsOf(fresh.owner, day(2))).features).toEqual({ mode: "changed", base: day(1), changed: 0 });
  });

  it("keeps each tenant's changes and base to itself", async () => {
    const mine = await sql<{ n: number }>(other, "SELECT count(*)::int AS n FROM scoring_changes WHERE customer_id = ANY($1::uuid[])", [Object.values(ids)]);
    expect(mine[0]!.n).toBeGreaterThan(0); // the stranger's own orders
    const theirs = await sql<{ n: number }>(other, "SELECT count(*)::int AS n FROM scoring_changes WHERE tenant_id = $1", [t.tenantId]);
    expect(theirs[0]!.n).toBe(0);
    expect(await sql(other, "SELECT * FROM scoring_bases WHERE tenant_id = $1", [t.tenantId])).toEqual([]);
    await expect(
      sql(other, "INSERT INTO scoring_bases (tenant_id, as_of, snapshot, cutoff, time_zone, customers) VALUES ($1, now(), '1:1:', now(), 'UTC', 0)", [t.tenantId]),
    ).rejects.toThrow(/row-level security/);
    await expect(sql(other, "INSERT INTO scoring_changes (tenant_id, customer_id) VALUES ($1, NULL)", [t.tenantId])).rejects.toThrow(/row-level security/);
  });
});
