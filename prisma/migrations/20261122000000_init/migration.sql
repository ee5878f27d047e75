-- Initial schema of the analytical CRM.
--
-- Rules (docs/data-model.md): every tenant-owned table has tenant_id leading its
-- primary key and every unique key; foreign keys between tenant tables include
-- tenant_id; row-level security is ENABLED and FORCED on every table that has a
-- tenant_id column (the loop at the end), bound to current_setting('app.tenant_id').

CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- The tenant (and user) of the current transaction, set by lib/db/tenant.ts with
-- set_config(..., true). Unset or empty means NULL, so nothing is visible.
CREATE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;
CREATE FUNCTION app_current_user() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

-- ───────────── global tables ─────────────

CREATE TABLE tenants (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  slug        text NOT NULL UNIQUE,
  locale      text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  timezone    text NOT NULL DEFAULT 'Asia/Shanghai',
  currency    text NOT NULL DEFAULT 'CNY',
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email          text NOT NULL UNIQUE CHECK (email = lower(email)),
  password_hash  text NOT NULL,
  name           text NOT NULL,
  locale         text CHECK (locale IN ('zh-CN', 'en')),
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  updated_at     timestamptz(3) NOT NULL DEFAULT now()
);

-- What can be protected (modules, pages, APIs, data sets) and the actions on it.
-- Global reference tables, synchronised from lib/auth/catalog.ts by the migrator.
CREATE TABLE resources (
  key      text PRIMARY KEY,
  kind     text NOT NULL CHECK (kind IN ('module', 'page', 'api', 'dataset')),
  name_en  text NOT NULL,
  name_zh  text NOT NULL,
  sort     integer NOT NULL DEFAULT 0
);

CREATE TABLE permissions (
  key           text PRIMARY KEY,
  resource_key  text NOT NULL REFERENCES resources(key) ON DELETE CASCADE,
  action        text NOT NULL,
  UNIQUE (resource_key, action)
);

-- ───────────── organisation and RBAC ─────────────

CREATE TABLE departments (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  parent_id   uuid,
  name        text NOT NULL,
  kind        text NOT NULL DEFAULT 'team' CHECK (kind IN ('head_office', 'region', 'store', 'team')),
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES departments(tenant_id, id)
);
CREATE INDEX departments_parent_idx ON departments (tenant_id, parent_id);

CREATE TABLE memberships (
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id          uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'invited', 'disabled')),
  department_id    uuid,
  manager_user_id  uuid,
  title            text,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  updated_at       timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  FOREIGN KEY (tenant_id, department_id) REFERENCES departments(tenant_id, id),
  FOREIGN KEY (tenant_id, manager_user_id) REFERENCES memberships(tenant_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);
CREATE INDEX memberships_manager_idx ON memberships (tenant_id, manager_user_id);
CREATE INDEX memberships_department_idx ON memberships (tenant_id, department_id);

CREATE TABLE roles (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  system_key   text,
  name         text NOT NULL,
  description  text,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  updated_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, name),
  UNIQUE (tenant_id, system_key)
);

CREATE TABLE role_permissions (
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  role_id         uuid NOT NULL,
  permission_key  text NOT NULL REFERENCES permissions(key) ON DELETE CASCADE,
  data_scope      text NOT NULL DEFAULT 'all'
                  CHECK (data_scope IN ('own', 'own_and_subordinates', 'department', 'department_tree', 'all')),
  PRIMARY KEY (tenant_id, role_id, permission_key),
  FOREIGN KEY (tenant_id, role_id) REFERENCES roles(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE user_roles (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL,
  role_id     uuid NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id, role_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES memberships(tenant_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, role_id) REFERENCES roles(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX user_roles_role_idx ON user_roles (tenant_id, role_id);

CREATE TABLE audit_logs (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  actor_user_id  uuid,
  action         text NOT NULL,
  entity         text NOT NULL,
  entity_id      text,
  before         jsonb,
  after          jsonb,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_logs_time_idx ON audit_logs (tenant_id, created_at DESC);
CREATE INDEX audit_logs_entity_idx ON audit_logs (tenant_id, entity, entity_id);

-- ───────────── customer master ─────────────

CREATE TABLE stores (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  code           text NOT NULL,
  name           text NOT NULL,
  kind           text NOT NULL DEFAULT 'store' CHECK (kind IN ('store', 'online')),
  department_id  uuid,
  province       text,
  city           text,
  district       text,
  opened_at      date,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, department_id) REFERENCES departments(tenant_id, id)
);

CREATE TABLE customers (
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  external_id     text,
  name            text NOT NULL,
  gender          text CHECK (gender IN ('M', 'F', 'U')),
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
  owner_user_id   uuid,
  home_store_id   uuid,
  department_id   uuid,
  first_order_at  timestamptz(3),
  last_order_at   timestamptz(3),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at      timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, external_id),
  FOREIGN KEY (tenant_id, owner_user_id) REFERENCES memberships(tenant_id, user_id),
  FOREIGN KEY (tenant_id, home_store_id) REFERENCES stores(tenant_id, id),
  FOREIGN KEY (tenant_id, department_id) REFERENCES departments(tenant_id, id)
);
CREATE INDEX customers_phone_idx ON customers (tenant_id, phone);
CREATE INDEX customers_email_idx ON customers (tenant_id, email);
CREATE INDEX customers_name_idx ON customers (tenant_id, name text_pattern_ops);
CREATE INDEX customers_owner_idx ON customers (tenant_id, owner_user_id);
CREATE INDEX customers_department_idx ON customers (tenant_id, department_id);
CREATE INDEX customers_last_order_idx ON customers (tenant_id, last_order_at);

CREATE TABLE customer_identities (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id  uuid NOT NULL,
  channel      text NOT NULL,
  external_id  text NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, channel, external_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_identities_customer_idx ON customer_identities (tenant_id, customer_id);

CREATE TABLE tags (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  kind        text NOT NULL DEFAULT 'manual' CHECK (kind IN ('manual', 'computed')),
  color       text,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, name)
);

CREATE TABLE customer_tags (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id  uuid NOT NULL,
  tag_id       uuid NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, customer_id, tag_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, tag_id) REFERENCES tags(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_tags_tag_idx ON customer_tags (tenant_id, tag_id);

-- ───────────── commerce ─────────────

CREATE TABLE products (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  sku         text NOT NULL,
  name        text NOT NULL,
  category    text,
  brand       text,
  price       numeric(12, 2),
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, sku)
);

CREATE TABLE campaigns (
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  name            text NOT NULL,
  goal            text,
  channels        text[] NOT NULL DEFAULT '{}',
  offer           jsonb,
  budget          numeric(14, 2),
  starts_at       timestamptz(3),
  ends_at         timestamptz(3),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN
                  ('draft', 'pending_approval', 'approved', 'rejected', 'running', 'completed', 'cancelled')),
  control_ratio   numeric(4, 3) NOT NULL DEFAULT 0.100,
  owner_user_id   uuid,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, owner_user_id) REFERENCES memberships(tenant_id, user_id)
);

CREATE TABLE orders (
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  order_no      text NOT NULL,
  customer_id   uuid NOT NULL,
  channel       text NOT NULL,
  store_id      uuid,
  status        text NOT NULL DEFAULT 'created' CHECK (status IN
                ('created', 'paid', 'shipped', 'received', 'refunded', 'cancelled')),
  ordered_at    timestamptz(3) NOT NULL,
  paid_at       timestamptz(3),
  shipped_at    timestamptz(3),
  received_at   timestamptz(3),
  reviewed_at   timestamptz(3),
  refunded_at   timestamptz(3),
  amount        numeric(14, 2) NOT NULL DEFAULT 0,
  discount      numeric(14, 2) NOT NULL DEFAULT 0,
  paid_amount   numeric(14, 2) NOT NULL DEFAULT 0,
  campaign_id   uuid,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, order_no),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id),
  FOREIGN KEY (tenant_id, store_id) REFERENCES stores(tenant_id, id),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns(tenant_id, id)
);
CREATE INDEX orders_customer_idx ON orders (tenant_id, customer_id, ordered_at);
CREATE INDEX orders_time_idx ON orders (tenant_id, ordered_at);

CREATE TABLE order_items (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  order_id    uuid NOT NULL,
  product_id  uuid NOT NULL,
  quantity    integer NOT NULL CHECK (quantity > 0),
  unit_price  numeric(12, 2) NOT NULL,
  amount      numeric(14, 2) NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, product_id) REFERENCES products(tenant_id, id)
);
CREATE INDEX order_items_order_idx ON order_items (tenant_id, order_id);
CREATE INDEX order_items_product_idx ON order_items (tenant_id, product_id);

-- ───────────── membership and loyalty ─────────────

CREATE TABLE member_tiers (
  tenant_id   uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  rank        integer NOT NULL,
  name        text NOT NULL,
  threshold   numeric(14, 2) NOT NULL DEFAULT 0,
  benefits    text,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, rank)
);

CREATE TABLE members (
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id     uuid NOT NULL,
  member_no       text NOT NULL,
  tier_id         uuid,
  joined_at       timestamptz(3) NOT NULL,
  points_balance  integer NOT NULL DEFAULT 0,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, customer_id),
  UNIQUE (tenant_id, member_no),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, tier_id) REFERENCES member_tiers(tenant_id, id)
);

CREATE TABLE tier_changes (
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id     uuid NOT NULL,
  from_tier_id  uuid,
  to_tier_id    uuid NOT NULL,
  reason        text,
  changed_at    timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, from_tier_id) REFERENCES member_tiers(tenant_id, id),
  FOREIGN KEY (tenant_id, to_tier_id) REFERENCES member_tiers(tenant_id, id)
);
CREATE INDEX tier_changes_member_idx ON tier_changes (tenant_id, member_id, changed_at);

CREATE TABLE points_ledger (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  member_id      uuid NOT NULL,
  delta          integer NOT NULL,
  balance_after  integer NOT NULL,
  reason         text NOT NULL,
  order_id       uuid,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders(tenant_id, id)
);
CREATE INDEX points_ledger_member_idx ON points_ledger (tenant_id, member_id, created_at);

CREATE TABLE coupons (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  code         text NOT NULL,
  customer_id  uuid NOT NULL,
  campaign_id  uuid,
  value        numeric(12, 2) NOT NULL,
  issued_at    timestamptz(3) NOT NULL DEFAULT now(),
  expires_at   timestamptz(3),
  used_at      timestamptz(3),
  order_id     uuid,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns(tenant_id, id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders(tenant_id, id)
);
CREATE INDEX coupons_customer_idx ON coupons (tenant_id, customer_id);

-- ───────────── service and interaction ─────────────

CREATE TABLE interactions (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id    uuid NOT NULL,
  channel        text NOT NULL CHECK (channel IN ('sms', 'email', 'wechat', 'call', 'visit', 'web')),
  type           text NOT NULL,
  campaign_id    uuid,
  user_id        uuid,
  points_earned  integer NOT NULL DEFAULT 0,
  note           text,
  occurred_at    timestamptz(3) NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns(tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES memberships(tenant_id, user_id)
);
CREATE INDEX interactions_customer_idx ON interactions (tenant_id, customer_id, occurred_at);
CREATE INDEX interactions_time_idx ON interactions (tenant_id, occurred_at);

CREATE TABLE service_tickets (
  tenant_id         uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id       uuid NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('consultation', 'complaint', 'suggestion', 'praise')),
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  subject           text NOT NULL,
  body              text,
  assignee_user_id  uuid,
  opened_at         timestamptz(3) NOT NULL DEFAULT now(),
  closed_at         timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, assignee_user_id) REFERENCES memberships(tenant_id, user_id)
);
CREATE INDEX service_tickets_customer_idx ON service_tickets (tenant_id, customer_id, opened_at);

CREATE TABLE referrals (
  tenant_id             uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  referrer_customer_id  uuid NOT NULL,
  referred_customer_id  uuid NOT NULL,
  referred_at           timestamptz(3) NOT NULL,
  reward_points         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, referred_customer_id),
  FOREIGN KEY (tenant_id, referrer_customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, referred_customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX referrals_referrer_idx ON referrals (tenant_id, referrer_customer_id);

-- ───────────── analytics outputs ─────────────

CREATE TABLE customer_scores (
  tenant_id             uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id           uuid NOT NULL,
  as_of                 date NOT NULL,
  recency_days          integer,
  frequency             integer NOT NULL DEFAULT 0,
  monetary              numeric(14, 2) NOT NULL DEFAULT 0,
  r_score               smallint,
  f_score               smallint,
  m_score               smallint,
  rfm_segment           text,
  p_alive               double precision,
  expected_purchases_90 double precision,
  predicted_clv         numeric(14, 2),
  churn_risk            text CHECK (churn_risk IN ('low', 'medium', 'high')),
  churn_method          text CHECK (churn_method IN ('bgnbd', 'rule')),
  cluster               integer,
  computed_at           timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, customer_id, as_of),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_scores_as_of_idx ON customer_scores (tenant_id, as_of);

CREATE TABLE segments (
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('rule', 'model', 'static', 'cluster', 'basket')),
  definition    jsonb NOT NULL DEFAULT '{}',
  member_count  integer NOT NULL DEFAULT 0,
  refreshed_at  timestamptz(3),
  created_by    uuid,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  updated_at    timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, name)
);

CREATE TABLE segment_members (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  segment_id   uuid NOT NULL,
  customer_id  uuid NOT NULL,
  added_at     timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, segment_id, customer_id),
  FOREIGN KEY (tenant_id, segment_id) REFERENCES segments(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX segment_members_customer_idx ON segment_members (tenant_id, customer_id);

CREATE TABLE association_rules (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  antecedent   uuid[] NOT NULL,
  consequent   uuid[] NOT NULL,
  support      double precision NOT NULL,
  confidence   double precision NOT NULL,
  lift         double precision NOT NULL,
  order_count  integer NOT NULL,
  computed_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

-- ───────────── campaigns ─────────────

CREATE TABLE campaign_approvals (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  campaign_id  uuid NOT NULL,
  level        smallint NOT NULL DEFAULT 1,
  decision     text NOT NULL CHECK (decision IN ('submitted', 'approved', 'rejected')),
  comment      text,
  user_id      uuid,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX campaign_approvals_campaign_idx ON campaign_approvals (tenant_id, campaign_id, created_at);

CREATE TABLE campaign_targets (
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  campaign_id   uuid NOT NULL,
  customer_id   uuid NOT NULL,
  arm           text NOT NULL CHECK (arm IN ('treatment', 'control')),
  assigned_at   timestamptz(3) NOT NULL DEFAULT now(),
  contacted_at  timestamptz(3),
  PRIMARY KEY (tenant_id, campaign_id, customer_id),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE campaign_batches (
  tenant_id          uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  campaign_id        uuid NOT NULL,
  scheduled_at       timestamptz(3) NOT NULL,
  throttle_per_hour  integer,
  status             text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'running', 'done', 'failed', 'cancelled')),
  sent_count         integer NOT NULL DEFAULT 0,
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE care_tasks (
  tenant_id         uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  campaign_id       uuid,
  customer_id       uuid NOT NULL,
  assignee_user_id  uuid,
  due_at            timestamptz(3),
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  outcome           text CHECK (outcome IN ('reached', 'not_reached', 'interested', 'purchased', 'refused')),
  note              text,
  completed_at      timestamptz(3),
  created_at        timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, assignee_user_id) REFERENCES memberships(tenant_id, user_id)
);
CREATE INDEX care_tasks_assignee_idx ON care_tasks (tenant_id, assignee_user_id, status, due_at);

CREATE TABLE outbound_messages (
  tenant_id            uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  idempotency_key      text NOT NULL,
  campaign_id          uuid,
  batch_id             uuid,
  customer_id          uuid NOT NULL,
  channel              text NOT NULL,
  to_address           text NOT NULL,
  body                 text NOT NULL,
  status               text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'delivered', 'failed')),
  provider             text,
  provider_message_id  text,
  error                text,
  created_at           timestamptz(3) NOT NULL DEFAULT now(),
  sent_at              timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, idempotency_key),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, batch_id) REFERENCES campaign_batches(tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX outbound_messages_customer_idx ON outbound_messages (tenant_id, customer_id, created_at);

-- ───────────── operations ─────────────

CREATE TABLE import_jobs (
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  entity           text NOT NULL,
  file_name        text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN
                   ('pending', 'running', 'succeeded', 'failed', 'cancelled', 'undone')),
  mapping          jsonb NOT NULL DEFAULT '{}',
  options          jsonb NOT NULL DEFAULT '{}',
  total_rows       integer NOT NULL DEFAULT 0,
  processed_rows   integer NOT NULL DEFAULT 0,
  created_count    integer NOT NULL DEFAULT 0,
  updated_count    integer NOT NULL DEFAULT 0,
  skipped_count    integer NOT NULL DEFAULT 0,
  failed_count     integer NOT NULL DEFAULT 0,
  idempotency_key  text,
  created_by       uuid,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  started_at       timestamptz(3),
  finished_at      timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, idempotency_key)
);

CREATE TABLE job_runs (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  job_name     text NOT NULL,
  job_id       text,
  status       text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  result       jsonb,
  error        text,
  started_at   timestamptz(3) NOT NULL DEFAULT now(),
  finished_at  timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, job_name, job_id)
);
CREATE INDEX job_runs_time_idx ON job_runs (tenant_id, started_at DESC);

CREATE TABLE data_quality_checks (
  tenant_id      uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  check_name     text NOT NULL,
  entity         text NOT NULL,
  status         text NOT NULL CHECK (status IN ('pass', 'warn', 'fail')),
  failing_count  integer NOT NULL DEFAULT 0,
  details        jsonb,
  checked_at     timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE api_keys (
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  prefix        text NOT NULL,
  key_hash      text NOT NULL,
  role_id       uuid NOT NULL,
  created_by    uuid,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at  timestamptz(3),
  revoked_at    timestamptz(3),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, prefix),
  FOREIGN KEY (tenant_id, role_id) REFERENCES roles(tenant_id, id)
);

-- ───────────── row-level security ─────────────

-- Every table with a tenant_id column: RLS enabled, FORCED (binds the owner too),
-- one policy for all commands. tests/integration/schema-rules.test.ts re-checks it.
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT c.table_name FROM information_schema.columns c
           JOIN information_schema.tables tb USING (table_schema, table_name)
           WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id'
             AND tb.table_type = 'BASE TABLE'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) '
                   'WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END $$;

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
-- The app role may read and update its own tenant row; creating tenants is the platform path's job.
CREATE POLICY tenant_self_read ON tenants FOR SELECT USING (id = app_current_tenant());
CREATE POLICY tenant_self_update ON tenants FOR UPDATE USING (id = app_current_tenant()) WITH CHECK (id = app_current_tenant());

-- A user row is visible to the user themself and to members of a tenant the user
-- belongs to (the memberships sub-query is itself bound by RLS). Creating users and
-- finding them by e-mail across tenants is the privileged platform path's job.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY user_visible ON users FOR SELECT USING (
  id = app_current_user()
  OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.tenant_id = app_current_tenant()));
CREATE POLICY user_self_update ON users FOR UPDATE USING (id = app_current_user()) WITH CHECK (id = app_current_user());
