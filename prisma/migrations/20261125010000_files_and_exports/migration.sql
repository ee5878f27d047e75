-- Files kept in the database, in chunks: exports to download, uploads to import,
-- error reports. Any web instance or worker can stream them; nothing lives on one
-- machine's disk. Plus the export requests with their progress.

CREATE TABLE stored_files (
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  purpose       text NOT NULL CHECK (purpose IN ('export', 'import', 'error_report')),
  name          text NOT NULL,
  content_type  text NOT NULL DEFAULT 'text/csv; charset=utf-8',
  status        text NOT NULL DEFAULT 'writing' CHECK (status IN ('writing', 'ready')),
  byte_size     bigint NOT NULL DEFAULT 0,
  sha256        text,
  created_by    uuid,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  expires_at    timestamptz(3),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX stored_files_created_idx ON stored_files (tenant_id, created_at DESC);

CREATE TABLE stored_file_chunks (
  tenant_id  uuid NOT NULL,
  file_id    uuid NOT NULL,
  seq        integer NOT NULL CHECK (seq >= 0),
  data       bytea NOT NULL,
  PRIMARY KEY (tenant_id, file_id, seq),
  FOREIGN KEY (tenant_id, file_id) REFERENCES stored_files(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE exports (
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  entity        text NOT NULL,
  requested_by  uuid NOT NULL,
  filters       jsonb NOT NULL DEFAULT '{}',
  columns       text[] NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  rows_total    integer,
  rows_done     integer NOT NULL DEFAULT 0,
  file_id       uuid,
  error         text,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  finished_at   timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, file_id) REFERENCES stored_files(tenant_id, id) ON DELETE SET NULL (file_id)
);
CREATE INDEX exports_requested_idx ON exports (tenant_id, requested_by, created_at DESC);

ALTER TABLE stored_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE stored_files FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stored_files USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE stored_file_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE stored_file_chunks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stored_file_chunks USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE exports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON exports USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
