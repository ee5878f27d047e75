-- Closing the campaign loop (issue 7): provider delivery receipts, WeChat template
-- messages and in-store offers.
--
-- delivery_webhook_secrets: the per-tenant secret providers sign delivery receipts
-- with (HMAC-SHA256 of the raw body). HMAC needs the secret itself on our side, so
-- it is stored encrypted (AES-256-GCM, lib/campaigns/delivery/secret.ts), never in
-- clear; `prefix` (its first characters) is what the admin page shows.
CREATE TABLE delivery_webhook_secrets (
  tenant_id          uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  secret_ciphertext  text NOT NULL,
  prefix             text NOT NULL,
  created_by         uuid,
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);
ALTER TABLE delivery_webhook_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE delivery_webhook_secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON delivery_webhook_secrets USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- A receipt finds its send by the message id the adapter recorded.
CREATE INDEX outbound_messages_provider_id_idx ON outbound_messages (tenant_id, provider_message_id) WHERE provider_message_id IS NOT NULL;

-- New channels: WeChat template messages and the in-store list (no message sent).
ALTER TABLE campaign_batches DROP CONSTRAINT campaign_batches_channel_check;
ALTER TABLE campaign_batches ADD CONSTRAINT campaign_batches_channel_check CHECK (channel IN ('sms', 'email', 'wechat', 'store'));
ALTER TABLE customer_opt_outs DROP CONSTRAINT customer_opt_outs_channel_check;
ALTER TABLE customer_opt_outs ADD CONSTRAINT customer_opt_outs_channel_check CHECK (channel IN ('sms', 'email', 'wechat', 'call', 'all'));
-- WeChat skips a customer without an openid ('no_openid'), the in-store list one without a home store ('no_home_store').
ALTER TABLE outbound_messages DROP CONSTRAINT outbound_messages_skip_reason_check;
ALTER TABLE outbound_messages ADD CONSTRAINT outbound_messages_skip_reason_check
  CHECK (skip_reason IN ('opt_out', 'frequency_cap', 'no_address', 'no_openid', 'no_home_store'));
