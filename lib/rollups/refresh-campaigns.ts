// The campaign rollups (migration 20261125067100_dashboard_campaigns), rebuilt whole
// in the rollups job's "orders" step: the sales dashboard's contribution by campaign
// reads them instead of attributing orders on every load.
//
// Attribution is the evaluation's (lib/campaigns/evaluation/outcomes.sql.ts), for
// every launched campaign at once: a target's anchor is their first contact (the
// launch when never contacted, and always for the control arm); a purchase (paid,
// not refunded) ordered in [anchor, anchor + attribution days) is attributed; phase
// 2's excluded customers are left out of both arms. Rebuilt whole, not from the
// refresh's first day: a late payment or refund changes a window that began before
// it, and the work is one index probe per target into orders_customer_idx.
import { NO_STORE } from "@/lib/rollups/dimensions";

type Run = (name: string, sql: string, ...params: unknown[]) => Promise<void>;

export async function refreshCampaignRollups(run: Run, opts: { tenantId: string; timeZone: string }): Promise<void> {
  const { tenantId, timeZone: tz } = opts;
  // One row per target of a launched campaign, with its window.
  await run("campaign_targets", `
    CREATE TEMP TABLE rollup_campaign_targets ON COMMIT DROP AS
    SELECT t.campaign_id, t.customer_id, t.arm, t.contacted_at, coalesce(c.home_store_id, '${NO_STORE}'::uuid) AS home_store_id,
      CASE WHEN t.arm = 'treatment' THEN coalesce(t.contacted_at, r.launched_at) ELSE r.launched_at END AS anchor,
      r.attribution_days
    FROM campaign_runs r
    JOIN campaign_targets t ON t.tenant_id = r.tenant_id AND t.campaign_id = r.campaign_id
    JOIN customers c ON c.tenant_id = t.tenant_id AND c.id = t.customer_id
    WHERE r.tenant_id = $1::uuid AND r.launched_at IS NOT NULL AND NOT (t.customer_id = ANY (r.excluded_customer_ids))`, tenantId);
  // Fresh statistics: few targets should probe orders by customer, not hash all orders.
  await run("campaign_targets", `ANALYZE rollup_campaign_targets`);
  // Every attributed purchase, with its day (tenant time zone) and store.
  await run("campaign_orders", `
    CREATE TEMP TABLE rollup_campaign_orders ON COMMIT DROP AS
    SELECT g.campaign_id, g.customer_id, g.arm, o.id AS order_id, o.ordered_at, (o.ordered_at AT TIME ZONE $2)::date AS day,
      coalesce(o.store_id, '${NO_STORE}'::uuid) AS store_id, o.paid_amount
    FROM rollup_campaign_targets g
    JOIN orders o ON o.tenant_id = $1::uuid AND o.customer_id = g.customer_id
      AND o.paid_at IS NOT NULL AND o.refunded_at IS NULL
      AND o.ordered_at >= g.anchor AND o.ordered_at < g.anchor + make_interval(days => g.attribution_days)`, tenantId, tz);

  await run("delete", `DELETE FROM rollup_campaign_arms WHERE tenant_id = $1::uuid`, tenantId);
  await run("rollup_campaign_arms", `
    INSERT INTO rollup_campaign_arms (tenant_id, campaign_id, store_id, arm, customers, contacted, converted, revenue, revenue_sq)
    SELECT $1::uuid, g.campaign_id, g.home_store_id, g.arm, count(*), count(*) FILTER (WHERE g.contacted_at IS NOT NULL),
      count(*) FILTER (WHERE x.revenue IS NOT NULL), coalesce(sum(x.revenue), 0), coalesce(sum(x.revenue * x.revenue), 0)
    FROM rollup_campaign_targets g
    LEFT JOIN (
      SELECT campaign_id, customer_id, sum(paid_amount)::float8 AS revenue FROM rollup_campaign_orders GROUP BY 1, 2
    ) x ON x.campaign_id = g.campaign_id AND x.customer_id = g.customer_id
    GROUP BY g.campaign_id, g.home_store_id, g.arm`, tenantId);

  await run("delete", `DELETE FROM rollup_campaign_sales WHERE tenant_id = $1::uuid`, tenantId);
  await run("rollup_campaign_sales", `
    INSERT INTO rollup_campaign_sales (tenant_id, campaign_id, day, store_id, contacted, converted, purchases, revenue)
    SELECT $1::uuid, campaign_id, day, store_id, sum(contacted), sum(converted), sum(purchases), sum(revenue)
    FROM (
      SELECT campaign_id, (contacted_at AT TIME ZONE $2)::date AS day, home_store_id AS store_id, 1 AS contacted, 0 AS converted, 0 AS purchases, 0::numeric AS revenue
      FROM rollup_campaign_targets WHERE arm = 'treatment' AND contacted_at IS NOT NULL
      UNION ALL
      (SELECT DISTINCT ON (campaign_id, customer_id) campaign_id, day, store_id, 0, 1, 0, 0
       FROM rollup_campaign_orders WHERE arm = 'treatment'
       ORDER BY campaign_id, customer_id, ordered_at, order_id)
      UNION ALL
      SELECT campaign_id, day, store_id, 0, 0, 1, paid_amount FROM rollup_campaign_orders WHERE arm = 'treatment'
    ) x
    GROUP BY campaign_id, day, store_id`, tenantId, tz);
}
