// Rebuilds a tenant's rollup tables (migration 20261125040000_rollups) from its
// orders, customers and scores: set-based SQL, an INSERT … SELECT … GROUP BY per
// table (over temp tables where a pass is shared), deleting and replacing the days
// from `fromDay` on (or everything). Runs in
// the caller's tenant-bound transaction (the rollups job's, or a test's), so RLS
// applies and readers see the old figures until it commits, then the new ones.
// Idempotent: running it twice gives the same rows. Two refreshes of one tenant
// are serialised by a transaction-scoped advisory lock.
//
// Measures follow one vocabulary (see the migration): a purchase is an order paid
// and not refunded; revenue is purchases' paid_amount; a customer's first purchase
// day decides whether a purchase is "new"; days are in the tenant's time zone.
import type { TenantTx } from "@/lib/db/tenant";
import { usableTimeZone } from "@/lib/tenants/time-zone";
import { ALL_STORES, CLV_BANDS, NOBODY, NO_STORE, provinceSql } from "@/lib/rollups/dimensions";
import { refreshMoreRollups } from "@/lib/rollups/refresh-more";
import { refreshCampaignRollups } from "@/lib/rollups/refresh-campaigns";
import { refreshMovementRollup } from "@/lib/rollups/refresh-movement";
import { newestScoringRunText } from "@/lib/customers/list-query";

/** "orders": everything read from orders and customers, and rollup_state; "repurchase":
 *  the whole-history repurchase rows (the heaviest part, run as the job's second step). */
export type RefreshStep = "orders" | "repurchase";

export type RefreshOptions = {
  /** Which parts to rebuild (default both, in one transaction). */
  steps?: readonly RefreshStep[];
  /** First calendar day (tenant time zone) to rebuild; omitted = rebuild everything. */
  fromDay?: string | null;
  /** Rebuild the last N days (the scheduled hourly refresh); ignored when fromDay is given. */
  recentDays?: number | null;
};

export type RefreshResult = {
  full: boolean;
  /** The first day rebuilt (week and month rows from that day's week and month), null when full. */
  fromDay: string | null;
  timeZone: string;
  rows: Record<string, number>;
  /** Milliseconds per statement (deletes summed). */
  timings: Record<string, number>;
  durationMs: number;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Where a partial rebuild of rollup_sales_customers starts for each grain: the
 *  day itself, its ISO week's Monday, its month's first day (periods are rebuilt
 *  whole), and the earliest of those, from which orders are read. */
export function grainStarts(day: string): { day: string; week: string; month: string; earliest: string } {
  const d = new Date(`${day}T00:00:00Z`);
  const week = new Date(d);
  week.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  const month = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const iso = (x: Date) => x.toISOString().slice(0, 10);
  return { day, week: iso(week), month: iso(month), earliest: iso(week < month ? week : month) };
}

function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export async function refreshRollups(tx: TenantTx, tenantId: string, options: RefreshOptions = {}): Promise<RefreshResult> {
  const started = Date.now();
  const steps = options.steps ?? ["orders", "repurchase"];
  const rows: Record<string, number> = {};
  const timings: Record<string, number> = {};
  const run = async (name: string, sql: string, ...params: unknown[]) => {
    const t0 = Date.now();
    rows[name] = (rows[name] ?? 0) + (await tx.$executeRawUnsafe(sql, ...params));
    timings[name] = (timings[name] ?? 0) + Date.now() - t0;
  };

  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended('rollups:' || $1::text, 0))`, tenantId);
  // Big hash aggregates: give this transaction room instead of spilling to disk.
  await tx.$executeRawUnsafe(`SELECT set_config('work_mem', $1, true)`, process.env.ROLLUP_WORK_MEM || "512MB");

  const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { timezone: true } });
  if (!tenant) throw new Error("refreshRollups: tenant not visible");
  const tz = usableTimeZone(tenant.timezone);
  const previous = await tx.rollupState.findUnique({ where: { tenantId } });

  let from: string | null = null;
  if (options.fromDay) {
    if (!DAY.test(options.fromDay)) throw new Error("refreshRollups: fromDay must be YYYY-MM-DD");
    from = options.fromDay;
  } else if (options.recentDays && options.recentDays > 0) {
    from = addDays(todayIn(tz), -Math.floor(options.recentDays));
  }
  // A partial rebuild is only right on top of rows built the same way: never before, or
  // in another time zone (days would shift), means everything.
  if (!previous || previous.timeZone !== tz) from = null;

  // $1 tenant, $2 time zone, $3 first day (only when partial).
  const params: unknown[] = from ? [tenantId, tz, from] : [tenantId, tz];
  const orderRange = from ? `AND o.ordered_at >= ($3::date::timestamp AT TIME ZONE $2)` : "";
  // Statements over rollup rows only: $1 tenant, $2 first day (only when partial).
  const dayParams: unknown[] = from ? [tenantId, from] : [tenantId];
  const dayRange = (col: string) => (from ? `AND ${col} >= $2::date` : "");
  const day = `(o.ordered_at AT TIME ZONE $2)::date`;

  if (steps.includes("orders")) {
    // Per customer: first purchase day, number of purchases, region and ownership.
    // Every live or deleted customer (deleted customers' orders still count as sales).
    await run("customer_facts", `
      CREATE TEMP TABLE rollup_customer_facts ON COMMIT DROP AS
      SELECT c.id AS customer_id, a.first_day, coalesce(a.purchases, 0) AS purchases,
        ${provinceSql("c.province")} AS province, btrim(coalesce(c.city, '')) AS city,
        coalesce(c.department_id, '${NOBODY}'::uuid) AS department_id, coalesce(c.owner_user_id, '${NOBODY}'::uuid) AS owner_user_id,
        c.deleted_at IS NULL AS live
      FROM customers c
      LEFT JOIN (
        SELECT o.customer_id, min(${day}) AS first_day, count(*) AS purchases
        FROM orders o
        WHERE o.tenant_id = $1::uuid AND o.paid_at IS NOT NULL AND o.refunded_at IS NULL
        GROUP BY o.customer_id
      ) a ON a.customer_id = c.id
      WHERE c.tenant_id = $1::uuid`, tenantId, tz);
    await tx.$executeRawUnsafe(`ALTER TABLE rollup_customer_facts ADD PRIMARY KEY (customer_id)`);
    await tx.$executeRawUnsafe(`ANALYZE rollup_customer_facts`);

    // ── sales by day, store, channel and region ──
    await run("delete", `DELETE FROM rollup_sales_daily WHERE tenant_id = $1::uuid ${dayRange("day")}`, ...dayParams);
    // ~100 thousand groups from millions of orders: the planner overestimates the groups
    // of five keys and sorts everything; a hash table of the groups is much cheaper.
    const [{ sort }] = await tx.$queryRawUnsafe<{ sort: string }[]>(`SELECT current_setting('enable_sort') AS sort`);
    await tx.$executeRawUnsafe(`SELECT set_config('enable_sort', 'off', true)`);
    await run("rollup_sales_daily", `
      INSERT INTO rollup_sales_daily (tenant_id, day, store_id, channel, province, city, orders, paid_orders, purchases, revenue,
        refunded_orders, refund_amount, new_purchases, new_revenue, received_orders, reviewed_orders,
        pay_seconds, pay_count, ship_seconds, ship_count, receive_seconds, receive_count)
      SELECT $1::uuid, x.day, x.store_id, x.channel, x.province, x.city,
        count(*), count(*) FILTER (WHERE x.paid), count(*) FILTER (WHERE x.purchase),
        coalesce(sum(x.paid_amount) FILTER (WHERE x.purchase), 0),
        count(*) FILTER (WHERE x.refunded), coalesce(sum(x.paid_amount) FILTER (WHERE x.refunded), 0),
        count(*) FILTER (WHERE x.purchase AND x.day = x.first_day),
        coalesce(sum(x.paid_amount) FILTER (WHERE x.purchase AND x.day = x.first_day), 0),
        count(*) FILTER (WHERE x.received), count(*) FILTER (WHERE x.reviewed),
        coalesce(sum(x.pay_s), 0), count(x.pay_s), coalesce(sum(x.ship_s), 0), count(x.ship_s),
        coalesce(sum(x.receive_s), 0), count(x.receive_s)
      FROM (
        SELECT ${day} AS day, coalesce(o.store_id, '${NO_STORE}'::uuid) AS store_id, o.channel,
          CASE WHEN s.kind = 'store' THEN ${provinceSql("s.province")} ELSE coalesce(f.province, '') END AS province,
          CASE WHEN s.kind = 'store' THEN btrim(coalesce(s.city, '')) ELSE coalesce(f.city, '') END AS city,
          o.paid_at IS NOT NULL AS paid, o.paid_at IS NOT NULL AND o.refunded_at IS NULL AS purchase,
          o.refunded_at IS NOT NULL AS refunded, o.received_at IS NOT NULL AS received, o.reviewed_at IS NOT NULL AS reviewed,
          o.paid_amount, f.first_day,
          CASE WHEN o.paid_at >= o.ordered_at THEN extract(epoch FROM o.paid_at - o.ordered_at)::bigint END AS pay_s,
          CASE WHEN o.shipped_at >= o.paid_at THEN extract(epoch FROM o.shipped_at - o.paid_at)::bigint END AS ship_s,
          CASE WHEN o.received_at >= o.shipped_at THEN extract(epoch FROM o.received_at - o.shipped_at)::bigint END AS receive_s
        FROM orders o
        LEFT JOIN stores s ON s.tenant_id = o.tenant_id AND s.id = o.store_id
        LEFT JOIN rollup_customer_facts f ON f.customer_id = o.customer_id
        WHERE o.tenant_id = $1::uuid ${orderRange}
      ) x
      GROUP BY x.day, x.store_id, x.channel, x.province, x.city`, ...params);
    await tx.$executeRawUnsafe(`SELECT set_config('enable_sort', $1, true)`, sort);

    await run("delete", `DELETE FROM rollup_sales_store_daily WHERE tenant_id = $1::uuid ${dayRange("day")}`, ...dayParams);
    await run("rollup_sales_store_daily", `
      INSERT INTO rollup_sales_store_daily (tenant_id, day, store_id, channel, orders, paid_orders, purchases, revenue,
        refunded_orders, refund_amount, new_purchases, new_revenue, received_orders, reviewed_orders,
        pay_seconds, pay_count, ship_seconds, ship_count, receive_seconds, receive_count)
      SELECT tenant_id, day, store_id, channel, sum(orders), sum(paid_orders), sum(purchases), sum(revenue),
        sum(refunded_orders), sum(refund_amount), sum(new_purchases), sum(new_revenue), sum(received_orders), sum(reviewed_orders),
        sum(pay_seconds), sum(pay_count), sum(ship_seconds), sum(ship_count), sum(receive_seconds), sum(receive_count)
      FROM rollup_sales_daily
      WHERE tenant_id = $1::uuid ${dayRange("day")}
      GROUP BY tenant_id, day, store_id, channel`, ...dayParams);

    // ── distinct purchasing customers per day, week and month ──
    // A partial rebuild replaces whole periods: each grain from its own start, reading
    // orders from the earliest of them.
    const starts = from ? grainStarts(from) : null;
    await run("delete", `DELETE FROM rollup_sales_customers WHERE tenant_id = $1::uuid ${starts
      ? `AND ((grain = 'day' AND period >= $2::date) OR (grain = 'week' AND period >= $3::date) OR (grain = 'month' AND period >= $4::date))` : ""}`,
    ...(starts ? [tenantId, starts.day, starts.week, starts.month] : [tenantId]));
    // The distinct (customer, day, store, channel, province) of purchases once, then each
    // grain by plain hash aggregation (count(DISTINCT) would sort millions of rows).
    await run("purchase_days", `
      CREATE TEMP TABLE rollup_purchase_days ON COMMIT DROP AS
      SELECT d.day, d.store_id, d.channel, d.customer_id, f.first_day,
        CASE WHEN s.kind = 'store' THEN ${provinceSql("s.province")} ELSE coalesce(f.province, '') END AS province
      FROM (
        SELECT DISTINCT ${day} AS day, coalesce(o.store_id, '${NO_STORE}'::uuid) AS store_id, o.channel, o.customer_id
        FROM orders o
        WHERE o.tenant_id = $1::uuid AND o.paid_at IS NOT NULL AND o.refunded_at IS NULL ${orderRange}
      ) d
      LEFT JOIN stores s ON s.tenant_id = $1::uuid AND s.id = d.store_id
      LEFT JOIN rollup_customer_facts f ON f.customer_id = d.customer_id`, ...(starts ? [tenantId, tz, starts.earliest] : [tenantId, tz]));
    await run("rollup_sales_customers", `
      INSERT INTO rollup_sales_customers (tenant_id, grain, period, store_id, channel, province, customers, new_customers)
      SELECT $1::uuid, 'day', day, store_id, channel, province, count(*), count(*) FILTER (WHERE first_day = day)
      FROM rollup_purchase_days ${starts ? "WHERE day >= $2::date" : ""}
      GROUP BY day, store_id, channel, province`, ...(starts ? [tenantId, starts.day] : [tenantId]));
    for (const grain of ["week", "month"] as const) {
      const end = grain === "week" ? "x.period + 7" : "(x.period + interval '1 month')::date";
      await run("rollup_sales_customers", `
        INSERT INTO rollup_sales_customers (tenant_id, grain, period, store_id, channel, province, customers, new_customers)
        SELECT $1::uuid, '${grain}', x.period, x.store_id, x.channel, x.province,
          count(*), count(*) FILTER (WHERE x.first_day >= x.period AND x.first_day < ${end})
        FROM (
          SELECT date_trunc('${grain}', day)::date AS period, store_id, channel, province, customer_id, first_day
          FROM rollup_purchase_days GROUP BY 1, 2, 3, 4, 5, 6
        ) x
        ${starts ? "WHERE x.period >= $2::date" : ""}
        GROUP BY x.period, x.store_id, x.channel, x.province`, ...(starts ? [tenantId, starts[grain]] : [tenantId]));
    }

    // ── products, categories and brands ──
    await run("delete", `DELETE FROM rollup_product_daily WHERE tenant_id = $1::uuid ${dayRange("day")}`, ...dayParams);
    await run("rollup_product_daily", `
      INSERT INTO rollup_product_daily (tenant_id, day, store_id, channel, product_id, units, revenue, order_lines)
      SELECT $1::uuid, x.day, x.store_id, x.channel, i.product_id, sum(i.quantity), sum(i.amount), count(*)
      FROM (
        SELECT o.id, ${day} AS day, coalesce(o.store_id, '${NO_STORE}'::uuid) AS store_id, o.channel
        FROM orders o
        WHERE o.tenant_id = $1::uuid AND o.paid_at IS NOT NULL AND o.refunded_at IS NULL ${orderRange}
      ) x
      JOIN order_items i ON i.tenant_id = $1::uuid AND i.order_id = x.id
      GROUP BY x.day, x.store_id, x.channel, i.product_id`, ...params);

    await run("delete", `DELETE FROM rollup_category_daily WHERE tenant_id = $1::uuid ${dayRange("day")}`, ...dayParams);
    await run("rollup_category_daily", `
      INSERT INTO rollup_category_daily (tenant_id, day, store_id, channel, category, brand, units, revenue, order_lines)
      SELECT r.tenant_id, r.day, r.store_id, r.channel, btrim(coalesce(p.category, '')), btrim(coalesce(p.brand, '')),
        sum(r.units), sum(r.revenue), sum(r.order_lines)
      FROM rollup_product_daily r
      JOIN products p ON p.tenant_id = r.tenant_id AND p.id = r.product_id
      WHERE r.tenant_id = $1::uuid ${dayRange("r.day")}
      GROUP BY r.tenant_id, r.day, r.store_id, r.channel, btrim(coalesce(p.category, '')), btrim(coalesce(p.brand, ''))`, ...dayParams);

    // Months: from the first day of the month of `from` (its earlier days are intact).
    const monthParams: unknown[] = from ? [tenantId, grainStarts(from).month] : [tenantId];
    const monthRange = (col: string) => (from ? `AND ${col} >= $2::date` : "");
    await run("delete", `DELETE FROM rollup_product_monthly WHERE tenant_id = $1::uuid ${monthRange("month")}`, ...monthParams);
    await run("rollup_product_monthly", `
      INSERT INTO rollup_product_monthly (tenant_id, month, store_id, channel, product_id, units, revenue, order_lines)
      SELECT tenant_id, date_trunc('month', day)::date, store_id, channel, product_id, sum(units), sum(revenue), sum(order_lines)
      FROM rollup_product_daily WHERE tenant_id = $1::uuid ${monthRange("day")}
      GROUP BY tenant_id, date_trunc('month', day)::date, store_id, channel, product_id`, ...monthParams);
    await run("delete", `DELETE FROM rollup_category_monthly WHERE tenant_id = $1::uuid ${monthRange("month")}`, ...monthParams);
    await run("rollup_category_monthly", `
      INSERT INTO rollup_category_monthly (tenant_id, month, store_id, channel, category, brand, units, revenue, order_lines)
      SELECT tenant_id, date_trunc('month', day)::date, store_id, channel, category, brand, sum(units), sum(revenue), sum(order_lines)
      FROM rollup_category_daily WHERE tenant_id = $1::uuid ${monthRange("day")}
      GROUP BY tenant_id, date_trunc('month', day)::date, store_id, channel, category, brand`, ...monthParams);

    // ── whole-history snapshots: customer regions, scores ──
    await run("delete", `DELETE FROM rollup_customer_regions WHERE tenant_id = $1::uuid`, tenantId);
    await run("rollup_customer_regions", `
      INSERT INTO rollup_customer_regions (tenant_id, province, city, department_id, owner_user_id, customers, buyers, repeat_buyers)
      SELECT $1::uuid, province, city, department_id, owner_user_id,
        count(*), count(*) FILTER (WHERE purchases >= 1), count(*) FILTER (WHERE purchases >= 2)
      FROM rollup_customer_facts WHERE live
      GROUP BY province, city, department_id, owner_user_id`, tenantId);

    // Scores of the newest successful scoring run only: a failed or running run can leave rows.
    const clvBand = `CASE ${CLV_BANDS.map((b) => `WHEN s.predicted_clv IS NOT NULL${b.max === null ? "" : ` AND s.predicted_clv < ${b.max}`} THEN '${b.bucket}'`).join(" ")} END`;
    await run("delete", `DELETE FROM rollup_customer_scores WHERE tenant_id = $1::uuid`, tenantId);
    await run("rollup_customer_scores", `
      INSERT INTO rollup_customer_scores (tenant_id, kind, bucket, segment, department_id, owner_user_id, as_of, customers)
      SELECT $1::uuid, k.kind, k.bucket, coalesce(s.rfm_segment, ''), f.department_id, f.owner_user_id, s.as_of, count(*)
      FROM customer_scores s
      JOIN rollup_customer_facts f ON f.customer_id = s.customer_id AND f.live
      CROSS JOIN LATERAL (VALUES ('rfm_segment', s.rfm_segment), ('churn_risk', s.churn_risk), ('clv_band', ${clvBand}),
        ('r_score', s.r_score::text), ('f_score', s.f_score::text), ('m_score', s.m_score::text)) k(kind, bucket)
      WHERE s.tenant_id = $1::uuid AND s.as_of = ${newestScoringRunText("$1")}
        AND k.bucket IS NOT NULL
      GROUP BY k.kind, k.bucket, coalesce(s.rfm_segment, ''), f.department_id, f.owner_user_id, s.as_of`, tenantId);

    // ── members, points, coupons, interactions, referrals (lib/rollups/refresh-more.ts) ──
    await refreshMoreRollups(run, { tenantId, timeZone: tz, from });
    // ── campaign contribution and RFM segment movement (refresh-campaigns.ts, refresh-movement.ts) ──
    await refreshCampaignRollups(run, { tenantId, timeZone: tz });
    await refreshMovementRollup(run, { tenantId });

  }

  // Repurchase is whole-history: rebuilt by full and import (fromDay) refreshes, left
  // as it is by the hourly recent-days one (the nightly full rebuild catches up).
  // "At least two purchases" without count(DISTINCT order): the smallest and largest
  // hash of the orders differ (two orders of one customer with one subject colliding
  // on a 32-bit hash is negligible) — plain hash aggregates instead of sorts. One pass
  // over purchases and their items gives (customer, store, product); categories, and
  // customers across stores, are folded from it.
  if (steps.includes("repurchase") && (from === null || options.fromDay)) {
    await run("delete", `DELETE FROM rollup_repurchase WHERE tenant_id = $1::uuid`, tenantId);
    await run("repurchase_base", `
      CREATE TEMP TABLE rollup_repurchase_base ON COMMIT DROP AS
      SELECT o.customer_id, coalesce(o.store_id, '${NO_STORE}'::uuid) AS store_id, i.product_id,
        min(uuid_hash(o.id)) AS lo, max(uuid_hash(o.id)) AS hi
      FROM orders o
      JOIN order_items i ON i.tenant_id = o.tenant_id AND i.order_id = o.id
      WHERE o.tenant_id = $1::uuid AND o.paid_at IS NOT NULL AND o.refunded_at IS NULL
      GROUP BY 1, 2, 3`, tenantId);
    await run("repurchase_category", `
      CREATE TEMP TABLE rollup_repurchase_category ON COMMIT DROP AS
      SELECT b.customer_id, b.store_id, btrim(coalesce(p.category, '')) AS category, min(b.lo) AS lo, max(b.hi) AS hi
      FROM rollup_repurchase_base b
      JOIN products p ON p.tenant_id = $1::uuid AND p.id = b.product_id
      GROUP BY 1, 2, 3`, tenantId);
    for (const [kind, table, subject] of [["product", "rollup_repurchase_base", "product_id::text"], ["category", "rollup_repurchase_category", "category"]] as const) {
      await run("rollup_repurchase", `
        INSERT INTO rollup_repurchase (tenant_id, kind, subject, store_id, customers, repeat_customers)
        SELECT $1::uuid, '${kind}', ${subject}, store_id, count(*), count(*) FILTER (WHERE hi <> lo) FROM ${table} GROUP BY ${subject}, store_id`,
      tenantId);
      await run("rollup_repurchase", `
        INSERT INTO rollup_repurchase (tenant_id, kind, subject, store_id, customers, repeat_customers)
        SELECT $1::uuid, '${kind}', subject, '${ALL_STORES}'::uuid, count(*), count(*) FILTER (WHERE hi <> lo)
        FROM (SELECT customer_id, ${subject} AS subject, min(lo) AS lo, max(hi) AS hi FROM ${table} GROUP BY 1, 2) x
        GROUP BY subject`,
      tenantId);
    }
  }

  const durationMs = Date.now() - started;
  if (steps.includes("orders")) {
    await tx.$executeRawUnsafe(`
      INSERT INTO rollup_state (tenant_id, refreshed_at, refreshed_from, data_from, data_to, time_zone, duration_ms)
      SELECT $1::uuid, now(), $3::date,
        (SELECT (min(o.ordered_at) AT TIME ZONE $2)::date FROM orders o WHERE o.tenant_id = $1::uuid),
        (SELECT (max(o.ordered_at) AT TIME ZONE $2)::date FROM orders o WHERE o.tenant_id = $1::uuid),
        $2, $4
      ON CONFLICT (tenant_id) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at, refreshed_from = EXCLUDED.refreshed_from,
        data_from = EXCLUDED.data_from, data_to = EXCLUDED.data_to, time_zone = EXCLUDED.time_zone, duration_ms = EXCLUDED.duration_ms`,
    tenantId, tz, from, durationMs);

  }

  return { full: from === null, fromDay: from, timeZone: tz, rows, timings, durationMs };
}
