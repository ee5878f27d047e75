// The delivery callback's checks, in order, before anything is read or written:
// a known channel (404), a tenant id in the URL and a signature header (401), a body
// of at most MAX_BODY_BYTES (400), the HMAC-SHA256 of the raw body under that tenant's
// secret (401, the same answer for an unknown tenant, a tenant without a secret and a
// wrong signature; failures are rate-limited per address), then JSON matching the
// receipt schema (400, naming the first problem). Only then are receipts applied.
import { AppError } from "@/lib/errors";
import { hit } from "@/lib/auth/rate-limit";
import { signatureMatches, tenantWebhookSecret } from "@/lib/campaigns/delivery/secret";
import { applyReceipts, parseReceiptBody, RECEIPT_CHANNELS, type ReceiptChannel, type ReceiptResult } from "@/lib/campaigns/delivery/receipts";

export const SIGNATURE_HEADER = "x-crm-signature";
export const MAX_BODY_BYTES = 512 * 1024;
export const CALLBACK_FAILURE_LIMIT = { max: 60, windowSeconds: 15 * 60 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isChannel = (c: string): c is ReceiptChannel => (RECEIPT_CHANNELS as readonly string[]).includes(c);

async function refuse(req: Request): Promise<never> {
  const address = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  if (!(await hit("delivery-callback", address, CALLBACK_FAILURE_LIMIT))) throw new AppError("rate_limited", "campaignDelivery.error.rateLimited");
  throw new AppError("unauthenticated", "campaignDelivery.error.signature");
}

export async function verifyAndApplyReceipts(req: Request, channel: string): Promise<ReceiptResult> {
  if (!isChannel(channel)) throw new AppError("not_found", "campaignDelivery.error.channel", { channel: channel.slice(0, 20) });
  const tenantId = new URL(req.url).searchParams.get("tenant") ?? "";
  const signature = req.headers.get(SIGNATURE_HEADER);
  if (!UUID.test(tenantId) || !signature) return refuse(req);
  const raw = Buffer.from(await req.arrayBuffer());
  if (raw.length > MAX_BODY_BYTES) throw new AppError("validation", "campaignDelivery.error.tooLarge", { max: MAX_BODY_BYTES });
  const secret = await tenantWebhookSecret(tenantId.toLowerCase()).catch(() => null);
  if (!secret || !signatureMatches(secret, raw, signature)) return refuse(req);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new AppError("validation", "campaignDelivery.error.json");
  }
  const parsed = parseReceiptBody(json);
  if (!parsed.ok) throw new AppError("validation", "campaignDelivery.error.body", { field: parsed.field });
  return applyReceipts(tenantId.toLowerCase(), channel, parsed.receipts);
}
