-- Campaign execution and evaluation (issue 7, points 4–7): how an approved
-- campaign is run, who may not be contacted, and what happened to each message.
--
-- Sending exactly once (lib/campaigns/execution/send.ts): a batch first records one
-- outbound_messages row per (campaign, batch, customer, channel) — the idempotency
-- key is unique per tenant, so a retried job inserts nothing new — and a send claims
-- rows by moving them queued → sending in a committed transaction before calling the
-- provider. A retry only ever sends rows still 'queued' (or, for providers that
-- deduplicate on our key, re-sends 'sending' ones with the same key).

-- ───────────── per-campaign run settings (campaigns itself belongs to planning) ─────────────

CREATE TABLE campaign_runs (
  tenant_id           uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  campaign_id         uuid NOT NULL,
  -- Two-phase campaigns: phase 2 points at the phase-1 campaign it follows up.
  parent_campaign_id  uuid,
  phase               smallint NOT NULL DEFAULT 1 CHECK (phase IN (1, 2)),
  -- Phase 2 of a parent may skip (in both arms, so the comparison stays fair) the
  -- customers who already converted in phase 1: it retargets the non-responders.
  retarget            text NOT NULL DEFAULT 'all' CHECK (retarget IN ('all', 'non_responders')),
  -- The phase-1 converters fixed at launch (retarget 'non_responders'): not contacted, not evaluated.
  excluded_customer_ids uuid[] NOT NULL DEFAULT '{}',
  message_template    text NOT NULL DEFAULT '',
  call_script         text NOT NULL DEFAULT '',
  assignment          text NOT NULL DEFAULT 'round_robin' CHECK (assignment IN ('owner', 'store', 'round_robin')),
  task_due_days       integer NOT NULL DEFAULT 7 CHECK (task_due_days BETWEEN 1 AND 365),
  attribution_days    integer NOT NULL DEFAULT 14 CHECK (attribution_days BETWEEN 1 AND 365),
  cost_per_message    numeric(10, 4) NOT NULL DEFAULT 0 CHECK (cost_per_message >= 0),
  cost_per_call       numeric(10, 2) NOT NULL DEFAULT 0 CHECK (cost_per_call >= 0),
  fixed_cost          numeric(14, 2) NOT NULL DEFAULT 0 CHECK (fixed_cost >= 0),
  launched_at         timestamptz(3),
  launched_by         uuid,
  finished_at         timestamptz(3),
  created_at          timestamptz(3) NOT NULL DEFAULT now(),
  updated_at          timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, campaign_id),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, parent_campaign_id) REFERENCES campaigns (tenant_id, id) ON DELETE SET NULL (parent_campaign_id),
  CHECK (parent_campaign_id IS NULL OR parent_campaign_id <> campaign_id)
);
CREATE INDEX campaign_runs_parent_idx ON campaign_runs (tenant_id, parent_campaign_id);

-- ───────────── who may not be contacted, and how often anyone may be ─────────────

CREATE TABLE customer_opt_outs (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id  uuid NOT NULL,
  -- 'all' refuses every channel.
  channel      text NOT NULL CHECK (channel IN ('sms', 'email', 'call', 'all')),
  reason       text,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, customer_id, channel),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
);

-- One row per tenant; none means the defaults (3 contacts in 7 days).
CREATE TABLE contact_frequency_caps (
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  max_contacts  integer NOT NULL DEFAULT 3 CHECK (max_contacts BETWEEN 1 AND 1000),
  window_days   integer NOT NULL DEFAULT 7 CHECK (window_days BETWEEN 1 AND 365),
  updated_at    timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);

-- ───────────── batches, messages, tasks ─────────────

ALTER TABLE campaign_batches
  -- Which channel this batch sends on, and at most how many customers it takes.
  ADD COLUMN channel          text NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email')),
  ADD COLUMN size_limit       integer CHECK (size_limit IS NULL OR size_limit > 0),
  -- A form's one-time key: a double-clicked "send" makes one batch, not two.
  ADD COLUMN request_key      text,
  ADD COLUMN created_by       uuid,
  ADD COLUMN planned_count    integer NOT NULL DEFAULT 0,
  ADD COLUMN skipped_opt_out  integer NOT NULL DEFAULT 0,
  ADD COLUMN skipped_cap      integer NOT NULL DEFAULT 0,
  ADD COLUMN skipped_no_address integer NOT NULL DEFAULT 0,
  ADD COLUMN failed_count     integer NOT NULL DEFAULT 0,
  ADD COLUMN started_at       timestamptz(3),
  ADD COLUMN finished_at      timestamptz(3);
ALTER TABLE campaign_batches ADD CONSTRAINT campaign_batches_request_key UNIQUE (tenant_id, campaign_id, request_key);

ALTER TABLE outbound_messages DROP CONSTRAINT outbound_messages_status_check;
ALTER TABLE outbound_messages ADD CONSTRAINT outbound_messages_status_check
  CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'skipped'));
ALTER TABLE outbound_messages
  -- Why a planned message was not sent: 'opt_out', 'frequency_cap', 'no_address'.
  ADD COLUMN skip_reason   text CHECK (skip_reason IN ('opt_out', 'frequency_cap', 'no_address')),
  ADD COLUMN delivered_at  timestamptz(3),
  ADD COLUMN updated_at    timestamptz(3) NOT NULL DEFAULT now(),
  ADD CONSTRAINT outbound_messages_skip_reason CHECK ((status = 'skipped') = (skip_reason IS NOT NULL));
-- The batch's queue: rows still to send, in a stable order.
CREATE INDEX outbound_messages_batch_status_idx ON outbound_messages (tenant_id, batch_id, status, id);
-- (The frequency cap counts a customer's recent contacts through outbound_messages_customer_idx.)

-- Delivery status as the provider reported it, in order.
CREATE TABLE outbound_message_events (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  message_id   uuid NOT NULL,
  status       text NOT NULL CHECK (status IN ('sending', 'sent', 'delivered', 'failed')),
  detail       text,
  occurred_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, message_id) REFERENCES outbound_messages (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX outbound_message_events_message_idx ON outbound_message_events (tenant_id, message_id, occurred_at);

ALTER TABLE care_tasks
  ADD COLUMN assigned_by   uuid,
  ADD COLUMN updated_at    timestamptz(3) NOT NULL DEFAULT now(),
  ADD COLUMN version       integer NOT NULL DEFAULT 1;
-- One call task per customer and campaign: a re-run launch creates none twice.
CREATE UNIQUE INDEX care_tasks_campaign_customer ON care_tasks (tenant_id, campaign_id, customer_id) WHERE campaign_id IS NOT NULL;

ALTER TABLE campaign_targets
  -- The channel that reached the customer first.
  ADD COLUMN contact_channel text;
-- Evaluation reads a campaign's arms.
CREATE INDEX campaign_targets_arm_idx ON campaign_targets (tenant_id, campaign_id, arm);

ALTER TABLE campaign_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON campaign_runs USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE customer_opt_outs ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer_opt_outs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customer_opt_outs USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE contact_frequency_caps ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_frequency_caps FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON contact_frequency_caps USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE outbound_message_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbound_message_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbound_message_events USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
