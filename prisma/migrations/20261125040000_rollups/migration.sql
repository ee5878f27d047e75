-- Rollups: what the dashboards read (docs/architecture.md, rule 4 of the design).
-- A job (lib/rollups/refresh.ts) rebuilds them per tenant with one INSERT … SELECT
-- … GROUP BY per table, deleting and replacing a range of days, so a refresh is
-- idempotent and a dashboard never scans orders. rollup_state says when that was.
--
-- Conventions:
-- * `day` is the calendar day of the order in the tenant's time zone (tenants.timezone
--   at refresh time; rollup_state.time_zone records which one was used).
-- * Dimensions are NOT NULL so they can sit in the primary key: an order without a
--   store has store_id 00000000-0000-0000-0000-000000000000, an unknown province or
--   city is ''. Tenant-wide rows of rollup_repurchase (a customer counted once across
--   stores) use store_id ffffffff-ffff-ffff-ffff-ffffffffffff. No foreign keys to the
--   dimension tables: rollups are derived data, replaced wholesale.
-- * province is the short name the China map uses (广东, 内蒙古, 北京), so filters
--   and the map agree whatever suffix the source data carried (广东省, 北京市).
-- * A "purchase" is an order that was paid and not refunded; revenue is the sum of
--   purchases' paid_amount. paid_orders (for the payment rate) includes orders
--   refunded later.
-- * Durations are sums of seconds with their counts, so averages roll up exactly.

-- When the tenant's rollups were last rebuilt, over which range and time zone.
CREATE TABLE rollup_state (
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  refreshed_at    timestamptz(3) NOT NULL,
  -- First day rebuilt by the last refresh; NULL when it rebuilt everything.
  refreshed_from  date,
  -- First and last order day of the tenant at refresh time (NULL: no orders).
  data_from       date,
  data_to         date,
  time_zone       text NOT NULL,
  duration_ms     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id)
);

-- Orders by day, store, channel and region (the store's province and city for a
-- physical store; the customer's for online shops and orders without a store).
CREATE TABLE rollup_sales_daily (
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day              date NOT NULL,
  store_id         uuid NOT NULL,
  channel          text NOT NULL,
  province         text NOT NULL,
  city             text NOT NULL,
  orders           integer NOT NULL,
  paid_orders      integer NOT NULL,
  purchases        integer NOT NULL,
  revenue          numeric(16, 2) NOT NULL,
  refunded_orders  integer NOT NULL,
  refund_amount    numeric(16, 2) NOT NULL,
  -- Purchases made on the customer's first purchase day, and their revenue.
  new_purchases    integer NOT NULL,
  new_revenue      numeric(16, 2) NOT NULL,
  received_orders  integer NOT NULL,
  reviewed_orders  integer NOT NULL,
  pay_seconds      bigint NOT NULL,
  pay_count        integer NOT NULL,
  ship_seconds     bigint NOT NULL,
  ship_count       integer NOT NULL,
  receive_seconds  bigint NOT NULL,
  receive_count    integer NOT NULL,
  PRIMARY KEY (tenant_id, day, store_id, channel, province, city)
);
CREATE INDEX rollup_sales_daily_province_idx ON rollup_sales_daily (tenant_id, province, day);

-- The same measures without the region: what most sales queries read (one row per
-- day, store and channel).
CREATE TABLE rollup_sales_store_daily (
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day              date NOT NULL,
  store_id         uuid NOT NULL,
  channel          text NOT NULL,
  orders           integer NOT NULL,
  paid_orders      integer NOT NULL,
  purchases        integer NOT NULL,
  revenue          numeric(16, 2) NOT NULL,
  refunded_orders  integer NOT NULL,
  refund_amount    numeric(16, 2) NOT NULL,
  new_purchases    integer NOT NULL,
  new_revenue      numeric(16, 2) NOT NULL,
  received_orders  integer NOT NULL,
  reviewed_orders  integer NOT NULL,
  pay_seconds      bigint NOT NULL,
  pay_count        integer NOT NULL,
  ship_seconds     bigint NOT NULL,
  ship_count       integer NOT NULL,
  receive_seconds  bigint NOT NULL,
  receive_count    integer NOT NULL,
  PRIMARY KEY (tenant_id, day, store_id, channel)
);

-- Distinct purchasing customers per day, ISO week (Monday) and month, by store,
-- channel and province: exact within each row, so a week's customers are counted
-- once, not once per day. new_customers made their first purchase in the period.
CREATE TABLE rollup_sales_customers (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  grain          text NOT NULL CHECK (grain IN ('day', 'week', 'month')),
  period         date NOT NULL,
  store_id       uuid NOT NULL,
  channel        text NOT NULL,
  province       text NOT NULL,
  customers      integer NOT NULL,
  new_customers  integer NOT NULL,
  PRIMARY KEY (tenant_id, grain, period, store_id, channel, province)
);

-- Purchased units and revenue (order item amounts of purchases) by product.
-- order_lines counts the order lines, i.e. orders per product.
CREATE TABLE rollup_product_daily (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day          date NOT NULL,
  store_id     uuid NOT NULL,
  channel      text NOT NULL,
  product_id   uuid NOT NULL,
  units        integer NOT NULL,
  revenue      numeric(16, 2) NOT NULL,
  order_lines  integer NOT NULL,
  PRIMARY KEY (tenant_id, day, store_id, channel, product_id)
);

-- The same by category and brand ('' when the product has none).
CREATE TABLE rollup_category_daily (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day          date NOT NULL,
  store_id     uuid NOT NULL,
  channel      text NOT NULL,
  category     text NOT NULL,
  brand        text NOT NULL,
  units        integer NOT NULL,
  revenue      numeric(16, 2) NOT NULL,
  order_lines  integer NOT NULL,
  PRIMARY KEY (tenant_id, day, store_id, channel, category, brand)
);

-- The product and category rows summed by calendar month (month = its first day):
-- a long date range reads whole months here and only its ragged ends by day.
CREATE TABLE rollup_product_monthly (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  month        date NOT NULL,
  store_id     uuid NOT NULL,
  channel      text NOT NULL,
  product_id   uuid NOT NULL,
  units        integer NOT NULL,
  revenue      numeric(16, 2) NOT NULL,
  order_lines  integer NOT NULL,
  PRIMARY KEY (tenant_id, month, store_id, channel, product_id)
);

CREATE TABLE rollup_category_monthly (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  month        date NOT NULL,
  store_id     uuid NOT NULL,
  channel      text NOT NULL,
  category     text NOT NULL,
  brand        text NOT NULL,
  units        integer NOT NULL,
  revenue      numeric(16, 2) NOT NULL,
  order_lines  integer NOT NULL,
  PRIMARY KEY (tenant_id, month, store_id, channel, category, brand)
);

-- Repurchase over the whole history: customers with at least one purchase that
-- contains the subject, and with at least two. kind 'category' (subject = category),
-- 'product' (subject = product id). Per store (a customer's purchases at that store)
-- and tenant-wide (store_id ffff…: all purchases of the customer).
CREATE TABLE rollup_repurchase (
  tenant_id         uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind              text NOT NULL CHECK (kind IN ('category', 'product')),
  subject           text NOT NULL,
  store_id          uuid NOT NULL,
  customers         integer NOT NULL,
  repeat_customers  integer NOT NULL,
  PRIMARY KEY (tenant_id, kind, subject, store_id)
);

-- Live customers by province and city, with the customer's department and owner so
-- that a viewer's data scope applies (lib/dashboard/scope.ts). buyers made at least
-- one purchase, repeat_buyers at least two.
CREATE TABLE rollup_customer_regions (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  province       text NOT NULL,
  city           text NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  customers      integer NOT NULL,
  buyers         integer NOT NULL,
  repeat_buyers  integer NOT NULL,
  PRIMARY KEY (tenant_id, province, city, department_id, owner_user_id)
);

-- The latest scoring run (customer_scores at its newest as_of) in buckets:
-- kind 'rfm_segment', 'churn_risk', 'clv_band'. Empty until scores exist.
CREATE TABLE rollup_customer_scores (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('rfm_segment', 'churn_risk', 'clv_band')),
  bucket         text NOT NULL,
  department_id  uuid NOT NULL,
  owner_user_id  uuid NOT NULL,
  as_of          date NOT NULL,
  customers      integer NOT NULL,
  PRIMARY KEY (tenant_id, kind, bucket, department_id, owner_user_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['rollup_state', 'rollup_sales_daily', 'rollup_sales_store_daily', 'rollup_sales_customers',
                           'rollup_product_daily', 'rollup_category_daily', 'rollup_product_monthly', 'rollup_category_monthly', 'rollup_repurchase',
                           'rollup_customer_regions', 'rollup_customer_scores']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) '
                   'WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END $$;
