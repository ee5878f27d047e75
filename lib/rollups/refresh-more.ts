// The member, points, coupon, interaction and referral rollups (migration
// 20261125065000_dashboard_more), rebuilt in the rollups job's "orders" step right
// after the sales ones, in the same transaction, from the same temp table of
// customer facts (rollup_customer_facts: department, owner, live).
//
// Day tables are replaced from the refresh's first day on (everything on a full
// refresh). Two exceptions, because later events change earlier rows:
//  * interactions: whether an interaction "converted" depends on purchases up to 30
//    days after it, so they are rebuilt from 30 days before the first day;
//  * member tiers and referrals are snapshots (current tier; a referred customer's
//    purchases since the referral), rebuilt whole — both are small.
// Period tables (rollup_member_sales months, rollup_interaction_customers weeks and
// months) are rebuilt from the start of the period holding the first day. The monthly
// sums of the day tables (tier changes, points, coupons, interactions, referrals;
// lib/rollups/refresh-months.ts) follow each day table.
import { NOBODY, NO_STORE } from "@/lib/rollups/dimensions";
import { MONTHLY_ROLLUPS, refreshMonths } from "@/lib/rollups/refresh-months";

type Run = (name: string, sql: string, ...params: unknown[]) => Promise<void>;

/** Days after an interaction in which a purchase counts as its conversion (the rollup's two windows). */
export const CONVERSION_WINDOWS = [7, 30] as const;

function minusDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

export async function refreshMoreRollups(run: Run, opts: { tenantId: string; timeZone: string; from: string | null }): Promise<void> {
  const { tenantId, timeZone: tz } = opts;
  const purchase = `o.paid_at IS NOT NULL AND o.refunded_at IS NULL`;
  // Events from a first day: $1 tenant, $2 zone, $3 first day (omitted when full).
  const events = async (name: string, table: string, from: string | null, sql: (range: (col: string) => string) => string) => {
    await run("delete", `DELETE FROM ${table} WHERE tenant_id = $1::uuid ${from ? "AND day >= $2::date" : ""}`, ...(from ? [tenantId, from] : [tenantId]));
    const range = (col: string) => (from ? `AND ${col} >= ($3::date::timestamp AT TIME ZONE $2)` : "");
    await run(name, sql(range), ...(from ? [tenantId, tz, from] : [tenantId, tz]));
  };
  const dayOf = (col: string) => `(${col} AT TIME ZONE $2)::date`;

  // ── members by current tier (snapshot) ──
  await run("delete", `DELETE FROM rollup_member_tiers WHERE tenant_id = $1::uuid`, tenantId);
  await run("rollup_member_tiers", `
    INSERT INTO rollup_member_tiers (tenant_id, tier_id, department_id, owner_user_id, members, points_balance)
    SELECT $1::uuid, coalesce(m.tier_id, '${NOBODY}'::uuid), f.department_id, f.owner_user_id, count(*), coalesce(sum(m.points_balance), 0)
    FROM members m JOIN rollup_customer_facts f ON f.customer_id = m.customer_id AND f.live
    WHERE m.tenant_id = $1::uuid
    GROUP BY 2, 3, 4`, tenantId);

  // ── tier changes, points, coupons by day ──
  await events("rollup_tier_changes_daily", "rollup_tier_changes_daily", opts.from, (range) => `
    INSERT INTO rollup_tier_changes_daily (tenant_id, day, from_tier_id, to_tier_id, department_id, owner_user_id, changes)
    SELECT $1::uuid, ${dayOf("tc.changed_at")}, coalesce(tc.from_tier_id, '${NOBODY}'::uuid), tc.to_tier_id, f.department_id, f.owner_user_id, count(*)
    FROM tier_changes tc
    JOIN members m ON m.tenant_id = tc.tenant_id AND m.id = tc.member_id
    JOIN rollup_customer_facts f ON f.customer_id = m.customer_id
    WHERE tc.tenant_id = $1::uuid ${range("tc.changed_at")}
    GROUP BY 2, 3, 4, 5, 6`);
  await refreshMonths(run, tenantId, MONTHLY_ROLLUPS.tierChanges, opts.from);
  await events("rollup_points_daily", "rollup_points_daily", opts.from, (range) => `
    INSERT INTO rollup_points_daily (tenant_id, day, department_id, owner_user_id, earned, consumed)
    SELECT $1::uuid, ${dayOf("p.created_at")}, f.department_id, f.owner_user_id,
      coalesce(sum(p.delta) FILTER (WHERE p.delta > 0), 0), coalesce(-sum(p.delta) FILTER (WHERE p.delta < 0), 0)
    FROM points_ledger p
    JOIN members m ON m.tenant_id = p.tenant_id AND m.id = p.member_id
    JOIN rollup_customer_facts f ON f.customer_id = m.customer_id
    WHERE p.tenant_id = $1::uuid ${range("p.created_at")}
    GROUP BY 2, 3, 4`);
  await refreshMonths(run, tenantId, MONTHLY_ROLLUPS.points, opts.from);
  await events("rollup_coupons_daily", "rollup_coupons_daily", opts.from, (range) => `
    INSERT INTO rollup_coupons_daily (tenant_id, day, department_id, owner_user_id, issued, issued_value, used, used_value)
    SELECT $1::uuid, x.day, f.department_id, f.owner_user_id, sum(x.issued), sum(x.issued_value), sum(x.used), sum(x.used_value)
    FROM (
      SELECT ${dayOf("c.issued_at")} AS day, c.customer_id, 1 AS issued, c.value AS issued_value, 0 AS used, 0::numeric AS used_value
      FROM coupons c WHERE c.tenant_id = $1::uuid ${range("c.issued_at")}
      UNION ALL
      SELECT ${dayOf("c.used_at")}, c.customer_id, 0, 0, 1, c.value
      FROM coupons c WHERE c.tenant_id = $1::uuid AND c.used_at IS NOT NULL ${range("c.used_at")}
    ) x
    JOIN rollup_customer_facts f ON f.customer_id = x.customer_id
    GROUP BY 2, 3, 4`);
  await refreshMonths(run, tenantId, MONTHLY_ROLLUPS.coupons, opts.from);

  // ── purchases of members and non-members, by day and month ──
  // Whole months from the month of the first day; day rows from the first day.
  const monthFrom = opts.from ? `${opts.from.slice(0, 7)}-01` : null;
  await run("delete", `DELETE FROM rollup_member_sales WHERE tenant_id = $1::uuid ${monthFrom
    ? "AND ((grain = 'day' AND period >= $2::date) OR (grain = 'month' AND period >= $3::date))" : ""}`,
  ...(monthFrom ? [tenantId, opts.from, monthFrom] : [tenantId]));
  // One row per (day, store, channel, member, customer), then each grain by hash aggregation.
  await run("member_purchase_days", `
    CREATE TEMP TABLE rollup_member_purchase_days ON COMMIT DROP AS
    SELECT ${dayOf("o.ordered_at")} AS day, coalesce(o.store_id, '${NO_STORE}'::uuid) AS store_id, o.channel,
      (m.joined_at IS NOT NULL AND m.joined_at <= o.ordered_at) AS member, o.customer_id,
      count(*) AS purchases, sum(o.paid_amount) AS revenue
    FROM orders o
    LEFT JOIN members m ON m.tenant_id = o.tenant_id AND m.customer_id = o.customer_id
    WHERE o.tenant_id = $1::uuid AND ${purchase} ${monthFrom ? "AND o.ordered_at >= ($3::date::timestamp AT TIME ZONE $2)" : ""}
    GROUP BY 1, 2, 3, 4, 5`, ...(monthFrom ? [tenantId, tz, monthFrom] : [tenantId, tz]));
  await run("rollup_member_sales", `
    INSERT INTO rollup_member_sales (tenant_id, grain, period, store_id, channel, member, purchases, revenue, buyers)
    SELECT $1::uuid, 'day', day, store_id, channel, member, sum(purchases), sum(revenue), count(*)
    FROM rollup_member_purchase_days ${opts.from ? "WHERE day >= $2::date" : ""}
    GROUP BY day, store_id, channel, member`, ...(opts.from ? [tenantId, opts.from] : [tenantId]));
  await run("rollup_member_sales", `
    INSERT INTO rollup_member_sales (tenant_id, grain, period, store_id, channel, member, purchases, revenue, buyers)
    SELECT $1::uuid, 'month', period, store_id, channel, member, sum(purchases), sum(revenue), count(*)
    FROM (
      SELECT date_trunc('month', day::timestamp)::date AS period, store_id, channel, member, customer_id, sum(purchases) AS purchases, sum(revenue) AS revenue
      FROM rollup_member_purchase_days GROUP BY 1, 2, 3, 4, 5
    ) x
    GROUP BY period, store_id, channel, member`, tenantId);

  // ── new-customer retention: cohort (first-purchase month) × months after ──
  // Activity months from the month of the first day on (the temp table holds them);
  // a customer's cohort is their first purchase day's month (customer facts, whole history).
  await run("delete", `DELETE FROM rollup_cohorts WHERE tenant_id = $1::uuid ${monthFrom ? "AND (cohort + make_interval(months => month_offset))::date >= $2::date" : ""}`,
    ...(monthFrom ? [tenantId, monthFrom] : [tenantId]));
  const monthNo = (d: string) => `(extract(year FROM ${d}) * 12 + extract(month FROM ${d}))::int`;
  await run("rollup_cohorts", `
    INSERT INTO rollup_cohorts (tenant_id, cohort, month_offset, department_id, owner_user_id, customers)
    SELECT $1::uuid, date_trunc('month', f.first_day::timestamp)::date, ${monthNo("x.month")} - ${monthNo("f.first_day")}, f.department_id, f.owner_user_id, count(*)
    FROM (SELECT DISTINCT date_trunc('month', day::timestamp)::date AS month, customer_id FROM rollup_member_purchase_days) x
    JOIN rollup_customer_facts f ON f.customer_id = x.customer_id AND f.live AND f.first_day IS NOT NULL
    WHERE x.month >= date_trunc('month', f.first_day::timestamp)::date
    GROUP BY 2, 3, 4, 5`, tenantId);

  // ── interactions: by day and channel, with conversion; distinct customers per period ──
  const interFrom = opts.from ? minusDays(opts.from, Math.max(...CONVERSION_WINDOWS)) : null;
  await events("rollup_interactions_daily", "rollup_interactions_daily", interFrom, (range) => `
    INSERT INTO rollup_interactions_daily (tenant_id, day, channel, department_id, owner_user_id, interactions, points, converted_7, converted_30)
    SELECT $1::uuid, ${dayOf("x.at")}, x.channel, f.department_id, f.owner_user_id, count(*), coalesce(sum(x.points), 0),
      count(*) FILTER (WHERE x.next_purchase <= x.at + interval '7 days'), count(*) FILTER (WHERE x.next_purchase <= x.at + interval '30 days')
    FROM (
      -- Interactions and purchases in one stream by customer, latest first: the smallest
      -- purchase time among the rows before an interaction is the customer's first
      -- purchase after it (a sort and a running min, instead of an index probe of
      -- orders per interaction). At an equal time the interaction comes first, so a
      -- purchase at the very same instant does not count (strictly after).
      SELECT e.at, e.purchase, e.channel, e.points,
        min(e.at) FILTER (WHERE e.purchase) OVER (PARTITION BY e.customer_id ORDER BY e.at DESC, e.purchase
          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next_purchase,
        e.customer_id
      FROM (
        SELECT i.customer_id, i.occurred_at AS at, false AS purchase, i.channel, i.points_earned AS points
        FROM interactions i WHERE i.tenant_id = $1::uuid ${range("i.occurred_at")}
        UNION ALL
        SELECT o.customer_id, o.ordered_at, true, NULL, NULL
        FROM orders o WHERE o.tenant_id = $1::uuid AND ${purchase} ${range("o.ordered_at")}
      ) e
    ) x
    JOIN rollup_customer_facts f ON f.customer_id = x.customer_id
    WHERE NOT x.purchase
    GROUP BY 2, 3, 4, 5`);
  await refreshMonths(run, tenantId, MONTHLY_ROLLUPS.interactions, interFrom);

  // Periods are rebuilt whole: day rows from the first day, weeks from its Monday, months from the 1st.
  const starts = interFrom
    ? { day: interFrom, week: minusDays(interFrom, (new Date(`${interFrom}T00:00:00Z`).getUTCDay() + 6) % 7), month: `${interFrom.slice(0, 7)}-01` }
    : null;
  const earliest = starts ? (starts.week < starts.month ? starts.week : starts.month) : null;
  await run("delete", `DELETE FROM rollup_interaction_customers WHERE tenant_id = $1::uuid ${starts
    ? `AND ((grain = 'day' AND period >= $2::date) OR (grain = 'week' AND period >= $3::date) OR (grain = 'month' AND period >= $4::date))` : ""}`,
  ...(starts ? [tenantId, starts.day, starts.week, starts.month] : [tenantId]));
  await run("interaction_days", `
    CREATE TEMP TABLE rollup_interaction_days ON COMMIT DROP AS
    SELECT DISTINCT ${dayOf("i.occurred_at")} AS day, i.channel, i.customer_id, f.department_id, f.owner_user_id
    FROM interactions i JOIN rollup_customer_facts f ON f.customer_id = i.customer_id
    WHERE i.tenant_id = $1::uuid ${earliest ? "AND i.occurred_at >= ($3::date::timestamp AT TIME ZONE $2)" : ""}`,
  ...(earliest ? [tenantId, tz, earliest] : [tenantId, tz]));
  for (const grain of ["day", "week", "month"] as const) {
    const since = starts ? `WHERE period >= $2::date` : "";
    const params = starts ? [tenantId, starts[grain]] : [tenantId];
    // The period on the plain date (date_trunc of a date goes through timestamptz and the
    // session's zone: several times slower on millions of rows, same result). Day rows
    // are already distinct by (day, channel, customer).
    const period = grain === "day" ? "day" : `date_trunc('${grain}', day::timestamp)::date`;
    const perChannel = grain === "day"
      ? "SELECT day AS period, channel, department_id, owner_user_id FROM rollup_interaction_days"
      : `SELECT DISTINCT ${period} AS period, channel, customer_id, department_id, owner_user_id FROM rollup_interaction_days`;
    // Per channel, and '*': each customer once across channels.
    await run("rollup_interaction_customers", `
      INSERT INTO rollup_interaction_customers (tenant_id, grain, period, channel, department_id, owner_user_id, customers)
      SELECT $1::uuid, '${grain}', period, channel, department_id, owner_user_id, count(*)
      FROM (${perChannel}) x
      ${since}
      GROUP BY period, channel, department_id, owner_user_id
      UNION ALL
      SELECT $1::uuid, '${grain}', period, '*', department_id, owner_user_id, count(*)
      FROM (SELECT DISTINCT ${period} AS period, customer_id, department_id, owner_user_id FROM rollup_interaction_days) x
      ${since}
      GROUP BY period, department_id, owner_user_id`, ...params);
  }

  // ── referrals (老带新): the referred customers and what they bought since (snapshot) ──
  await run("delete", `DELETE FROM rollup_referrals_daily WHERE tenant_id = $1::uuid`, tenantId);
  await run("rollup_referrals_daily", `
    INSERT INTO rollup_referrals_daily (tenant_id, day, department_id, owner_user_id, referrals, referred_buyers, referred_purchases, referred_revenue, reward_points)
    SELECT $1::uuid, ${dayOf("r.referred_at")}, f.department_id, f.owner_user_id, count(*), count(*) FILTER (WHERE p.purchases > 0),
      coalesce(sum(p.purchases), 0), coalesce(sum(p.revenue), 0), coalesce(sum(r.reward_points), 0)
    FROM referrals r
    JOIN rollup_customer_facts f ON f.customer_id = r.referred_customer_id
    LEFT JOIN LATERAL (
      SELECT count(*) AS purchases, sum(o.paid_amount) AS revenue FROM orders o
      WHERE o.tenant_id = $1::uuid AND o.customer_id = r.referred_customer_id AND o.ordered_at >= r.referred_at AND ${purchase}
    ) p ON true
    WHERE r.tenant_id = $1::uuid
    GROUP BY 2, 3, 4`, tenantId, tz);
  await refreshMonths(run, tenantId, MONTHLY_ROLLUPS.referrals, null);
}
