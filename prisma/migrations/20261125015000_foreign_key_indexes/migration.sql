-- Every foreign key gets an index that starts with its columns. Without one, deleting
-- a parent row (a tenant's orders, a campaign) scans the child table once per row,
-- and joins along the key cannot use an index. schema-rules.test.ts keeps it so.

CREATE INDEX stores_department_fk_idx ON stores (tenant_id, department_id);
CREATE INDEX campaigns_owner_user_fk_idx ON campaigns (tenant_id, owner_user_id);
CREATE INDEX orders_campaign_fk_idx ON orders (tenant_id, campaign_id);
CREATE INDEX orders_store_fk_idx ON orders (tenant_id, store_id);
CREATE INDEX members_tier_fk_idx ON members (tenant_id, tier_id);
CREATE INDEX tier_changes_from_tier_fk_idx ON tier_changes (tenant_id, from_tier_id);
CREATE INDEX tier_changes_to_tier_fk_idx ON tier_changes (tenant_id, to_tier_id);
CREATE INDEX points_ledger_order_fk_idx ON points_ledger (tenant_id, order_id);
CREATE INDEX coupons_campaign_fk_idx ON coupons (tenant_id, campaign_id);
CREATE INDEX coupons_order_fk_idx ON coupons (tenant_id, order_id);
CREATE INDEX interactions_campaign_fk_idx ON interactions (tenant_id, campaign_id);
CREATE INDEX interactions_user_fk_idx ON interactions (tenant_id, user_id);
CREATE INDEX service_tickets_assignee_user_fk_idx ON service_tickets (tenant_id, assignee_user_id);
CREATE INDEX campaign_targets_customer_fk_idx ON campaign_targets (tenant_id, customer_id);
CREATE INDEX campaign_batches_campaign_fk_idx ON campaign_batches (tenant_id, campaign_id);
CREATE INDEX care_tasks_campaign_fk_idx ON care_tasks (tenant_id, campaign_id);
CREATE INDEX care_tasks_customer_fk_idx ON care_tasks (tenant_id, customer_id);
CREATE INDEX outbound_messages_batch_fk_idx ON outbound_messages (tenant_id, batch_id);
CREATE INDEX outbound_messages_campaign_fk_idx ON outbound_messages (tenant_id, campaign_id);
CREATE INDEX api_keys_role_fk_idx ON api_keys (tenant_id, role_id);
CREATE INDEX exports_file_fk_idx ON exports (tenant_id, file_id);
