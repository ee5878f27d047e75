-- Members, points and service pages (lib/members, lib/points, lib/tickets).
--
-- A points balance never goes below zero. lib/points/ledger.ts refuses a consumption
-- beyond the balance while it holds the member row's lock; these checks are the
-- database's own wall behind it. NOT VALID: rows written before this migration are
-- not re-read, every new or changed row is checked.
ALTER TABLE members
  ADD CONSTRAINT members_points_balance_nonnegative CHECK (points_balance >= 0) NOT VALID;
ALTER TABLE points_ledger
  ADD CONSTRAINT points_ledger_balance_after_nonnegative CHECK (balance_after >= 0) NOT VALID,
  ADD CONSTRAINT points_ledger_delta_nonzero CHECK (delta <> 0) NOT VALID;

-- The lists: tickets and members newest first across the tenant.
CREATE INDEX service_tickets_time_idx ON service_tickets (tenant_id, opened_at);
CREATE INDEX members_joined_idx ON members (tenant_id, joined_at);
