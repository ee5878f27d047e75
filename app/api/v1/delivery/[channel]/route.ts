import { PUBLIC, defineRoute } from "@/lib/auth/guard";
import { verifyAndApplyReceipts } from "@/lib/campaigns/delivery/callback";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST /api/v1/delivery/{sms|email|wechat}?tenant=<tenant id>
 * A provider's delivery receipt(s): `{messageId, status: "delivered"|"failed", reason?, occurredAt?}`
 * or `{receipts: [...]}`, signed with the tenant's webhook secret:
 * `X-CRM-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. No session or API key:
 * the signature is the authentication (lib/campaigns/delivery/callback.ts). docs/api.md.
 */
export const POST = defineRoute(PUBLIC, async (req, { params }) => {
  const channel = typeof params.channel === "string" ? params.channel : "";
  return Response.json(await verifyAndApplyReceipts(req, channel));
});
