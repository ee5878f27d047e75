-- Undo of an import (issue 4, lib/imports/undo.ts) and the import API's keys.
--
-- customers.created_import_id: the import that created the customer (NULL for
-- customers made any other way). Unindexed on purpose: an import of a million rows
-- pays no extra index; an undo (rare) finds them in one scan of the tenant's rows.
--
-- import_customer_changes: what an import changed on customers it did not create,
-- enough to put it back: the columns it may write, as they were before (kind
-- 'updated', with the version the update produced, so a customer edited since is
-- left alone), and each channel identity or tag it added (kind 'identity' / 'tag').
ALTER TABLE customers ADD COLUMN created_import_id uuid;

ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_status_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_status_check CHECK (status IN
  ('uploaded', 'pending', 'validating', 'validated', 'queued', 'running', 'succeeded', 'failed', 'cancelled', 'undoing', 'undone'));
ALTER TABLE import_jobs ADD COLUMN undo_report jsonb;

CREATE TABLE import_customer_changes (
  tenant_id      uuid NOT NULL,
  import_id      uuid NOT NULL,
  customer_id    uuid NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('updated', 'identity', 'tag')),
  -- 'identity': channel; 'tag': the tag's id; 'updated': ''.
  key            text NOT NULL DEFAULT '',
  -- 'identity': the channel id; 'updated': the row before (the import's columns and version).
  value          text NOT NULL DEFAULT '',
  before         jsonb,
  PRIMARY KEY (tenant_id, import_id, customer_id, kind, key, value),
  FOREIGN KEY (tenant_id, import_id) REFERENCES import_jobs (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE import_customer_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_customer_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_customer_changes USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- Saved views of the customer list (lib/customers/saved-views.ts): a person's named
-- filter sets, kept as the list's own query string (re-parsed on every use).
CREATE TABLE saved_views (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  query       text NOT NULL CHECK (length(query) <= 2000),
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, user_id, name)
);
ALTER TABLE saved_views ENABLE ROW LEVEL SECURITY;
ALTER TABLE saved_views FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON saved_views USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
