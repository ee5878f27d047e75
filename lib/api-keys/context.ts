// The caller of an API request: the tenant, permissions and data scopes of the key's
// role, acting in the name of the person who made the key (audit entries name them).
// A key that is unknown, revoked, or whose maker is no longer an active member is no
// key: the same 401 for each, and failed attempts are rate-limited per address.
import { SCOPE_RANK, type DataScope } from "@/lib/auth/catalog";
import type { AuthContext } from "@/lib/auth/context";
import { hit } from "@/lib/auth/rate-limit";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { parseToken, secretMatches } from "@/lib/api-keys/token";

export const API_KEY_FAILURE_LIMIT = { max: 30, windowSeconds: 15 * 60 };

/** The Bearer token of a request, or null when it carries none. */
export function bearerToken(req: Request): string | null {
  const h = req.headers.get("authorization");
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m ? m[1]! : null;
}

async function lookUp(token: string): Promise<AuthContext | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  return withTenant({ tenantId: parsed.tenantId }, async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { prefix: parsed.prefix, revokedAt: null } });
    if (!key || !secretMatches(parsed.secret, key.keyHash) || !key.createdBy) return null;
    const [role, membership, tenant] = await Promise.all([
      tx.role.findFirst({ where: { id: key.roleId }, include: { permissions: true } }),
      tx.membership.findUnique({ where: { tenantId_userId: { tenantId: parsed.tenantId, userId: key.createdBy } }, include: { user: true } }),
      tx.tenant.findUnique({ where: { id: parsed.tenantId } }),
    ]);
    if (!role || !membership || membership.status !== "active" || !tenant) return null;
    const grants = new Map<string, DataScope>();
    for (const g of role.permissions) {
      const scope = g.dataScope as DataScope;
      const prev = grants.get(g.permissionKey);
      if (!prev || SCOPE_RANK[scope] > SCOPE_RANK[prev]) grants.set(g.permissionKey, scope);
    }
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
      await tx.apiKey.update({ where: { tenantId_id: { tenantId: parsed.tenantId, id: key.id } }, data: { lastUsedAt: new Date() } });
    }
    return {
      tenantId: parsed.tenantId, userId: key.createdBy, email: membership.user.email, name: `${key.name} (API)`,
      tenantName: tenant.name, locale: tenant.locale === "en" ? "en" : "zh-CN", departmentId: membership.departmentId, grants,
    };
  });
}

/** The context of a request's API key; throws 401 (or 429 after too many failures from one address). */
export async function apiKeyContext(req: Request, token: string): Promise<AuthContext> {
  const address = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
  const ctx = await lookUp(token).catch(() => null);
  if (ctx) return ctx;
  if (!(await hit("api-key", address, API_KEY_FAILURE_LIMIT))) throw new AppError("rate_limited", "api.error.rateLimited");
  throw new AppError("unauthenticated", "api.error.badKey");
}
