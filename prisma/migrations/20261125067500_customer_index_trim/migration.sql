-- customers_last_order_idx (tenant_id, last_order_at) served no query: the customer
-- list sorts and filters by last order through customers_list_last_order_idx
-- (tenant_id, last_order_sort, id) WHERE deleted_at IS NULL, and nothing else filters
-- or sorts customers by last_order_at (lib/analytics/scoring/order-times.ts and the
-- imports update it by id). Every new customer and every change of a last order
-- wrote it: one index fewer on the import's hot paths (docs/benchmarks.md, import).
DROP INDEX IF EXISTS customers_last_order_idx;
