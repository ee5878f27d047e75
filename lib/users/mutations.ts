// Adding people to the tenant and changing their roles, department and status.
// Every check runs inside the caller's tenant (RLS hides other tenants' ids, so a
// forged id reads as "not found") and the caller's user:manage scope; nobody can
// hand out a role that carries more than they hold (lib/auth/escalation.ts); the
// tenant always keeps an active Owner. Each change is audited in its transaction.
import type { AuthContext } from "@/lib/auth/context";
import { scopeOf } from "@/lib/auth/context";
import { resolveDataScope, type ScopeFilter } from "@/lib/auth/data-scope";
import { assertNoEscalation } from "@/lib/auth/escalation";
import { writeAudit } from "@/lib/audit/log";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError, forbidden } from "@/lib/errors";
import { unsafeDeleteAccountWithoutMemberships, unsafeFindAccountByEmail, unsafeFindOrCreateAccount } from "@/lib/users/accounts";
import { initialPasswordProblem, type CreateMemberInput, type UpdateMemberInput } from "@/lib/users/schemas";

async function manageScope(tx: TenantTx, ctx: AuthContext): Promise<ScopeFilter> {
  const scope = scopeOf(ctx, "user:manage");
  if (!scope) throw forbidden("user:manage");
  return resolveDataScope(tx, ctx, scope);
}

function departmentInScope(filter: ScopeFilter, departmentId: string | null): boolean {
  return filter.all || (departmentId !== null && filter.departmentIds.includes(departmentId));
}

/** The roles exist in this tenant, and the caller may give (or take) each of them. */
async function checkRoles(tx: TenantTx, ctx: AuthContext, roleIds: string[]) {
  const unique = [...new Set(roleIds)];
  const roles = await tx.role.findMany({ where: { id: { in: unique } }, include: { permissions: true } });
  if (roles.length !== unique.length) throw new AppError("validation", "users.roleNotFound", {}, { roleIds: "users.roleNotFound" });
  assertNoEscalation(ctx, roles.flatMap((r) => r.permissions));
  return roles;
}

async function checkPlacement(tx: TenantTx, filter: ScopeFilter, input: { departmentId: string | null; managerUserId: string | null }, self?: string) {
  if (input.departmentId && !(await tx.department.findFirst({ where: { id: input.departmentId } }))) {
    throw new AppError("validation", "users.departmentNotFound", {}, { departmentId: "users.departmentNotFound" });
  }
  if (!departmentInScope(filter, input.departmentId)) {
    throw new AppError("forbidden", "users.departmentOutOfScope", {}, { departmentId: "users.departmentOutOfScope" });
  }
  if (!input.managerUserId) return;
  if (input.managerUserId === self) throw new AppError("validation", "users.managerSelf", {}, { managerUserId: "users.managerSelf" });
  const manager = await tx.membership.findFirst({ where: { userId: input.managerUserId } });
  if (!manager) throw new AppError("validation", "users.managerNotFound", {}, { managerUserId: "users.managerNotFound" });
  if (self && (await managerChain(tx, input.managerUserId)).includes(self)) {
    throw new AppError("validation", "users.managerCycle", {}, { managerUserId: "users.managerCycle" });
  }
}

/** The manager, their manager, and so on up. */
async function managerChain(tx: TenantTx, userId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ user_id: string }[]>`
    WITH RECURSIVE up AS (
      SELECT user_id, manager_user_id, 1 AS depth FROM memberships WHERE user_id = ${userId}::uuid
      UNION ALL
      SELECT m.user_id, m.manager_user_id, up.depth + 1 FROM memberships m JOIN up ON m.user_id = up.manager_user_id
      WHERE up.depth < 50
    ) SELECT user_id::text FROM up`;
  return rows.map((r) => r.user_id);
}

async function assertActiveOwnerRemains(tx: TenantTx) {
  const owners = await tx.userRole.count({ where: { role: { systemKey: "owner" }, membership: { status: "active" } } });
  if (owners === 0) throw new AppError("validation", "users.lastOwner");
}

export async function createMember(ctx: AuthContext, input: CreateMemberInput): Promise<{ userId: string; existingAccount: boolean }> {
  await withTenant(ctx, async (tx) => {
    await checkRoles(tx, ctx, input.roleIds);
    await checkPlacement(tx, await manageScope(tx, ctx), input);
  });
  const existing = await unsafeFindAccountByEmail(input.email);
  if (!existing) {
    const problem = initialPasswordProblem(input.password, input.email);
    if (problem) throw new AppError("validation", problem, {}, { password: problem });
  }
  const { user, created } = await unsafeFindOrCreateAccount({ email: input.email, name: input.name, password: input.password });
  try {
    await withTenant(ctx, async (tx) => {
      if (await tx.membership.findFirst({ where: { userId: user.id } })) {
        throw new AppError("conflict", "users.alreadyMember", {}, { email: "users.alreadyMember" });
      }
      await tx.membership.create({
        data: { tenantId: ctx.tenantId, userId: user.id, departmentId: input.departmentId, managerUserId: input.managerUserId },
      });
      const roleIds = [...new Set(input.roleIds)];
      if (roleIds.length) await tx.userRole.createMany({ data: roleIds.map((roleId) => ({ tenantId: ctx.tenantId, userId: user.id, roleId })) });
      await writeAudit(tx, ctx, {
        action: "member.create", entity: "membership", entityId: user.id,
        after: { email: user.email, name: user.name, departmentId: input.departmentId, managerUserId: input.managerUserId, roleIds, newAccount: created },
      });
    });
  } catch (err) {
    // Nothing may be left behind: an account made for this request goes with it.
    if (created) await unsafeDeleteAccountWithoutMemberships(user.id).catch(() => undefined);
    throw err;
  }
  return { userId: user.id, existingAccount: !created };
}

export async function updateMember(ctx: AuthContext, input: UpdateMemberInput): Promise<void> {
  await withTenant(ctx, async (tx) => {
    const filter = await manageScope(tx, ctx);
    const member = await tx.membership.findFirst({ where: { userId: input.userId }, include: { roles: true } });
    if (!member || !(filter.all || filter.userIds.includes(member.userId) || departmentInScope(filter, member.departmentId))) {
      throw new AppError("not_found", "users.notFound");
    }
    if (input.userId === ctx.userId && input.status !== "active") throw new AppError("validation", "users.cannotDisableSelf", {}, { status: "users.cannotDisableSelf" });
    await checkPlacement(tx, filter, input, input.userId);
    const before = member.roles.map((r) => r.roleId).sort();
    const after = [...new Set(input.roleIds)].sort();
    const changed = [...after.filter((id) => !before.includes(id)), ...before.filter((id) => !after.includes(id))];
    await checkRoles(tx, ctx, changed);

    await tx.membership.update({
      where: { tenantId_userId: { tenantId: ctx.tenantId, userId: input.userId } },
      data: { departmentId: input.departmentId, managerUserId: input.managerUserId, status: input.status },
    });
    await tx.userRole.deleteMany({ where: { userId: input.userId, roleId: { notIn: after } } });
    const added = after.filter((id) => !before.includes(id));
    if (added.length) await tx.userRole.createMany({ data: added.map((roleId) => ({ tenantId: ctx.tenantId, userId: input.userId, roleId })) });
    await assertActiveOwnerRemains(tx);
    await writeAudit(tx, ctx, {
      action: "member.update", entity: "membership", entityId: input.userId,
      before: { departmentId: member.departmentId, managerUserId: member.managerUserId, status: member.status, roleIds: before },
      after: { departmentId: input.departmentId, managerUserId: input.managerUserId, status: input.status, roleIds: after },
    });
  });
}
