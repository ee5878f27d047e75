// One interface for every channel provider. A send carries our idempotency key
// (unique per campaign, batch, customer and channel); a provider that deduplicates
// on it says so with `deduplicates`, and only then may a retry re-send a message
// whose outcome is unknown (the worker died between claiming and recording it).
/** "wechat": a template message to the customer's openid; "store": no message, a line on the home store's list. */
export type MessageChannel = "sms" | "email" | "wechat" | "store";

export type OutgoingMessage = {
  tenantId: string;
  messageId: string;
  idempotencyKey: string;
  channel: MessageChannel;
  to: string;
  body: string;
};

export type SendOutcome =
  | { status: "sent" | "delivered"; providerMessageId: string }
  | { status: "failed"; error: string };

export interface ChannelAdapter {
  /** Stored on each message as `provider`. */
  readonly name: string;
  readonly deduplicates: boolean;
  send(message: OutgoingMessage): Promise<SendOutcome>;
}
