-- The order list (lib/orders/queries.ts): keyset pages over (sort value, id), so
-- each sort order has an index ending in id and a page deep in the list is one
-- index range scan from its cursor, never an OFFSET.
--
-- (tenant_id, ordered_at, id) serves everything orders_time_idx (tenant_id,
-- ordered_at) did (date ranges, rollup refreshes), so it replaces it rather than
-- adding a second index every order insert has to maintain.
CREATE INDEX orders_list_ordered_idx ON orders (tenant_id, ordered_at, id);
DROP INDEX orders_time_idx;
-- "Paid amount, highest first".
CREATE INDEX orders_list_amount_idx ON orders (tenant_id, paid_amount, id);
