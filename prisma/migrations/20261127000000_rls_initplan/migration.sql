-- Tenant policies evaluate the tenant once per statement, not once per row.
--
-- `tenant_id = app_current_tenant()` inlines to NULLIF(current_setting(...))::uuid,
-- which a sequential scan evaluates for every row it reads (~0.4 µs each here:
-- counting a 10M-order tenant took 5–6 s with it and 1.5 s without). Written as
-- a scalar subquery, `(SELECT app_current_tenant())`, the planner makes it an
-- InitPlan: computed once per statement, compared as a parameter, and still
-- usable as an index condition. Same rows, same isolation; the scoring run's
-- categories pass over 10M orders and items went from 44.9 s to 35.5 s as the
-- app role. Every table created later uses this form
-- (tests/integration/schema-rules.test.ts checks it).
DO $$
DECLARE p record;
BEGIN
  FOR p IN SELECT c.relname AS t FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
           WHERE pol.polname = 'tenant_isolation'
  LOOP
    EXECUTE format('ALTER POLICY tenant_isolation ON %I USING (tenant_id = (SELECT app_current_tenant())) '
                   'WITH CHECK (tenant_id = (SELECT app_current_tenant()))', p.t);
  END LOOP;
END $$;

ALTER POLICY tenant_self_read ON tenants USING (id = (SELECT app_current_tenant()));
ALTER POLICY tenant_self_update ON tenants USING (id = (SELECT app_current_tenant())) WITH CHECK (id = (SELECT app_current_tenant()));
ALTER POLICY user_self_update ON users USING (id = (SELECT app_current_user())) WITH CHECK (id = (SELECT app_current_user()));
ALTER POLICY user_visible ON users USING (
  id = (SELECT app_current_user())
  OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.tenant_id = (SELECT app_current_tenant())));
