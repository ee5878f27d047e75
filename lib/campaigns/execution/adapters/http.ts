// A generic HTTP provider (most SMS gateways and e-mail APIs take a JSON POST with
// a bearer token). Configured per channel from the environment:
//   CAMPAIGN_<SMS|EMAIL>_URL, CAMPAIGN_<SMS|EMAIL>_TOKEN.
// Our idempotency key travels as the Idempotency-Key header; providers that honour
// it make retries safe, which is why this adapter declares `deduplicates`.
import type { ChannelAdapter, MessageChannel, OutgoingMessage, SendOutcome } from "@/lib/campaigns/execution/adapters/types";

export function httpAdapter(channel: MessageChannel, url: string, token: string): ChannelAdapter {
  return {
    name: `http-${channel}`,
    deduplicates: true,
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "idempotency-key": message.idempotencyKey },
          body: JSON.stringify({ to: message.to, body: message.body, reference: message.idempotencyKey }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!res.ok) return { status: "failed", error: `provider answered ${res.status}` };
        const json = (await res.json().catch(() => ({}))) as { id?: unknown };
        return { status: "sent", providerMessageId: typeof json.id === "string" ? json.id : message.idempotencyKey };
      } catch (err) {
        return { status: "failed", error: `provider unreachable: ${(err as Error).name}` };
      }
    },
  };
}
