-- Import of members, interactions and service tickets (issue 4, lib/imports/members,
-- lib/imports/interactions, lib/imports/tickets). members, interactions and
-- service_tickets already carry import_id (migration 20261125055000).
--
-- members.status: active / frozen / cancelled (a member file's 状态 column).
ALTER TABLE members ADD COLUMN status text NOT NULL DEFAULT 'active'
  CHECK (status IN ('active', 'frozen', 'cancelled'));

-- points_ledger.import_id: the import that posted the entry (an opening balance, or
-- the difference a re-import found), so an undo can reverse exactly those. Unindexed
-- on purpose, like customers.created_import_id: an undo (rare) scans.
ALTER TABLE points_ledger ADD COLUMN import_id uuid;

-- interactions.external_id: the source system's id of an interaction, the key a
-- re-import finds it by (without one: customer + channel + time + type).
ALTER TABLE interactions ADD COLUMN external_id text CHECK (length(external_id) <= 100);
CREATE UNIQUE INDEX interactions_external_id_key ON interactions (tenant_id, external_id) WHERE external_id IS NOT NULL;

-- service_tickets: the ticket no. a helpdesk gives (the re-import key), a priority
-- and a free-text category.
ALTER TABLE service_tickets
  ADD COLUMN ticket_no text CHECK (length(ticket_no) <= 100),
  ADD COLUMN priority text CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  ADD COLUMN category text CHECK (length(category) <= 100);
CREATE UNIQUE INDEX service_tickets_ticket_no_key ON service_tickets (tenant_id, ticket_no) WHERE ticket_no IS NOT NULL;
