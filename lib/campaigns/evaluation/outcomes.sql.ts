// Each target's outcome, as one SQL CTE chain shared by the evaluation and by
// phase 2's "non-responders". Definitions (docs: the evaluation page states them):
//   anchor     treatment: when first contacted (message sent or call reached), else the
//              launch; control: the launch (they are never contacted).
//   converted  a purchase (order paid and not refunded) ordered in [anchor, anchor + attribution days).
//   revenue    paid_amount of those orders.
// Phase 2 with retarget 'non_responders' leaves out, in both arms, the customers
// who converted in phase 1 (fixed at launch in campaign_runs.excluded_customer_ids).
// Parameters: $1 tenant id, $2 campaign id.
export const OUTCOMES_CTE = `
  run AS (
    SELECT r.launched_at, r.attribution_days, r.excluded_customer_ids FROM campaign_runs r
    WHERE r.tenant_id = $1::uuid AND r.campaign_id = $2::uuid AND r.launched_at IS NOT NULL
  ),
  tg AS (
    SELECT t.customer_id, t.arm, t.contacted_at, c.home_store_id,
           CASE WHEN t.arm = 'treatment' THEN coalesce(t.contacted_at, run.launched_at) ELSE run.launched_at END AS anchor,
           run.attribution_days
    FROM campaign_targets t CROSS JOIN run
    JOIN customers c ON c.tenant_id = t.tenant_id AND c.id = t.customer_id
    WHERE t.tenant_id = $1::uuid AND t.campaign_id = $2::uuid AND NOT (t.customer_id = ANY (run.excluded_customer_ids))
  ),
  outcome AS (
    SELECT tg.customer_id, tg.arm, tg.contacted_at, tg.home_store_id,
           count(o.id) > 0 AS converted, coalesce(sum(o.paid_amount), 0)::float8 AS revenue
    FROM tg
    LEFT JOIN orders o ON o.tenant_id = $1::uuid AND o.customer_id = tg.customer_id
      AND o.paid_at IS NOT NULL AND o.refunded_at IS NULL
      AND o.ordered_at >= tg.anchor AND o.ordered_at < tg.anchor + make_interval(days => tg.attribution_days)
    GROUP BY tg.customer_id, tg.arm, tg.contacted_at, tg.home_store_id
  )`;
