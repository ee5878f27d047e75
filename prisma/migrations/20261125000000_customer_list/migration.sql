-- The customer list: search, filters and keyset pagination that stay fast on a
-- tenant with a million customers (lib/customers/list-query.ts writes the SQL).
--
-- Why generated columns: under row-level security Postgres may use a condition as
-- an index condition only if every function it applies to the table's columns is
-- LEAKPROOF, because it must not run user code on rows the policy hides. LIKE,
-- lower() and reverse() are not leakproof, so `lower(name) LIKE 'zh%'` reads the
-- whole tenant even with an index on lower(name). Stored generated columns move
-- the function to write time; the search then uses the leakproof range operators
-- of text_pattern_ops (~>=~ and ~<~), which index scans accept.

ALTER TABLE customers
  -- Case-insensitive name prefix search ("zhang" finds "Zhang Wei").
  ADD COLUMN search_name text GENERATED ALWAYS AS (lower(name)) STORED,
  -- The phone's digits backwards: "the number ends in 8000" becomes a prefix search.
  ADD COLUMN phone_digits_rev text GENERATED ALWAYS AS (reverse(regexp_replace(phone, '[^0-9]', '', 'g'))) STORED;

-- Superseded by customers_search_name_idx (same shape, case-insensitive).
DROP INDEX customers_name_idx;

CREATE INDEX customers_search_name_idx ON customers (tenant_id, search_name text_pattern_ops);
CREATE INDEX customers_phone_tail_idx ON customers (tenant_id, phone_digits_rev text_pattern_ops);

-- One index per sort order of the list, holding live rows only (the list never
-- shows soft-deleted customers), with id as the tie-breaker of the keyset cursor.
-- Customers without orders sort as the oldest ('-infinity'), so the cursor never
-- has to step over NULLs.
CREATE INDEX customers_list_created_idx ON customers (tenant_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_list_last_order_idx ON customers (tenant_id, (COALESCE(last_order_at, '-infinity'::timestamptz)), id)
  WHERE deleted_at IS NULL;
CREATE INDEX customers_list_name_idx ON customers (tenant_id, name, id) WHERE deleted_at IS NULL;

-- Filters that can be selective on a big tenant.
CREATE INDEX customers_home_store_idx ON customers (tenant_id, home_store_id);
CREATE INDEX customers_region_idx ON customers (tenant_id, province, city);

-- Search by a channel id (member no., Tmall nick, WeChat openid) without knowing the channel.
CREATE INDEX customer_identities_external_id_idx ON customer_identities (tenant_id, external_id);
