// RFM segment movement as a rollup (migration 20261125067100_dashboard_campaigns):
// the customer dashboard read lib/analytics/rfm/movement.ts — a FULL JOIN of two
// customer_scores snapshots — on every load. The same pair of snapshots and the same
// counts are computed here, in the rollups job's "orders" step (which scoring runs
// after every run through enqueueScoreRollups), by the customer's department and
// owner from the step's temp table rollup_customer_facts so the dashboard can scope
// them. Rebuilt whole; no rows while there is no earlier month end to compare with.
import { NOBODY } from "@/lib/rollups/dimensions";

type Run = (name: string, sql: string, ...params: unknown[]) => Promise<void>;

export async function refreshMovementRollup(run: Run, opts: { tenantId: string }): Promise<void> {
  const { tenantId } = opts;
  await run("delete", `DELETE FROM rollup_segment_movement WHERE tenant_id = $1::uuid`, tenantId);
  // The pair of lib/analytics/rfm/movement.ts's segmentMovement defaults: `to` = the newest
  // succeeded run, `from` = the newest succeeded month end before `to`'s month.
  await run("rollup_segment_movement", `
    WITH latest AS (
      SELECT max(as_of) AS to_as_of FROM scoring_runs WHERE tenant_id = $1::uuid AND status = 'succeeded'
    ), pair AS (
      SELECT l.to_as_of, (
        SELECT max(s.as_of) FROM scoring_runs s
        WHERE s.tenant_id = $1::uuid AND s.status = 'succeeded' AND extract(day FROM s.as_of + 1) = 1
          AND s.as_of < date_trunc('month', l.to_as_of)::date
      ) AS from_as_of
      FROM latest l
    )
    INSERT INTO rollup_segment_movement (tenant_id, from_segment, to_segment, department_id, owner_user_id, from_as_of, to_as_of, customers)
    SELECT $1::uuid, coalesce(m.before, ''), coalesce(m.after, ''),
      coalesce(f.department_id, '${NOBODY}'::uuid), coalesce(f.owner_user_id, '${NOBODY}'::uuid),
      pair.from_as_of, pair.to_as_of, count(*)
    FROM pair
    CROSS JOIN LATERAL (
      SELECT coalesce(n.customer_id, p.customer_id) AS customer_id, p.rfm_segment AS before, n.rfm_segment AS after
      FROM (SELECT customer_id, rfm_segment FROM customer_scores WHERE tenant_id = $1::uuid AND as_of = pair.from_as_of) p
      FULL JOIN (SELECT customer_id, rfm_segment FROM customer_scores WHERE tenant_id = $1::uuid AND as_of = pair.to_as_of) n
        ON n.customer_id = p.customer_id
    ) m(customer_id, before, after)
    LEFT JOIN rollup_customer_facts f ON f.customer_id = m.customer_id
    WHERE pair.from_as_of IS NOT NULL AND pair.to_as_of IS NOT NULL
    GROUP BY 2, 3, 4, 5, 6, 7`, tenantId);
}
