-- Scoring (docs/analytics.md, "Scoring in the database"): per-customer features
-- per as-of date, the tenant's RFM and CLV settings, what each model fit said
-- about itself, and one progress row per scoring run. The scoring job
-- (lib/analytics/scoring/run.ts) replaces one as-of date at a time inside one
-- transaction, so a re-run is idempotent and readers see the old day or the new
-- one, never half of each.
--
-- Snapshots: every run writes as_of = its day; month ends (as_of + 1 is the 1st)
-- are kept for the month-over-month segment movement, other days for
-- scoring_settings.daily_snapshot_days.
--
-- customer_features has no foreign key to customers on purpose: it is derived
-- data rebuilt by every run, and a per-row RI check (and a cascade scan on every
-- customer deletion) would cost more than it protects. customer_scores, which the
-- app reads, keeps its foreign key.

CREATE TABLE scoring_settings (
  tenant_id             uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- F = purchase days (orders on one day count once) or orders.
  frequency_basis       text NOT NULL DEFAULT 'purchase_days' CHECK (frequency_basis IN ('purchase_days', 'orders')),
  -- M = total paid or mean paid per order.
  monetary_basis        text NOT NULL DEFAULT 'total' CHECK (monetary_basis IN ('total', 'mean')),
  -- NULL: quintiles within the tenant. Otherwise {"recency": [4 days], "frequency": [4], "monetary": [4]},
  -- each ascending (validated by lib/analytics/scoring/settings.ts).
  thresholds            jsonb,
  clv_horizon_months    integer NOT NULL DEFAULT 12 CHECK (clv_horizon_months BETWEEN 1 AND 120),
  annual_discount_rate  numeric(6, 4) NOT NULL DEFAULT 0.1 CHECK (annual_discount_rate >= 0 AND annual_discount_rate < 1),
  daily_snapshot_days   integer NOT NULL DEFAULT 7 CHECK (daily_snapshot_days BETWEEN 1 AND 400),
  updated_at            timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);

-- One row per customer with at least one purchase on or before as_of (a purchase:
-- paid on or before as_of, not cancelled, not refunded on or before as_of). Days are
-- calendar days in the tenant's time zone.
CREATE TABLE customer_features (
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  as_of           date NOT NULL,
  customer_id     uuid NOT NULL,
  first_purchase  date NOT NULL,
  last_purchase   date NOT NULL,
  -- distinct days with a purchase (BG/NBD frequency = purchase_days - 1)
  purchase_days   integer NOT NULL CHECK (purchase_days >= 1),
  orders          integer NOT NULL CHECK (orders >= purchase_days),
  total_paid      numeric(14, 2) NOT NULL,
  -- total_paid / orders
  mean_paid       numeric(14, 2) NOT NULL,
  -- paid on purchase days after the first (Gamma-Gamma: mean spend per repeat purchase day)
  repeat_paid     numeric(14, 2) NOT NULL,
  -- as_of - first_purchase (BG/NBD T) and as_of - last_purchase, in days
  tenure_days     integer NOT NULL,
  recency_days    integer NOT NULL,
  -- orders refunded on or before as_of (whenever they were paid)
  refunds         integer NOT NULL DEFAULT 0,
  -- service tickets of kind 'complaint' opened on or before as_of
  complaints      integer NOT NULL DEFAULT 0,
  -- interactions on or before as_of
  interactions    integer NOT NULL DEFAULT 0,
  -- distinct channels and product categories among the purchases; the most frequent of each
  channels        integer NOT NULL DEFAULT 0,
  top_channel     text,
  categories      integer NOT NULL DEFAULT 0,
  top_category    text,
  computed_at     timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, as_of, customer_id)
);

-- What each model fit said about itself (lib/analytics/models/fit-report.ts), so
-- the UI can say "model not fitted because …".
CREATE TABLE model_fits (
  tenant_id          uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  as_of              date NOT NULL,
  model              text NOT NULL CHECK (model IN ('bgnbd', 'gamma_gamma')),
  ok                 boolean NOT NULL,
  converged          boolean NOT NULL,
  -- FitReport reason code when ok is false (too-few-customers, …)
  reason             text,
  message            text,
  -- {r, alpha, a, b} (alpha in days) or {p, q, gamma}
  params             jsonb,
  standard_errors    jsonb,
  log_likelihood     double precision,
  customers          integer NOT NULL,
  repeat_buyers      integer NOT NULL,
  iterations         integer NOT NULL DEFAULT 0,
  evaluations        integer NOT NULL DEFAULT 0,
  gradient_norm      double precision,
  optimizer_message  text,
  elapsed_ms         double precision,
  fitted_at          timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, as_of, model)
);

-- Progress and outcome of the scoring run for one as-of date (a re-run replaces it).
CREATE TABLE scoring_runs (
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  as_of         date NOT NULL,
  status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
  step          text NOT NULL DEFAULT 'features' CHECK (step IN ('features', 'fit', 'write', 'done')),
  progress      smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  customers     integer,
  -- 'bgnbd' when the model was fitted (one-time buyers still get the rule), else 'rule'
  churn_method  text CHECK (churn_method IN ('bgnbd', 'rule')),
  churn_label   text,
  -- the tenant's median repeat interval in days (the rule's yardstick for one-time buyers)
  reference_interval double precision,
  -- the settings the run used (explanations need them) and milliseconds per step
  settings      jsonb NOT NULL DEFAULT '{}',
  timings       jsonb NOT NULL DEFAULT '{}',
  error         text,
  started_at    timestamptz(3) NOT NULL DEFAULT now(),
  finished_at   timestamptz(3),
  PRIMARY KEY (tenant_id, as_of)
);

-- Expected purchases over 30 and 365 days beside the 90 the table had.
ALTER TABLE customer_scores
  ADD COLUMN expected_purchases_30 double precision,
  ADD COLUMN expected_purchases_365 double precision;

-- NTILE(5) of the k-th row of n, as a function of k, so that customers with the
-- same value (same rank k = RANK()) share a score: the score of the first row of
-- their tie. For distinct values it equals NTILE(5) exactly (the first n % 5
-- buckets hold one row more). Not STRICT, so the planner can inline it (a
-- non-inlined SQL function costs microseconds per call, per customer, per score).
CREATE FUNCTION rfm_quintile(k bigint, n bigint) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE
    WHEN k <= (n % 5) * (n / 5 + 1) THEN (k + n / 5) / (n / 5 + 1)
    -- (NULLIF: with constant arguments the planner folds this branch even when unused)
    ELSE (n % 5) + (k - (n % 5) * (n / 5 + 1) + n / 5 - 1) / NULLIF(n / 5, 0)
  END)::smallint
$$;

ALTER TABLE scoring_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE scoring_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scoring_settings USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE customer_features ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer_features FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customer_features USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE model_fits ENABLE ROW LEVEL SECURITY;
ALTER TABLE model_fits FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON model_fits USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE scoring_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE scoring_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scoring_runs USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
