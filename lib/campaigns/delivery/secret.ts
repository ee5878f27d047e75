// The per-tenant secret providers sign delivery receipts with. HMAC-SHA256 needs the
// secret itself to check a signature, so unlike an API key (of which only a hash is
// kept, lib/api-keys/token.ts) it is stored encrypted with AES-256-GCM under a key
// derived (HKDF) from DELIVERY_SECRET_KEY, or the app's auth secret when unset.
// The admin sees the secret once, when it is made or rotated; afterwards only its prefix.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant } from "@/lib/db/tenant";

const PREFIX_LENGTH = 12;

function encryptionKey(): Buffer {
  const base = process.env.DELIVERY_SECRET_KEY || process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET
    || (process.env.NODE_ENV === "production" ? "" : "dev-only-secret-change-me");
  if (!base) throw new Error("DELIVERY_SECRET_KEY (or NEXTAUTH_SECRET) must be set in production");
  return Buffer.from(hkdfSync("sha256", base, "crm-delivery-webhook", "aes-256-gcm", 32));
}

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptSecret(stored: string): string | null {
  const [v, iv, tag, body] = stored.split(".");
  if (v !== "v1" || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** The signature a provider sends: `sha256=` and the hex HMAC-SHA256 of the raw body. */
export function signBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

export function signatureMatches(secret: string, rawBody: Buffer, header: string | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, rawBody));
  const given = Buffer.from(header.trim().toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type WebhookSecretInfo = { prefix: string; createdAt: Date } | null;

export async function webhookSecretInfo(ctx: AuthContext): Promise<WebhookSecretInfo> {
  return withTenant(ctx, async (tx) => {
    const row = await tx.deliveryWebhookSecret.findFirst({ select: { prefix: true, createdAt: true } });
    return row ?? null;
  });
}

/** Makes (or replaces) the tenant's secret; the answer is the only time anyone sees it. */
export async function rotateWebhookSecret(ctx: AuthContext): Promise<{ secret: string; prefix: string }> {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const prefix = secret.slice(0, PREFIX_LENGTH);
  return withTenant(ctx, async (tx) => {
    const before = await tx.deliveryWebhookSecret.findFirst({ select: { prefix: true } });
    const data = { secretCiphertext: encryptSecret(secret), prefix, createdBy: ctx.userId, createdAt: new Date() };
    await tx.deliveryWebhookSecret.upsert({ where: { tenantId: ctx.tenantId }, create: { tenantId: ctx.tenantId, ...data }, update: data });
    await writeAudit(tx, ctx, { action: before ? "campaign.delivery_secret.rotate" : "campaign.delivery_secret.create",
      entity: "delivery_webhook_secret", entityId: ctx.tenantId, before: before ? { prefix: before.prefix } : undefined, after: { prefix } });
    return { secret, prefix };
  });
}

/** The tenant's secret in clear, for checking a receipt; null when it has none. */
export async function tenantWebhookSecret(tenantId: string): Promise<string | null> {
  const row = await withTenant({ tenantId }, (tx) => tx.deliveryWebhookSecret.findFirst({ select: { secretCiphertext: true } }));
  return row ? decryptSecret(row.secretCiphertext) : null;
}
