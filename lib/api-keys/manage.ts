// Managing a tenant's API keys (api_key:manage): list, create (the token is shown
// once, never stored), revoke. A key acts with one role's grants, so creating one is
// handing out that role: refused when the role holds more than its maker does.
import { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import { assertNoEscalation } from "@/lib/auth/escalation";
import { writeAudit } from "@/lib/audit/log";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { newToken } from "@/lib/api-keys/token";
import { tenantTimeZone } from "@/lib/tenants/time-zone";

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "apiKeys.error.nameRequired").max(80, "apiKeys.error.nameTooLong"),
  roleId: z.uuid("apiKeys.error.roleRequired"),
});
export const revokeApiKeySchema = z.object({ id: z.uuid() });

export type ApiKeyListItem = {
  id: string; name: string; prefix: string; roleName: string; createdByName: string | null;
  createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null;
};

export async function listApiKeys(ctx: AuthContext): Promise<{ keys: ApiKeyListItem[]; roles: { id: string; name: string }[]; timeZone: string }> {
  return withTenant(ctx, async (tx) => {
    const [keys, roles] = await Promise.all([
      tx.apiKey.findMany({ orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }], take: 200 }),
      tx.role.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    ]);
    const users = await tx.user.findMany({ where: { id: { in: keys.map((k) => k.createdBy).filter((x): x is string => Boolean(x)) } }, select: { id: true, name: true } });
    const roleName = new Map(roles.map((r) => [r.id, r.name]));
    const userName = new Map(users.map((u) => [u.id, u.name]));
    return {
      roles, timeZone: await tenantTimeZone(tx, ctx.tenantId),
      keys: keys.map((k) => ({
        id: k.id, name: k.name, prefix: k.prefix, roleName: roleName.get(k.roleId) ?? "—",
        createdByName: k.createdBy ? userName.get(k.createdBy) ?? null : null, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt,
      })),
    };
  });
}

/** Creates a key; the returned token is the only time anyone sees it. */
export async function createApiKey(ctx: AuthContext, input: z.output<typeof createApiKeySchema>): Promise<{ id: string; token: string; prefix: string }> {
  return withTenant(ctx, async (tx) => {
    const role = await tx.role.findFirst({ where: { id: input.roleId }, include: { permissions: true } });
    if (!role) throw new AppError("validation", "error.validation", {}, { roleId: "apiKeys.error.roleRequired" });
    assertNoEscalation(ctx, role.permissions.map((p) => ({ permissionKey: p.permissionKey, dataScope: p.dataScope })));
    const { token, prefix, hash } = newToken(ctx.tenantId);
    const key = await tx.apiKey.create({ data: { tenantId: ctx.tenantId, name: input.name, prefix, keyHash: hash, roleId: role.id, createdBy: ctx.userId } });
    await writeAudit(tx, ctx, { action: "api_key.create", entity: "api_key", entityId: key.id, after: { name: key.name, prefix, role: role.name } });
    return { id: key.id, token, prefix };
  });
}

export async function revokeApiKey(ctx: AuthContext, id: string): Promise<{ id: string }> {
  return withTenant(ctx, async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id } });
    if (!key) throw new AppError("not_found", "apiKeys.error.notFound");
    if (key.revokedAt) return { id };
    await tx.apiKey.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { revokedAt: new Date() } });
    await writeAudit(tx, ctx, { action: "api_key.revoke", entity: "api_key", entityId: id, before: { name: key.name, prefix: key.prefix } });
    return { id };
  });
}
