-- Import of the entities other than customers (issue 4): order-line files,
-- products, orders, order items (lib/imports/<entity>/apply.ts).
--
-- import_entity_rows: ONE staging table for every entity but customers. A row is
-- the cleaned file row as JSON (lib/imports/entity-staging.ts writes it, the
-- entity's apply reads it into typed temp tables). Staged exactly like
-- import_customer_rows (lib/imports/stage.ts): chunk by chunk, each chunk one
-- transaction that also moves import_jobs.staged_through. UNLOGGED for the same
-- reason; a Postgres crash empties it and the job restages (staged_rows check).
CREATE UNLOGGED TABLE import_entity_rows (
  tenant_id  uuid NOT NULL,
  import_id  uuid NOT NULL,
  row_no     integer NOT NULL,
  data       jsonb NOT NULL,
  PRIMARY KEY (tenant_id, import_id, row_no)
);

ALTER TABLE import_entity_rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_entity_rows FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_entity_rows USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- The import that created a row (NULL for rows made any other way), so an undo can
-- remove what an import created. Unindexed on purpose, like
-- customers.created_import_id: an import pays no extra index, an undo (rare) scans.
ALTER TABLE products ADD COLUMN import_id uuid;
ALTER TABLE orders ADD COLUMN import_id uuid;
ALTER TABLE order_items ADD COLUMN import_id uuid;
ALTER TABLE members ADD COLUMN import_id uuid;
ALTER TABLE interactions ADD COLUMN import_id uuid;
ALTER TABLE service_tickets ADD COLUMN import_id uuid;
