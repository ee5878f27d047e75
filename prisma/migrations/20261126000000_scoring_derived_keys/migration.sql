-- Scoring outputs without per-row foreign keys (issue 5, point 9: the scoring job's
-- speed). customer_scores, customer_features and customer_clusters are derived
-- data: every scoring run writes one row per scored customer into each, and the
-- row-level RI triggers were a large part of the run (docs/benchmarks.md,
-- "Scoring job"): each inserted row checked its tenant and key-share-locked its
-- customer, which writes the customer's heap tuple — a second write per customer
-- for every table, every night.
--
-- What the foreign keys guaranteed is kept by other means:
-- - rows are only ever written by the scoring and clusters jobs, from customers
--   read in the same transaction (joined with customers, deleted_at IS NULL);
-- - a deleted customer takes its derived rows with it through one statement-level
--   trigger (below), which deletes them set-based from the statement's transition
--   table; tenant deletion cascades to customers and so reaches it too. The merge
--   and undo paths already delete these rows themselves (lib/customers/merge.ts,
--   lib/imports/undo.ts); the trigger covers every other path.
ALTER TABLE customer_scores DROP CONSTRAINT customer_scores_tenant_id_fkey;
ALTER TABLE customer_scores DROP CONSTRAINT customer_scores_tenant_id_customer_id_fkey;
ALTER TABLE customer_features DROP CONSTRAINT customer_features_tenant_id_fkey;
ALTER TABLE customer_clusters DROP CONSTRAINT customer_clusters_tenant_id_fkey;
ALTER TABLE customer_clusters DROP CONSTRAINT customer_clusters_tenant_id_customer_id_fkey;

CREATE FUNCTION customers_delete_derived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM customer_scores s USING gone g WHERE s.tenant_id = g.tenant_id AND s.customer_id = g.id;
  DELETE FROM customer_features f USING gone g WHERE f.tenant_id = g.tenant_id AND f.customer_id = g.id;
  DELETE FROM customer_clusters c USING gone g WHERE c.tenant_id = g.tenant_id AND c.customer_id = g.id;
  RETURN NULL;
END $$;

CREATE TRIGGER customers_delete_derived AFTER DELETE ON customers
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION customers_delete_derived();
