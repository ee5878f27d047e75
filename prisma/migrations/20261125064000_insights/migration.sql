-- Clusters and basket rules stored per tenant (issue 5; lib/analytics/insights/,
-- docs/analytics.md "Clusters and basket rules in the database").
--
-- Both are tenant-wide models refitted by the `analytics` job: each run replaces
-- the tenant's rows in one transaction, so a retry or a second run leaves the same
-- rows and a reader never sees half a model.

-- The newest k-means fit: which k, why (silhouette per candidate k), the scaling
-- and centroids (to place a new customer with nearestCentroid between refits).
CREATE TABLE cluster_models (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- the customer_features snapshot that was clustered (the newest succeeded scoring run)
  as_of        date,
  status       text NOT NULL CHECK (status IN ('succeeded', 'no-data')),
  k            integer NOT NULL,
  k_min        integer NOT NULL,
  k_max        integer NOT NULL,
  seed         integer NOT NULL,
  silhouette   double precision,
  -- [{ k, silhouette, inertia }] for every candidate k
  candidates   jsonb NOT NULL DEFAULT '[]',
  features     text[] NOT NULL DEFAULT '{}',
  -- { mean: number[], sd: number[], log: boolean[] } of the standardization
  scaling      jsonb,
  centroids    jsonb,
  customers    integer NOT NULL DEFAULT 0,
  message      text,
  elapsed_ms   double precision,
  computed_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);

-- One row per cluster of the newest fit: size, means in original units, revenue share, names.
CREATE TABLE cluster_profiles (
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  cluster         smallint NOT NULL,
  size            integer NOT NULL,
  share           double precision NOT NULL,
  mean_recency    double precision,
  mean_frequency  double precision,
  mean_monetary   double precision,
  revenue         numeric(16, 2) NOT NULL DEFAULT 0,
  revenue_share   double precision,
  -- standard deviations above/below everyone on each clustering feature (log scale)
  relative        jsonb NOT NULL DEFAULT '{}',
  name_en         text NOT NULL,
  name_zh         text NOT NULL,
  PRIMARY KEY (tenant_id, cluster)
);

-- Each clustered customer's cluster in the newest fit.
CREATE TABLE customer_clusters (
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  customer_id  uuid NOT NULL,
  cluster      smallint NOT NULL,
  PRIMARY KEY (tenant_id, customer_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_clusters_cluster_idx ON customer_clusters (tenant_id, cluster);

-- The newest basket-rule run: its thresholds and counts (the rules are in association_rules).
CREATE TABLE basket_runs (
  tenant_id       uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  orders          integer NOT NULL,
  min_support     double precision NOT NULL,
  min_confidence  double precision NOT NULL,
  itemsets        integer NOT NULL,
  rules           integer NOT NULL,
  truncated       boolean NOT NULL DEFAULT false,
  elapsed_ms      double precision,
  computed_at     timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);

-- The rules page reads a tenant's rules by lift.
CREATE INDEX association_rules_lift_idx ON association_rules (tenant_id, lift DESC);

ALTER TABLE cluster_models ENABLE ROW LEVEL SECURITY;
ALTER TABLE cluster_models FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cluster_models USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE cluster_profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE cluster_profiles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cluster_profiles USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE customer_clusters ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer_clusters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customer_clusters USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE basket_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE basket_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON basket_runs USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
