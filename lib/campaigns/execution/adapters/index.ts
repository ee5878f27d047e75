// Which adapter sends on which channel: the HTTP provider when its URL is
// configured, the development outbox otherwise (never a silent real send in dev).
import { devAdapter } from "@/lib/campaigns/execution/adapters/dev";
import { httpAdapter } from "@/lib/campaigns/execution/adapters/http";
import type { ChannelAdapter, MessageChannel } from "@/lib/campaigns/execution/adapters/types";

export function adapterFor(channel: MessageChannel, env: NodeJS.ProcessEnv = process.env): ChannelAdapter {
  const prefix = channel === "sms" ? "CAMPAIGN_SMS" : "CAMPAIGN_EMAIL";
  const url = env[`${prefix}_URL`];
  const token = env[`${prefix}_TOKEN`];
  return url && token ? httpAdapter(channel, url, token) : devAdapter;
}

export type { ChannelAdapter, MessageChannel } from "@/lib/campaigns/execution/adapters/types";
