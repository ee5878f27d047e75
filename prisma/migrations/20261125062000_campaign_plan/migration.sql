-- Campaign planning (issue 7, points 1–3, 8, 9): what a campaign targets, its offer,
-- who asked for approval and how many levels it needs, the audience and cost it was
-- estimated at, and when its audience was frozen into campaign_targets. Plus the
-- tenant's campaign settings (second approval level, control share, default
-- response assumptions of the what-if) and the segment kind 'dynamic'.
-- Execution (batches, sends) is another migration; its statuses are listed here so
-- the whole life cycle is one CHECK (lib/campaigns/status.ts).

ALTER TABLE campaigns DROP CONSTRAINT campaigns_status_check;
ALTER TABLE campaigns ADD CONSTRAINT campaigns_status_check CHECK (status IN
  ('draft', 'pending_approval', 'pending_approval_2', 'approved', 'rejected', 'running', 'completed', 'cancelled'));

ALTER TABLE campaigns
  -- The audience's source: a segment of any kind (dynamic, static/imported list, model, basket).
  ADD COLUMN segment_id               uuid,
  -- What the source was when planned: {"kind": "segment", "segmentKind": …, "segmentName": …}.
  ADD COLUMN target_source            jsonb,
  -- The offer per responder (e.g. a coupon's value), in the tenant's currency; 0 = no offer.
  ADD COLUMN offer_value              numeric(12, 2) NOT NULL DEFAULT 0 CHECK (offer_value >= 0),
  ADD COLUMN created_by               uuid,
  ADD COLUMN requested_by             uuid,
  ADD COLUMN requested_at             timestamptz(3),
  -- 2 when the budget exceeded the tenant's threshold at submission.
  ADD COLUMN approval_level_required  smallint NOT NULL DEFAULT 1 CHECK (approval_level_required IN (1, 2)),
  -- At the last submission: audience size, predicted response (share of treatment) and cost.
  ADD COLUMN audience_count           integer,
  ADD COLUMN predicted_response       numeric(6, 5),
  ADD COLUMN estimated_cost           numeric(14, 2),
  -- Set with the campaign_targets rows on final approval; never changed afterwards.
  ADD COLUMN audience_frozen_at       timestamptz(3);

ALTER TABLE campaigns ADD CONSTRAINT campaigns_control_ratio_check CHECK (control_ratio >= 0 AND control_ratio < 1);
ALTER TABLE campaigns
  ADD CONSTRAINT campaigns_segment_fkey FOREIGN KEY (tenant_id, segment_id)
    REFERENCES segments (tenant_id, id) ON DELETE SET NULL (segment_id),
  ADD CONSTRAINT campaigns_requested_by_fkey FOREIGN KEY (tenant_id, requested_by)
    REFERENCES memberships (tenant_id, user_id),
  ADD CONSTRAINT campaigns_created_by_fkey FOREIGN KEY (tenant_id, created_by)
    REFERENCES memberships (tenant_id, user_id);
CREATE INDEX campaigns_segment_idx ON campaigns (tenant_id, segment_id);
CREATE INDEX campaigns_requested_by_idx ON campaigns (tenant_id, requested_by);
CREATE INDEX campaigns_created_by_idx ON campaigns (tenant_id, created_by);
-- The list, newest first, and "other running campaigns" for overlaps.
CREATE INDEX campaigns_status_idx ON campaigns (tenant_id, status, created_at DESC);

ALTER TABLE segments DROP CONSTRAINT segments_kind_check;
ALTER TABLE segments ADD CONSTRAINT segments_kind_check CHECK (kind IN ('dynamic', 'rule', 'model', 'static', 'cluster', 'basket'));

-- One row per tenant; a missing row means the defaults below.
CREATE TABLE campaign_settings (
  tenant_id                uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- A budget above this needs a second approval.
  second_level_threshold   numeric(14, 2) NOT NULL DEFAULT 50000 CHECK (second_level_threshold >= 0),
  default_control_ratio    numeric(4, 3) NOT NULL DEFAULT 0.100 CHECK (default_control_ratio >= 0 AND default_control_ratio < 1),
  -- The what-if's stated defaults when no past campaign says otherwise.
  baseline_response_rate   numeric(6, 5) NOT NULL DEFAULT 0.02 CHECK (baseline_response_rate BETWEEN 0 AND 1),
  default_response_rate    numeric(6, 5) NOT NULL DEFAULT 0.05 CHECK (default_response_rate BETWEEN 0 AND 1),
  gross_margin             numeric(4, 3) NOT NULL DEFAULT 0.300 CHECK (gross_margin BETWEEN 0 AND 1),
  updated_at               timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);

ALTER TABLE campaign_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON campaign_settings USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
