// WeChat Official Account template messages (模板消息). Configured from the environment:
//   CAMPAIGN_WECHAT_URL   the send endpoint, access token included (a relay of
//                         https://api.weixin.qq.com/cgi-bin/message/template/send?access_token=…)
//   CAMPAIGN_WECHAT_TEMPLATE_ID  the approved template; the message body fills its `content` field.
// The address is the customer's openid (customer_identities, channel 'wechat'); a
// customer without one is skipped at planning ('no_openid'), never sent here.
// WeChat answers 200 with errcode 0 and a msgid, which becomes the provider message id
// delivery receipts name. WeChat does not deduplicate, so a send whose outcome is
// unknown is not retried (`deduplicates: false`).
import type { ChannelAdapter, OutgoingMessage, SendOutcome } from "@/lib/campaigns/execution/adapters/types";

export function wechatTemplateAdapter(url: string, templateId: string): ChannelAdapter {
  return {
    name: "wechat-template",
    deduplicates: false,
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ touser: message.to, template_id: templateId, data: { content: { value: message.body } } }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!res.ok) return { status: "failed", error: `provider answered ${res.status}` };
        const json = (await res.json().catch(() => ({}))) as { errcode?: unknown; errmsg?: unknown; msgid?: unknown };
        if (json.errcode !== 0 && json.errcode !== undefined) return { status: "failed", error: `wechat errcode ${String(json.errcode)}: ${String(json.errmsg ?? "")}`.slice(0, 200) };
        if (json.msgid === undefined || json.msgid === null) return { status: "failed", error: "wechat answered without a msgid" };
        return { status: "sent", providerMessageId: String(json.msgid) };
      } catch (err) {
        return { status: "failed", error: `provider unreachable: ${(err as Error).name}` };
      }
    },
  };
}
