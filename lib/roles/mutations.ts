// Creating, renaming, deleting roles and saving a role's grants. Each change runs in
// one tenant transaction with its audit row, after lib/roles/policy.ts has said yes.
// The role row is locked (FOR UPDATE) first, so two admins saving the same role are
// serialised and each audit row's "before" is what that save really replaced.
import type { AuthContext } from "@/lib/auth/context";
import type { DataScope, PermissionKey } from "@/lib/auth/catalog";
import { writeAudit } from "@/lib/audit/log";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError, fromDatabaseError } from "@/lib/errors";
import {
  assertCustomRole, assertGrantsEditable, assertMayGrant, grantList, parseGrantList, sameGrants, type GrantMap,
} from "@/lib/roles/policy";
import type { CreateRoleInput, DeleteRoleInput, SaveGrantsInput, UpdateRoleInput } from "@/lib/roles/schemas";

type LockedRole = { id: string; name: string; description: string | null; systemKey: string | null };

async function lockRole(tx: TenantTx, ctx: AuthContext, roleId: string): Promise<LockedRole> {
  const rows = await tx.$queryRaw<{ id: string; name: string; description: string | null; system_key: string | null }[]>`
    SELECT id::text, name, description, system_key FROM roles
    WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${roleId}::uuid
    FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError("not_found", "roles.error.notFound");
  return { id: row.id, name: row.name, description: row.description, systemKey: row.system_key };
}

const nameTaken = () => new AppError("conflict", "roles.error.nameTaken", {}, { name: "roles.error.nameTaken" });

/** Names are unique per tenant; "Sales" and "sales" would confuse people, so compare without case. */
async function assertNameFree(tx: TenantTx, name: string, exceptId?: string) {
  const clash = await tx.role.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw nameTaken();
}

/** A concurrent insert of the same name loses at the unique index: same message as the pre-check. */
async function uniqueName<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (fromDatabaseError(err)?.code === "conflict") throw nameTaken();
    throw err;
  }
}

async function grantsOf(tx: TenantTx, roleId: string): Promise<GrantMap> {
  const rows = await tx.rolePermission.findMany({ where: { roleId } });
  return new Map(rows.map((r) => [r.permissionKey as PermissionKey, r.dataScope as DataScope]));
}

export async function createRole(ctx: AuthContext, input: CreateRoleInput): Promise<{ id: string }> {
  return uniqueName(() =>
    withTenant(ctx, async (tx) => {
      await assertNameFree(tx, input.name);
      const role = await tx.role.create({ data: { tenantId: ctx.tenantId, name: input.name, description: input.description } });
      await writeAudit(tx, ctx, {
        action: "role.create", entity: "role", entityId: role.id,
        after: { name: role.name, description: role.description, grants: [] },
      });
      return { id: role.id };
    }),
  );
}

export async function updateRole(ctx: AuthContext, input: UpdateRoleInput): Promise<{ changed: boolean }> {
  return uniqueName(() =>
    withTenant(ctx, async (tx) => {
      const role = await lockRole(tx, ctx, input.roleId);
      assertCustomRole(role);
      if (role.name === input.name && role.description === input.description) return { changed: false };
      await assertNameFree(tx, input.name, role.id);
      await tx.role.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: role.id } },
        data: { name: input.name, description: input.description },
      });
      await writeAudit(tx, ctx, {
        action: "role.update", entity: "role", entityId: role.id,
        before: { name: role.name, description: role.description },
        after: { name: input.name, description: input.description },
      });
      return { changed: true };
    }),
  );
}

export async function deleteRole(ctx: AuthContext, input: DeleteRoleInput): Promise<{ removedFromMembers: number }> {
  return withTenant(ctx, async (tx) => {
    const role = await lockRole(tx, ctx, input.roleId);
    assertCustomRole(role);
    const members = await tx.userRole.findMany({ where: { roleId: role.id }, select: { userId: true } });
    if (members.length > 0 && !input.confirmInUse) {
      throw new AppError("conflict", "roles.error.inUse", { count: members.length });
    }
    // API keys act with a role and have no fallback; the database refuses to orphan them.
    const apiKeys = await tx.apiKey.count({ where: { roleId: role.id } });
    if (apiKeys > 0) throw new AppError("conflict", "roles.error.usedByApiKeys", { count: apiKeys });
    const grants = await grantsOf(tx, role.id);
    await tx.role.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id: role.id } } });
    await writeAudit(tx, ctx, {
      action: "role.delete", entity: "role", entityId: role.id,
      // Enough to recreate the role and re-assign it by hand.
      before: { name: role.name, description: role.description, grants: grantList(grants), memberUserIds: members.map((m) => m.userId) },
    });
    return { removedFromMembers: members.length };
  });
}

export type GrantsSaved = { changed: boolean; added: number; removed: number; rescoped: number };

export async function saveRoleGrants(ctx: AuthContext, input: SaveGrantsInput): Promise<GrantsSaved> {
  const after = parseGrantList(input.grants);
  return withTenant(ctx, async (tx) => {
    const role = await lockRole(tx, ctx, input.roleId);
    assertGrantsEditable(role);
    const before = await grantsOf(tx, role.id);
    assertMayGrant(ctx, before, after);
    if (sameGrants(before, after)) return { changed: false, added: 0, removed: 0, rescoped: 0 };

    const added = [...after.keys()].filter((k) => !before.has(k)).length;
    const removed = [...before.keys()].filter((k) => !after.has(k)).length;
    const rescoped = [...after].filter(([k, s]) => before.has(k) && before.get(k) !== s).length;

    await tx.rolePermission.deleteMany({ where: { roleId: role.id } });
    if (after.size > 0) {
      await tx.rolePermission.createMany({
        data: [...after].map(([permissionKey, dataScope]) => ({ tenantId: ctx.tenantId, roleId: role.id, permissionKey, dataScope })),
      });
    }
    await tx.role.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: role.id } }, data: { updatedAt: new Date() } });
    await writeAudit(tx, ctx, {
      action: "role.grants.update", entity: "role", entityId: role.id,
      before: { name: role.name, grants: grantList(before) },
      after: { name: role.name, grants: grantList(after) },
    });
    return { changed: true, added, removed, rescoped };
  });
}
