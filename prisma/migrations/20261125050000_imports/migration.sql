-- Data import (issue 4): the wizard's state on import_jobs, saved column mappings,
-- the staging table the worker COPYs cleaned rows into, and what the import said
-- about each row (docs/import-format.md, lib/imports/).
--
-- How an import stays exact when a worker dies (lib/imports/stage.ts, apply.ts):
-- * Staging: the file is read from the start; every ~256 KB of cleaned rows is one
--   transaction that inserts the rows into import_customer_rows, their problems into
--   import_row_issues, and moves import_jobs.staged_through (the last file row
--   handled) forward. A killed worker's successor re-reads the file and writes only
--   rows past staged_through: none twice, none lost.
-- * Applying: one transaction matches the staged rows against the tenant's
--   customers and creates/updates them, writes the counts, the error report and
--   status 'succeeded' together. Nothing of a file is applied until all of it is
--   staged, so a bad file (an unclosed quote at row 900,000) changes nothing.
--
-- import_customer_rows is UNLOGGED: fast to write, and a Postgres crash empties it.
-- import_jobs.staged_rows counts what a committed chunk put there; a job that finds
-- fewer rows than that restages the file from the first row.

-- ───────────── import_jobs: the wizard's and the worker's state ─────────────

ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_status_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_status_check CHECK (status IN
  ('uploaded', 'pending', 'validating', 'validated', 'queued', 'running', 'succeeded', 'failed', 'cancelled', 'undone'));
ALTER TABLE import_jobs ALTER COLUMN status SET DEFAULT 'uploaded';

ALTER TABLE import_jobs
  -- The uploaded file (stored_files, purpose 'import') and its size.
  ADD COLUMN file_id           uuid,
  ADD COLUMN file_bytes        bigint NOT NULL DEFAULT 0,
  -- What the upload's first look found: kind, encoding, delimiter, header row, headers, first rows, warnings.
  ADD COLUMN preview           jsonb,
  -- lib/import/template.ts headerSignature of the headers (finds a saved mapping).
  ADD COLUMN header_signature  text,
  -- The language of the person who started it: the error report is written in it.
  ADD COLUMN locale            text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  -- What the current (or last) job does: 'dry_run' stages and counts, 'run' also applies.
  ADD COLUMN mode              text CHECK (mode IN ('dry_run', 'run')),
  -- Bumped by every request to run; a job whose payload carries an older number is stale.
  ADD COLUMN run_seq           integer NOT NULL DEFAULT 0,
  ADD COLUMN phase             text CHECK (phase IN ('staging', 'applying')),
  ADD COLUMN phase_started_at  timestamptz(3),
  ADD COLUMN progress_at       timestamptz(3),
  ADD COLUMN bytes_done        bigint NOT NULL DEFAULT 0,
  -- Staging high-water mark: every file row up to this one is staged (or reported).
  ADD COLUMN staged_through    integer NOT NULL DEFAULT 0,
  ADD COLUMN staged_rows       integer NOT NULL DEFAULT 0,
  -- The mapping and time zone the staged rows were cleaned with (a hash); another means restage.
  ADD COLUMN staged_key        text,
  ADD COLUMN staged_complete   boolean NOT NULL DEFAULT false,
  ADD COLUMN warning_count     integer NOT NULL DEFAULT 0,
  ADD COLUMN cancel_requested  boolean NOT NULL DEFAULT false,
  -- Failures of the job itself (not of rows), counted against the queue's attempts.
  ADD COLUMN failures          integer NOT NULL DEFAULT 0,
  -- Why the import as a whole stopped: a message key and its params (shown in the reader's language).
  ADD COLUMN error             jsonb,
  -- The dry run's answer: will create / update / skip / fail, and the breakdown.
  ADD COLUMN dry_run           jsonb,
  -- The run's breakdown of skipped and failed rows.
  ADD COLUMN report            jsonb,
  -- The problems CSV (stored_files, purpose 'error_report').
  ADD COLUMN error_file_id     uuid,
  ADD COLUMN updated_at        timestamptz(3) NOT NULL DEFAULT now();

ALTER TABLE import_jobs
  ADD CONSTRAINT import_jobs_file_fkey FOREIGN KEY (tenant_id, file_id)
    REFERENCES stored_files (tenant_id, id) ON DELETE SET NULL (file_id),
  ADD CONSTRAINT import_jobs_error_file_fkey FOREIGN KEY (tenant_id, error_file_id)
    REFERENCES stored_files (tenant_id, id) ON DELETE SET NULL (error_file_id);
CREATE INDEX import_jobs_file_idx ON import_jobs (tenant_id, file_id);
CREATE INDEX import_jobs_error_file_idx ON import_jobs (tenant_id, error_file_id);
-- The imports history page, newest first.
CREATE INDEX import_jobs_created_idx ON import_jobs (tenant_id, created_at DESC, id);

-- ───────────── saved column mappings ─────────────

-- One per tenant, entity and header signature: the same export next month gets the
-- same mapping (and match keys and update policy) offered again.
CREATE TABLE import_mapping_templates (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  entity      text NOT NULL,
  signature   text NOT NULL,
  headers     text[] NOT NULL DEFAULT '{}',
  mapping     jsonb NOT NULL,
  options     jsonb NOT NULL DEFAULT '{}',
  created_by  uuid,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, entity, signature)
);

-- ───────────── staging: cleaned customer rows ─────────────

-- One row per file row that cleaned without an error and is not an in-file
-- duplicate, typed as the customers table wants it. No foreign keys: a per-row
-- check would halve the load rate; the job deletes its rows when it ends.
CREATE UNLOGGED TABLE import_customer_rows (
  tenant_id       uuid NOT NULL,
  import_id       uuid NOT NULL,
  row_no          integer NOT NULL,
  external_id     text,
  name            text NOT NULL,
  gender          text,
  birthday        date,
  phone           text,
  email           text,
  province        text,
  city            text,
  district        text,
  address         text,
  occupation      text,
  interests       text[] NOT NULL DEFAULT '{}',
  source_channel  text,
  home_store_id   uuid,
  department_id   uuid,
  registered_at   timestamptz(3),
  tags            text[] NOT NULL DEFAULT '{}',
  wechat_openid   text,
  tmall_nick      text,
  jd_account      text,
  PRIMARY KEY (tenant_id, import_id, row_no)
);

-- ───────────── what the import said about each row ─────────────

-- Errors (the row was not imported), duplicates (skipped, naming the earlier row or
-- customer) and warnings (imported, with this said about it). `phase` 'clean' rows
-- are written while staging; 'apply' rows (a row matching two customers…) are
-- replaced by every apply. The first issue of a row carries the row's cells.
CREATE TABLE import_row_issues (
  tenant_id      uuid NOT NULL,
  import_id      uuid NOT NULL,
  row_no         integer NOT NULL,
  seq            integer NOT NULL,
  level          text NOT NULL CHECK (level IN ('error', 'duplicate', 'warning')),
  phase          text NOT NULL DEFAULT 'clean' CHECK (phase IN ('clean', 'apply')),
  column_name    text,
  field          text,
  value          text,
  reason_key     text NOT NULL,
  reason_params  jsonb,
  cells          jsonb,
  PRIMARY KEY (tenant_id, import_id, row_no, seq),
  FOREIGN KEY (tenant_id, import_id) REFERENCES import_jobs (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE import_mapping_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_mapping_templates FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_mapping_templates USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE import_customer_rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_customer_rows FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_customer_rows USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE import_row_issues ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_row_issues FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_row_issues USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
