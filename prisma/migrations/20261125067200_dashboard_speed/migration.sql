-- Monthly rollups for the member and interaction dashboards (issue 6, point 9): a
-- long range reads its whole months here and only its ragged ends from the daily
-- tables, as the product and category rollups do (20261125040000_rollups). Each
-- row is the sum of the daily table's rows of the month (same dimensions), rebuilt
-- from the daily table by lib/rollups/refresh-months.ts right after it. `month` is
-- the first day of the calendar month in the tenant's time zone. Derived data: no
-- foreign keys but the tenant's, like the daily tables.

CREATE TABLE rollup_interactions_monthly (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  month          date NOT NULL,
  channel        text NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  interactions   integer NOT NULL,
  points         bigint NOT NULL,
  converted_7    integer NOT NULL,
  converted_30   integer NOT NULL,
  PRIMARY KEY (tenant_id, month, channel, department_id, owner_user_id)
);

CREATE TABLE rollup_points_monthly (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  month          date NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  earned         bigint NOT NULL,
  consumed       bigint NOT NULL,
  PRIMARY KEY (tenant_id, month, department_id, owner_user_id)
);

CREATE TABLE rollup_coupons_monthly (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  month          date NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  issued         integer NOT NULL,
  issued_value   numeric(16, 2) NOT NULL,
  used           integer NOT NULL,
  used_value     numeric(16, 2) NOT NULL,
  PRIMARY KEY (tenant_id, month, department_id, owner_user_id)
);

CREATE TABLE rollup_tier_changes_monthly (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  month          date NOT NULL,
  from_tier_id   uuid NOT NULL,
  to_tier_id     uuid NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  changes        integer NOT NULL,
  PRIMARY KEY (tenant_id, month, from_tier_id, to_tier_id, department_id, owner_user_id)
);

CREATE TABLE rollup_referrals_monthly (
  tenant_id           uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  month               date NOT NULL,
  department_id       uuid NOT NULL,
  owner_user_id       uuid NOT NULL,
  referrals           integer NOT NULL,
  referred_buyers     integer NOT NULL,
  referred_purchases  integer NOT NULL,
  referred_revenue    numeric(16, 2) NOT NULL,
  reward_points       bigint NOT NULL,
  PRIMARY KEY (tenant_id, month, department_id, owner_user_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['rollup_interactions_monthly', 'rollup_points_monthly', 'rollup_coupons_monthly',
                           'rollup_tier_changes_monthly', 'rollup_referrals_monthly']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) '
                   'WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END $$;
