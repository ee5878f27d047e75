-- More rollups for the member and interaction dashboards and the customer score
-- distributions (issue 6, points 3–5). Same conventions as 20261125040000_rollups:
-- `day` is the calendar day in the tenant's time zone; dimensions are NOT NULL
-- (a missing tier, department or owner is 00000000-0000-0000-0000-000000000000);
-- no foreign keys (derived data, replaced by lib/rollups/refresh-more.ts).
-- Customer-level tables carry the customer's department_id and owner_user_id so a
-- viewer's data scope applies exactly as on the customer list; order-level tables
-- carry store_id like the sales rollups.

-- Members (live customers with a members row) by current tier, with their points balance.
CREATE TABLE rollup_member_tiers (
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  tier_id         uuid NOT NULL,
  department_id   uuid NOT NULL,
  owner_user_id   uuid NOT NULL,
  members         integer NOT NULL,
  points_balance  bigint NOT NULL,
  PRIMARY KEY (tenant_id, tier_id, department_id, owner_user_id)
);

-- Tier changes by day, from tier (none = 0000…) to tier.
CREATE TABLE rollup_tier_changes_daily (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day            date NOT NULL,
  from_tier_id   uuid NOT NULL,
  to_tier_id     uuid NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  changes        integer NOT NULL,
  PRIMARY KEY (tenant_id, day, from_tier_id, to_tier_id, department_id, owner_user_id)
);

-- Points ledger by day: points earned (positive deltas) and consumed (negative, as a
-- positive number). The outstanding balance at a day is the running sum of earned − consumed.
CREATE TABLE rollup_points_daily (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day            date NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  earned         bigint NOT NULL,
  consumed       bigint NOT NULL,
  PRIMARY KEY (tenant_id, day, department_id, owner_user_id)
);

-- Purchases of members (the customer had joined by the time of the order) and of
-- non-members, by day and by month; buyers are distinct within the row.
CREATE TABLE rollup_member_sales (
  tenant_id  uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  grain      text NOT NULL CHECK (grain IN ('day', 'month')),
  period     date NOT NULL,
  store_id   uuid NOT NULL,
  channel    text NOT NULL,
  member     boolean NOT NULL,
  purchases  integer NOT NULL,
  revenue    numeric(16, 2) NOT NULL,
  buyers     integer NOT NULL,
  PRIMARY KEY (tenant_id, grain, period, store_id, channel, member)
);

-- Coupons issued and used by day (issued: issued_at's day; used: used_at's day).
CREATE TABLE rollup_coupons_daily (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day            date NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  issued         integer NOT NULL,
  issued_value   numeric(16, 2) NOT NULL,
  used           integer NOT NULL,
  used_value     numeric(16, 2) NOT NULL,
  PRIMARY KEY (tenant_id, day, department_id, owner_user_id)
);

-- Interactions by day and channel: how many, the points they earned, and how many
-- were followed by a purchase of the same customer within 7 and within 30 days.
CREATE TABLE rollup_interactions_daily (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day            date NOT NULL,
  channel        text NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  interactions   integer NOT NULL,
  points         bigint NOT NULL,
  converted_7    integer NOT NULL,
  converted_30   integer NOT NULL,
  PRIMARY KEY (tenant_id, day, channel, department_id, owner_user_id)
);

-- Distinct interacting customers per day, ISO week and month, by channel; channel
-- '*' counts a customer once across channels.
CREATE TABLE rollup_interaction_customers (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  grain          text NOT NULL CHECK (grain IN ('day', 'week', 'month')),
  period         date NOT NULL,
  channel        text NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  customers      integer NOT NULL,
  PRIMARY KEY (tenant_id, grain, period, channel, department_id, owner_user_id)
);

-- Referrals (老带新) by the day of the referral, scoped by the referred customer:
-- referred customers, those who bought since, their purchases and revenue (purchases
-- on or after the referral), and the reward points granted.
CREATE TABLE rollup_referrals_daily (
  tenant_id           uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day                 date NOT NULL,
  department_id       uuid NOT NULL,
  owner_user_id       uuid NOT NULL,
  referrals           integer NOT NULL,
  referred_buyers     integer NOT NULL,
  referred_purchases  integer NOT NULL,
  referred_revenue    numeric(16, 2) NOT NULL,
  reward_points       bigint NOT NULL,
  PRIMARY KEY (tenant_id, day, department_id, owner_user_id)
);

-- Score buckets gain the R, F and M scores (activity, loyalty, spending power) and
-- the customer's RFM segment as a dimension, so every distribution can be filtered
-- by segment ('' = not segmented).
ALTER TABLE rollup_customer_scores DROP CONSTRAINT rollup_customer_scores_kind_check;
ALTER TABLE rollup_customer_scores ADD CONSTRAINT rollup_customer_scores_kind_check
  CHECK (kind IN ('rfm_segment', 'churn_risk', 'clv_band', 'r_score', 'f_score', 'm_score'));
ALTER TABLE rollup_customer_scores ADD COLUMN segment text NOT NULL DEFAULT '';
ALTER TABLE rollup_customer_scores DROP CONSTRAINT rollup_customer_scores_pkey;
ALTER TABLE rollup_customer_scores ADD PRIMARY KEY (tenant_id, kind, bucket, segment, department_id, owner_user_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['rollup_member_tiers', 'rollup_tier_changes_daily', 'rollup_points_daily', 'rollup_member_sales',
                           'rollup_coupons_daily', 'rollup_interactions_daily', 'rollup_interaction_customers', 'rollup_referrals_daily']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) '
                   'WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END $$;
