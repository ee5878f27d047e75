// Which adapter sends on which channel: the HTTP provider when its URL is
// configured, the development outbox otherwise (never a silent real send in dev).
// The in-store list has no provider at all.
import { devAdapter } from "@/lib/campaigns/execution/adapters/dev";
import { httpAdapter } from "@/lib/campaigns/execution/adapters/http";
import { inStoreAdapter } from "@/lib/campaigns/execution/adapters/in-store";
import { wechatTemplateAdapter } from "@/lib/campaigns/execution/adapters/wechat";
import type { ChannelAdapter, MessageChannel } from "@/lib/campaigns/execution/adapters/types";

export function adapterFor(channel: MessageChannel, env: Record<string, string | undefined> = process.env): ChannelAdapter {
  if (channel === "store") return inStoreAdapter;
  if (channel === "wechat") {
    const url = env.CAMPAIGN_WECHAT_URL;
    const templateId = env.CAMPAIGN_WECHAT_TEMPLATE_ID;
    return url && templateId ? wechatTemplateAdapter(url, templateId) : devAdapter;
  }
  const prefix = channel === "sms" ? "CAMPAIGN_SMS" : "CAMPAIGN_EMAIL";
  const url = env[`${prefix}_URL`];
  const token = env[`${prefix}_TOKEN`];
  return url && token ? httpAdapter(channel, url, token) : devAdapter;
}

export type { ChannelAdapter, MessageChannel } from "@/lib/campaigns/execution/adapters/types";
