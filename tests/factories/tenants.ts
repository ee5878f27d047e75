// Tenants and members for tests, created through the real provisioning path.
import { randomUUID } from "node:crypto";
import { unsafeProvisionTenant } from "@/lib/tenants/provision";
import { unsafeFindOrCreateAccount } from "@/lib/users/accounts";
import { withTenant } from "@/lib/db/tenant";
import type { SystemRoleKey } from "@/lib/auth/catalog";

export const TEST_PASSWORD = "Test-Password-2026";

export type TestTenant = Awaited<ReturnType<typeof createTenant>>;

export async function createTenant(name = "Tenant") {
  const slug = `t-${randomUUID().slice(0, 12)}`;
  const p = await unsafeProvisionTenant({
    name: `${name} ${slug}`, slug, locale: "en",
    owner: { email: `owner-${slug}@example.test`, name: `${name} Owner`, password: TEST_PASSWORD },
  });
  return { ...p, slug, owner: { tenantId: p.tenantId, userId: p.ownerUserId } };
}

/** A member with one system role, optionally placed in a department under a manager. */
export async function addMember(
  tenant: TestTenant,
  role: SystemRoleKey,
  opts: { departmentId?: string; managerUserId?: string; email?: string } = {},
) {
  const email = opts.email ?? `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const { user } = await unsafeFindOrCreateAccount({ email, name: `${role} user`, password: TEST_PASSWORD });
  await withTenant(tenant.owner, async (tx) => {
    await tx.membership.create({
      data: { tenantId: tenant.tenantId, userId: user.id, departmentId: opts.departmentId ?? tenant.headOfficeId, managerUserId: opts.managerUserId ?? null },
    });
    await tx.userRole.create({ data: { tenantId: tenant.tenantId, userId: user.id, roleId: tenant.roleIds[role] } });
  });
  return { tenantId: tenant.tenantId, userId: user.id, email };
}

export async function addDepartment(tenant: TestTenant, name: string, parentId: string | null, kind = "team") {
  return withTenant(tenant.owner, (tx) =>
    tx.department.create({ data: { tenantId: tenant.tenantId, name, parentId: parentId ?? tenant.headOfficeId, kind } }),
  );
}
