-- Editing and merging customers (lib/customers/edit.ts, lib/customers/merge.ts).
--
-- A merged-away customer is soft-deleted and points at the customer it was merged
-- into, so an old link, an audit row or a later import that still names it can be
-- followed to the record that lives on. The pointer only exists on deleted rows and
-- never points at the row itself. If the survivor is ever hard-deleted (an undone
-- import), the pointer is cleared rather than blocking the delete.
ALTER TABLE customers ADD COLUMN merged_into_id uuid;
ALTER TABLE customers
  ADD CONSTRAINT customers_merged_into_fkey FOREIGN KEY (tenant_id, merged_into_id)
    REFERENCES customers (tenant_id, id) ON DELETE SET NULL (merged_into_id),
  ADD CONSTRAINT customers_merged_is_deleted CHECK (merged_into_id IS NULL OR deleted_at IS NOT NULL),
  ADD CONSTRAINT customers_merged_not_self CHECK (merged_into_id IS NULL OR merged_into_id <> id);
-- Few rows have a pointer; the index serves the foreign key and "what was merged into X".
CREATE INDEX customers_merged_into_idx ON customers (tenant_id, merged_into_id) WHERE merged_into_id IS NOT NULL;
