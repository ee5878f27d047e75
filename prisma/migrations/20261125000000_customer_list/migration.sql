-- The customer list: search, filters, sort orders and keyset pagination that stay
-- fast on a tenant with a million customers (lib/customers/list-query.ts writes
-- the SQL these indexes serve).
--
-- Why generated columns: under row-level security Postgres uses a condition as an
-- index condition only if every function it applies to the table's columns is
-- LEAKPROOF, because it must not run code on rows the policy will hide. LIKE,
-- lower(), reverse() and COALESCE are not, so `lower(name) LIKE 'zh%'` reads the
-- whole tenant even with an index on lower(name). Stored generated columns move
-- the function to write time; the list then searches them with the leakproof
-- range operators of text_pattern_ops (~>=~, ~<~) and plain comparisons.
-- Nothing writes these columns; Postgres keeps them in step with name and phone.

ALTER TABLE customers
  -- Case-insensitive name prefix search ("zhang" finds "Zhang Wei").
  ADD COLUMN search_name text GENERATED ALWAYS AS (lower(name)) STORED,
  -- The phone's digits backwards: "the number ends in 8000" becomes a prefix search.
  ADD COLUMN phone_digits_rev text GENERATED ALWAYS AS (reverse(regexp_replace(phone, '[^0-9]', '', 'g'))) STORED,
  -- The "last order" sort key: customers who never ordered sort as the oldest, so a
  -- keyset cursor never has to step over NULLs.
  ADD COLUMN last_order_sort timestamptz(3) GENERATED ALWAYS AS (COALESCE(last_order_at, '-infinity'::timestamptz)) STORED;

-- Superseded by customers_search_name_idx (the same search, case-insensitive).
DROP INDEX customers_name_idx;
CREATE INDEX customers_search_name_idx ON customers (tenant_id, search_name text_pattern_ops);
CREATE INDEX customers_phone_tail_idx ON customers (tenant_id, phone_digits_rev text_pattern_ops);

-- One index per sort order of the list, over live rows only (the list never shows
-- soft-deleted customers), with id as the tie-breaker of the keyset cursor.
CREATE INDEX customers_list_created_idx ON customers (tenant_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_list_last_order_idx ON customers (tenant_id, last_order_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_list_name_idx ON customers (tenant_id, name, id) WHERE deleted_at IS NULL;

-- "My customers, newest first" is a sales user's default view (the "own" data
-- scope): served in index order. Still leads with the owner, so it also serves
-- what customers_owner_idx did (reassigning, the membership foreign key).
DROP INDEX customers_owner_idx;
CREATE INDEX customers_owner_created_idx ON customers (tenant_id, owner_user_id, created_at, id);

-- Filters that can be selective on a big tenant.
CREATE INDEX customers_home_store_idx ON customers (tenant_id, home_store_id);
CREATE INDEX customers_region_idx ON customers (tenant_id, province, city);

-- Search by a channel id (member no., Tmall nick, WeChat openid) without knowing the channel.
CREATE INDEX customer_identities_external_id_idx ON customer_identities (tenant_id, external_id);
