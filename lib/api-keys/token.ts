// API key tokens: `crm_<tenant id>_<prefix>_<secret>`. The tenant id routes the
// lookup to the tenant's own rows (RLS; no cross-tenant table scan), the prefix finds
// the key (unique per tenant, shown in the admin list), and only a SHA-256 of the
// secret is stored: 32 random bytes need no slow hash, and a leaked table yields no key.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const TOKEN = /^crm_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

export type ParsedToken = { tenantId: string; prefix: string; secret: string };

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function newToken(tenantId: string): { token: string; prefix: string; hash: string } {
  const prefix = randomBytes(16).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, 10).padEnd(10, "0");
  const secret = randomBytes(32).toString("base64url");
  return { token: `crm_${tenantId}_${prefix}_${secret}`, prefix, hash: hashSecret(secret) };
}

export function parseToken(token: string): ParsedToken | null {
  const m = TOKEN.exec(token.trim());
  return m ? { tenantId: m[1]!.toLowerCase(), prefix: m[2]!, secret: m[3]! } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
