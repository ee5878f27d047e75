// The development adapter: sends nothing anywhere. The outbox is outbound_messages
// itself (provider 'dev'), which the execution page shows. It "delivers" at once,
// except to addresses that contain "bounce" (so failures can be tried by hand),
// and it is idempotent by construction: its message id is derived from our key.
import { createHash } from "node:crypto";
import type { ChannelAdapter, OutgoingMessage, SendOutcome } from "@/lib/campaigns/execution/adapters/types";

export const devAdapter: ChannelAdapter = {
  name: "dev",
  deduplicates: true,
  async send(message: OutgoingMessage): Promise<SendOutcome> {
    if (message.to.toLowerCase().includes("bounce")) return { status: "failed", error: "dev: address bounces" };
    const id = createHash("sha256").update(`${message.tenantId}:${message.idempotencyKey}`).digest("hex").slice(0, 24);
    return { status: "delivered", providerMessageId: `dev-${id}` };
  },
};
