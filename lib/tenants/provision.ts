// Creating a tenant is cross-tenant work, so it runs on the privileged platform path
// (lib/db/unsafe-platform.ts): the tenant row, its head-office department, the five
// system roles with their grants, and the owner's account and membership.
import { randomUUID } from "node:crypto";
import { unsafePlatformTransaction, type PlatformTx } from "@/lib/db/unsafe-platform";
import { SYSTEM_ROLES, SYSTEM_ROLE_KEYS, type SystemRoleKey } from "@/lib/auth/catalog";
import { hashPassword } from "@/lib/auth/password";

export type ProvisionInput = {
  name: string;
  slug: string;
  locale: "zh-CN" | "en";
  owner: { email: string; name: string; password: string };
};

export type Provisioned = {
  tenantId: string;
  ownerUserId: string;
  headOfficeId: string;
  roleIds: Record<SystemRoleKey, string>;
};

export async function unsafeSeedSystemRoles(tx: PlatformTx, tenantId: string, locale: "zh-CN" | "en") {
  const roleIds = {} as Record<SystemRoleKey, string>;
  for (const key of SYSTEM_ROLE_KEYS) {
    const def = SYSTEM_ROLES[key];
    const id = randomUUID();
    roleIds[key] = id;
    await tx.role.create({
      data: { tenantId, id, systemKey: key, name: locale === "zh-CN" ? def.zh : def.en },
    });
    await tx.rolePermission.createMany({
      data: def.grants.map(([permissionKey, dataScope]) => ({ tenantId, roleId: id, permissionKey, dataScope })),
    });
  }
  return roleIds;
}

export async function unsafeProvisionTenant(input: ProvisionInput): Promise<Provisioned> {
  const email = input.owner.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.owner.password);
  return unsafePlatformTransaction(async (tx) => {
    const tenant = await tx.tenant.create({ data: { name: input.name, slug: input.slug, locale: input.locale } });
    const tenantId = tenant.id;
    const user = await tx.user.create({ data: { email, name: input.owner.name, passwordHash, locale: input.locale } });
    const headOfficeId = randomUUID();
    await tx.department.create({
      data: { tenantId, id: headOfficeId, name: input.locale === "zh-CN" ? "总部" : "Head office", kind: "head_office" },
    });
    const roleIds = await unsafeSeedSystemRoles(tx, tenantId, input.locale);
    await tx.membership.create({ data: { tenantId, userId: user.id, departmentId: headOfficeId, status: "active" } });
    await tx.userRole.create({ data: { tenantId, userId: user.id, roleId: roleIds.owner } });
    await tx.auditLog.create({
      data: { tenantId, actorUserId: user.id, action: "tenant.create", entity: "tenant", entityId: tenantId,
        after: { name: input.name, slug: input.slug } },
    });
    return { tenantId, ownerUserId: user.id, headOfficeId, roleIds };
  });
}
