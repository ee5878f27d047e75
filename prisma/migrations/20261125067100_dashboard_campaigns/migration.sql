-- Campaign contribution on the sales dashboard and RFM segment movement on the
-- customer dashboard, as rollups (lib/rollups/refresh-campaigns.ts,
-- lib/rollups/refresh-movement.ts): the pages read these small tables and never
-- scan orders or customer_scores. Same conventions as 20261125040000_rollups
-- (days in the tenant's time zone; store_id 00000000-… = no store; department_id /
-- owner_user_id 00000000-… = none). Rebuilt whole by every "orders" refresh.
--
-- rollup_campaign_sales: the treatment arm of each launched campaign, per day and
-- store, with the evaluation's attribution (lib/campaigns/evaluation/outcomes.sql.ts):
-- a purchase (paid, not refunded) ordered in [anchor, anchor + attribution days),
-- anchor = first contact, else the launch; phase 2's excluded customers left out.
--   contacted  treatment customers first contacted that day (store: the customer's home store)
--   converted  treatment customers whose FIRST attributed purchase was that day (store: that order's)
--   purchases, revenue  attributed purchases that day (store: the order's)
CREATE TABLE rollup_campaign_sales (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  campaign_id  uuid NOT NULL,
  day          date NOT NULL,
  store_id     uuid NOT NULL,
  contacted    integer NOT NULL,
  converted    integer NOT NULL,
  purchases    integer NOT NULL,
  revenue      numeric(16, 2) NOT NULL,
  PRIMARY KEY (tenant_id, campaign_id, day, store_id)
);
CREATE INDEX rollup_campaign_sales_day_idx ON rollup_campaign_sales (tenant_id, day);
ALTER TABLE rollup_campaign_sales ENABLE ROW LEVEL SECURITY;
ALTER TABLE rollup_campaign_sales FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rollup_campaign_sales USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- rollup_campaign_arms: each arm of each launched campaign by the customers' home
-- store, over the whole attribution window: what the evaluation's revenue uplift
-- needs (customers, sum and sum of squares of per-customer attributed revenue).
CREATE TABLE rollup_campaign_arms (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  campaign_id  uuid NOT NULL,
  store_id     uuid NOT NULL,
  arm          text NOT NULL CHECK (arm IN ('treatment', 'control')),
  customers    integer NOT NULL,
  contacted    integer NOT NULL,
  converted    integer NOT NULL,
  revenue      double precision NOT NULL,
  revenue_sq   double precision NOT NULL,
  PRIMARY KEY (tenant_id, campaign_id, store_id, arm)
);
ALTER TABLE rollup_campaign_arms ENABLE ROW LEVEL SECURITY;
ALTER TABLE rollup_campaign_arms FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rollup_campaign_arms USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- rollup_segment_movement: lib/analytics/rfm/movement.ts's default pair of
-- snapshots (the newest succeeded scoring run against the newest month end before
-- its month), customers counted by segment before and after ('' = not scored, or
-- no segment) and by the customer's department and owner (the dashboard's scope).
CREATE TABLE rollup_segment_movement (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  from_segment   text NOT NULL,
  to_segment     text NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  from_as_of     date NOT NULL,
  to_as_of       date NOT NULL,
  customers      integer NOT NULL,
  PRIMARY KEY (tenant_id, from_segment, to_segment, department_id, owner_user_id)
);
ALTER TABLE rollup_segment_movement ENABLE ROW LEVEL SECURITY;
ALTER TABLE rollup_segment_movement FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rollup_segment_movement USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
