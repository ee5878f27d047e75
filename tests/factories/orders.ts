// Synthetic purchase histories drawn from a known BG/NBD (lib/analytics/models/
// simulate.ts) with Gamma-Gamma spend, plus noise orders the scoring must ignore
// (unpaid, cancelled, refunded), loaded set-based: COPY into a temporary table,
// then one INSERT … SELECT per table on the tenant-bound connection (COPY FROM is
// refused on tables with row-level security). Used by the scoring tests and by
// bench/scoring.ts.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { bgnbdExpectedPurchases, type BgNbdParams } from "@/lib/analytics/models/bgnbd";
import type { GammaGammaParams } from "@/lib/analytics/models/gamma-gamma";
import { gammaVariate, seededRandom, simulateBgNbd } from "@/lib/analytics/models/simulate";
import type { DayTransaction } from "@/lib/analytics/models/summary";
import { withTenantPg } from "@/lib/db/tenant";

export const CHANNELS = ["store", "tmall", "jd", "wechat"] as const;

export type SyntheticOrder = {
  customer: number;
  /** whole days since 1970-01-01, a calendar day in the tenant's time zone */
  day: number;
  amount: number;
  channel: string;
  /** "paid" counts as a purchase; the others are noise the features must skip */
  kind: "paid" | "unpaid" | "cancelled" | "refunded";
  /** day of the refund (kind "refunded") */
  refundDay?: number;
  /** product category of its one order item (when the generator was asked for items) */
  category?: string;
};

export type SyntheticTenant = {
  customerIds: string[];
  orders: SyntheticOrder[];
  /** the paid, not refunded orders as the model summaries take them */
  transactions: DayTransaction[];
  /** per customer, whether the simulation left them alive at the scoring date (the churners are the others) */
  alive?: boolean[];
};

export type SyntheticOptions = {
  /** BG/NBD parameters with alpha in days */
  params: BgNbdParams;
  spend?: GammaGammaParams;
  customers: number;
  /** the scoring date, days since 1970-01-01 */
  asOfDay: number;
  /** customers' observation windows T, uniform in days */
  minT?: number;
  maxT?: number;
  seed?: number;
  /** chance that a purchase day has a second order (same day: still one purchase) */
  secondOrderShare?: number;
  /** noise orders per customer on average (unpaid, cancelled, or paid and refunded) */
  noisePerCustomer?: number;
  /** product categories; each order gets one item of a random category */
  categories?: readonly string[];
};

/**
 * Draws (x, t_x, T) per customer from the BG/NBD, then the purchase times:
 * given x purchases of a Poisson process with the last at t_x, the first x − 1
 * are uniform on (0, t_x). Times become calendar days (purchases falling on one
 * day merge, so a customer's x in days can be a little lower than drawn).
 */
export function synthesizeTenant(o: SyntheticOptions): SyntheticTenant {
  const sim = simulateBgNbd(o.params, o.customers, { seed: o.seed ?? 7, minT: o.minT ?? 60, maxT: o.maxT ?? 540 });
  const rand = seededRandom((o.seed ?? 7) + 1);
  const spend = o.spend ?? { p: 6, q: 4, gamma: 100 };
  const orders: SyntheticOrder[] = [];
  const transactions: DayTransaction[] = [];
  const customerIds: string[] = [];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const noise = o.noisePerCustomer ?? 0;
  for (let i = 0; i < o.customers; i++) {
    customerIds.push(randomUUID());
    const T = Math.floor(sim.T[i]);
    const first = o.asOfDay - T;
    const offsets = new Set<number>([0]);
    const x = sim.frequency[i];
    const tx = sim.recency[i];
    const dayOf = (t: number) => Math.min(T, Math.max(1, Math.ceil(t)));
    if (x > 0) offsets.add(dayOf(tx));
    for (let k = 1; k < x; k++) offsets.add(dayOf(rand() * tx));
    // Gamma-Gamma: this customer's rate ν ~ Gamma(q, γ), each spend ~ Gamma(p, ν).
    const nu = gammaVariate(spend.q, rand) / spend.gamma;
    const channel = pick(CHANNELS);
    for (const off of [...offsets].sort((a, b) => a - b)) {
      const day = first + off;
      const amount = Math.max(0.01, Math.round((gammaVariate(spend.p, rand) / nu) * 100) / 100);
      transactions.push({ customerId: i, day, amount });
      const category = o.categories ? pick(o.categories) : undefined;
      if (rand() < (o.secondOrderShare ?? 0)) {
        const part = Math.max(0.01, Math.round(amount * 40) / 100);
        orders.push({ customer: i, day, amount: part, channel, kind: "paid", category });
        orders.push({ customer: i, day, amount: Math.round((amount - part) * 100) / 100, channel: pick(CHANNELS), kind: "paid", category });
      } else {
        orders.push({ customer: i, day, amount, channel, kind: "paid", category });
      }
    }
    for (let k = 0; rand() < noise / (1 + noise) && k < 5; k++) {
      const day = first + Math.floor(rand() * (T + 1));
      const kind = pick(["unpaid", "cancelled", "refunded"] as const);
      const refundDay = kind === "refunded" ? Math.min(o.asOfDay, day + 1 + Math.floor(rand() * 10)) : undefined;
      orders.push({ customer: i, day, amount: Math.round(rand() * 50_000) / 100, channel: channel, kind, refundDay });
    }
  }
  return { customerIds, orders, transactions, alive: Array.from(sim.alive, (v) => v === 1) };
}

/** The alpha (days) that gives about `repeatsPerCustomer` repeat purchases over windows uniform in [minT, maxT]. */
export function alphaForRepeats(shape: Omit<BgNbdParams, "alpha">, repeatsPerCustomer: number, minT: number, maxT: number): number {
  const mean = (alpha: number) => {
    let s = 0;
    for (let k = 0; k < 8; k++) s += bgnbdExpectedPurchases({ ...shape, alpha }, minT + ((k + 0.5) * (maxT - minT)) / 8);
    return s / 8;
  };
  let lo = 0.01;
  let hi = 1e5;
  for (let i = 0; i < 80; i++) {
    const mid = Math.sqrt(lo * hi);
    if (mean(mid) > repeatsPerCustomer) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

const copyLine = (cells: (string | number | null)[]) => cells.map((c) => (c === null ? "\\N" : String(c))).join("\t") + "\n";

async function copyRows(client: pg.PoolClient, sql: string, lines: Iterable<string>): Promise<void> {
  // ~256 KB chunks, as the import pipeline does.
  function* chunks() {
    let buf = "";
    for (const l of lines) {
      buf += l;
      if (buf.length >= 256 * 1024) {
        yield buf;
        buf = "";
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}

/**
 * Loads the customers and orders into the tenant (and products, one per
 * category, when orders carry categories). Paid times are noon of the day in the
 * tenant's time zone.
 */
export async function loadSyntheticTenant(scope: { tenantId: string }, data: SyntheticTenant, opts: { namePrefix?: string } = {}) {
  const prefix = opts.namePrefix ?? "syn";
  await withTenantPg(scope, async (client) => {
    await client.query("SET LOCAL work_mem = '64MB'");
    await client.query("CREATE TEMP TABLE syn_customers (id uuid, n int) ON COMMIT DROP");
    await copyRows(client, "COPY syn_customers FROM STDIN", data.customerIds.map((id, n) => copyLine([id, n])));
    await client.query(
      `INSERT INTO customers (tenant_id, id, name, external_id)
       SELECT app_current_tenant(), id, $1 || '-' || n, $1 || '-' || n FROM syn_customers`,
      [prefix],
    );
    const categories = [...new Set(data.orders.flatMap((o) => (o.category ? [o.category] : [])))];
    if (categories.length) {
      await client.query(
        `INSERT INTO products (tenant_id, sku, name, category)
         SELECT app_current_tenant(), $1 || '-' || c, c, c FROM unnest($2::text[]) c ON CONFLICT (tenant_id, sku) DO NOTHING`,
        [prefix, categories],
      );
    }
    await client.query(`CREATE TEMP TABLE syn_orders (n int, customer int, day int, amount numeric(14,2), channel text,
      kind text, refund_day int, category text) ON COMMIT DROP`);
    await copyRows(
      client,
      "COPY syn_orders FROM STDIN",
      data.orders.map((o, n) => copyLine([n, o.customer, o.day, o.amount.toFixed(2), o.channel, o.kind, o.refundDay ?? null, o.category ?? null])),
    );
    await client.query(`CREATE TEMP TABLE syn_order_ids ON COMMIT DROP AS SELECT n, gen_random_uuid() AS id FROM syn_orders`);
    // Statistics for the joins below (temporary tables are never auto-analyzed).
    await client.query("ANALYZE syn_customers; ANALYZE syn_orders; ANALYZE syn_order_ids");
    await client.query(
      `WITH tz AS (SELECT timezone FROM tenants WHERE id = (SELECT app_current_tenant()))
       INSERT INTO orders (tenant_id, id, order_no, customer_id, channel, status, ordered_at, paid_at, refunded_at, amount, paid_amount)
       SELECT app_current_tenant(), i.id, $1 || '-' || o.n, c.id, o.channel,
              CASE o.kind WHEN 'paid' THEN 'received' WHEN 'unpaid' THEN 'created' WHEN 'cancelled' THEN 'cancelled' ELSE 'refunded' END,
              ((DATE '1970-01-01' + o.day) + TIME '11:00') AT TIME ZONE tz.timezone,
              CASE WHEN o.kind IN ('paid', 'refunded') THEN ((DATE '1970-01-01' + o.day) + TIME '12:00') AT TIME ZONE tz.timezone END,
              CASE WHEN o.kind = 'refunded' THEN ((DATE '1970-01-01' + o.refund_day) + TIME '18:00') AT TIME ZONE tz.timezone END,
              o.amount, CASE WHEN o.kind IN ('paid', 'refunded') THEN o.amount ELSE 0 END
       FROM syn_orders o JOIN syn_order_ids i USING (n) JOIN syn_customers c ON c.n = o.customer CROSS JOIN tz`,
      [prefix],
    );
    if (categories.length) {
      await client.query(
        `INSERT INTO order_items (tenant_id, order_id, product_id, quantity, unit_price, amount)
         SELECT app_current_tenant(), i.id, p.id, 1, o.amount, o.amount
         FROM syn_orders o JOIN syn_order_ids i USING (n) JOIN products p ON p.sku = $1 || '-' || o.category
         WHERE o.category IS NOT NULL`,
        [prefix],
      );
    }
  });
}

export type HandOrder = {
  paidAt?: Date | null;
  refundedAt?: Date | null;
  status?: "created" | "paid" | "shipped" | "received" | "refunded" | "cancelled";
  channel?: string;
  paidAmount: string;
  /** one order item of a product in this category */
  category?: string;
};

/** One order, written like the app writes it (withTenant, RLS on), with an optional item of a product in `category`. */
export async function addHandOrder(scope: { tenantId: string }, customerId: string, o: HandOrder) {
  const { withTenant } = await import("@/lib/db/tenant");
  return withTenant(scope, async (tx) => {
    const orderedAt = o.paidAt ?? new Date("2026-01-01T00:00:00Z");
    const order = await tx.order.create({
      data: {
        tenantId: scope.tenantId, orderNo: `H-${randomUUID().slice(0, 12)}`, customerId, channel: o.channel ?? "store",
        status: o.status ?? (o.paidAt ? "received" : "created"), orderedAt, paidAt: o.paidAt ?? null, refundedAt: o.refundedAt ?? null,
        amount: o.paidAmount, paidAmount: o.paidAmount,
      },
    });
    if (o.category) {
      const sku = `CAT-${o.category}`;
      const product = await tx.product.upsert({
        where: { tenantId_sku: { tenantId: scope.tenantId, sku } },
        create: { tenantId: scope.tenantId, sku, name: o.category, category: o.category },
        update: {},
      });
      await tx.orderItem.create({
        data: { tenantId: scope.tenantId, orderId: order.id, productId: product.id, quantity: 1, unitPrice: o.paidAmount, amount: o.paidAmount },
      });
    }
    return order;
  });
}
