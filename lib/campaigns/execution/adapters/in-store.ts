// "In store": nothing is sent. Planning writes one row per customer with their home
// store as the address; "sending" puts the row on that store's list (status 'sent',
// provider 'in-store'), which the execution page offers per store as a printable
// CSV for the counter staff. No provider, so nothing to deduplicate or fail.
import type { ChannelAdapter, OutgoingMessage, SendOutcome } from "@/lib/campaigns/execution/adapters/types";

export const inStoreAdapter: ChannelAdapter = {
  name: "in-store",
  deduplicates: true,
  async send(message: OutgoingMessage): Promise<SendOutcome> {
    return { status: "sent", providerMessageId: `store-${message.messageId}` };
  },
};
