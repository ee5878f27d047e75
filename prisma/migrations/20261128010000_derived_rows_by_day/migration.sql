-- Derived rows of deleted customers, found day by day.
--
-- customer_features and now customer_scores (20261128000000_customer_scores_day_key)
-- are keyed (tenant_id, as_of, customer_id). Deleting a few customers' rows by
-- customer alone reads the tenant's whole range of each table (0.25 s per day per
-- table for a 1M-customer tenant); naming the days makes it one key probe per
-- customer and day (3 ms for ten customers). tenant_days() lists a tenant's days in
-- any table keyed that way (customer_score_days() generalised; it goes).
CREATE FUNCTION tenant_days(tbl regclass, tenant uuid) RETURNS date[] LANGUAGE plpgsql STABLE AS $$
DECLARE days date[];
BEGIN
  EXECUTE format($q$
    WITH RECURSIVE d(as_of) AS (
      (SELECT s.as_of FROM %1$s s WHERE s.tenant_id = $1 ORDER BY s.as_of DESC LIMIT 1)
      UNION ALL
      SELECT (SELECT s.as_of FROM %1$s s WHERE s.tenant_id = $1 AND s.as_of < d.as_of ORDER BY s.as_of DESC LIMIT 1)
      FROM d WHERE d.as_of IS NOT NULL
    )
    SELECT coalesce(array_agg(d.as_of ORDER BY d.as_of DESC), '{}') FROM d WHERE d.as_of IS NOT NULL$q$, tbl)
  INTO days USING tenant;
  RETURN days;
END $$;

DROP FUNCTION customer_score_days(uuid);

-- The statement-level trigger of 20261126000000_scoring_derived_keys, by day for the two
-- day-keyed tables. For a large delete (an import's undo, a tenant's removal) the
-- planner, which knows the transition table's size, still hashes.
CREATE OR REPLACE FUNCTION customers_delete_derived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_scores s
    USING (SELECT DISTINCT tenant_id FROM gone) t, unnest(tenant_days('customer_scores', t.tenant_id)) d(as_of), gone g
    WHERE s.tenant_id = t.tenant_id AND s.as_of = d.as_of AND g.tenant_id = t.tenant_id AND s.customer_id = g.id;
  DELETE FROM customer_features f
    USING (SELECT DISTINCT tenant_id FROM gone) t, unnest(tenant_days('customer_features', t.tenant_id)) d(as_of), gone g
    WHERE f.tenant_id = t.tenant_id AND f.as_of = d.as_of AND g.tenant_id = t.tenant_id AND f.customer_id = g.id;
  DELETE FROM customer_clusters c USING gone g WHERE c.tenant_id = g.tenant_id AND c.customer_id = g.id;
  RETURN NULL;
END $$;
