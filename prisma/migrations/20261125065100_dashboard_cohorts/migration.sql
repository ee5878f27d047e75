-- New-customer retention by first-purchase month, as a rollup: the customer
-- dashboard's cohort heatmap must not scan orders on every load (computed straight
-- from orders by lib/analytics/cohorts/retention.ts it took seconds at 1M orders).
-- customers = live customers whose first purchase (tenant time zone) fell in
-- `cohort` and who made a purchase in the month `month_offset` months later
-- (month_offset 0 = the cohort's size). Same conventions as 20261125065000.
CREATE TABLE rollup_cohorts (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  cohort         date NOT NULL,
  month_offset   integer NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  customers      integer NOT NULL,
  PRIMARY KEY (tenant_id, cohort, month_offset, department_id, owner_user_id)
);
ALTER TABLE rollup_cohorts ENABLE ROW LEVEL SECURITY;
ALTER TABLE rollup_cohorts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rollup_cohorts USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
