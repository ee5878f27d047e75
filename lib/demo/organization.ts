// Writes the demo tenant's fixed frame inside the tenant (withTenant, the app role):
// the organisation tree under the head office that provisioning made, the stores
// and online shops, everyone's membership (department, manager, title) and role,
// the product catalog, member tiers and tags. Small tables: Prisma is fine here.
import type { SystemRoleKey } from "@/lib/auth/catalog";
import { withTenant, type TenantScope } from "@/lib/db/tenant";
import type { DemoAccount, Place } from "@/lib/demo/accounts";
import type { DemoWorld } from "@/lib/demo/world";

export type Frame = {
  tenantId: string;
  headOfficeId: string;
  roleIds: Record<SystemRoleKey, string>;
  /** Account key → user id. */
  userIds: Map<string, string>;
};

export function departmentOf(world: DemoWorld, frame: Frame, place: Place): string {
  switch (place.kind) {
    case "head_office": return frame.headOfficeId;
    case "region": return world.regionDepartment[place.region];
    case "team": return world.teamDepartment[place.team];
    case "store": return world.storeByCode.get(place.store)!.departmentId;
  }
}

/** Sales staff user ids by store code: the owners of each store's customers. */
export function staffByStore(accounts: readonly DemoAccount[], userIds: Map<string, string>): Map<string, string[]> {
  const staff = new Map<string, string[]>();
  for (const a of accounts) {
    if (a.role !== "sales_staff" || a.place.kind !== "store") continue;
    staff.set(a.place.store, [...(staff.get(a.place.store) ?? []), userIds.get(a.key)!]);
  }
  return staff;
}

export async function writeFrame(scope: TenantScope, world: DemoWorld, frame: Frame, accounts: readonly DemoAccount[]): Promise<void> {
  const { tenantId } = frame;
  await withTenant(scope, async (tx) => {
    // Regions and teams first, then stores under their regions (parents before children).
    const top = world.departments.filter((d) => d.parentId === null);
    const below = world.departments.filter((d) => d.parentId !== null);
    await tx.department.createMany({ data: top.map((d) => ({ tenantId, id: d.id, parentId: frame.headOfficeId, name: d.name, kind: d.kind })) });
    await tx.department.createMany({ data: below.map((d) => ({ tenantId, id: d.id, parentId: d.parentId, name: d.name, kind: d.kind })) });
    await tx.store.createMany({
      data: [...world.stores, ...Object.values(world.onlineShops)].map((s) => ({
        tenantId, id: s.id, code: s.code, name: s.name, kind: s.kind, departmentId: s.departmentId, province: s.province,
        city: s.city, district: s.district, openedAt: s.openedAt ? new Date(`${s.openedAt}T00:00:00Z`) : null,
      })),
    });

    const owner = accounts.find((a) => a.role === "owner")!;
    await tx.membership.update({
      where: { tenantId_userId: { tenantId, userId: frame.userIds.get(owner.key)! } },
      data: { title: owner.title },
    });
    // Accounts are listed managers first, so one multi-row insert satisfies the manager foreign key.
    const others = accounts.filter((a) => a.key !== owner.key);
    await tx.membership.createMany({
      data: others.map((a) => ({
        tenantId, userId: frame.userIds.get(a.key)!, status: "active", title: a.title,
        departmentId: departmentOf(world, frame, a.place),
        managerUserId: a.managerKey ? frame.userIds.get(a.managerKey)! : null,
      })),
    });
    await tx.userRole.createMany({
      data: others.map((a) => ({ tenantId, userId: frame.userIds.get(a.key)!, roleId: frame.roleIds[a.role] })),
    });

    await tx.product.createMany({
      data: world.products.map((p) => ({ tenantId, id: p.id, sku: p.sku, name: p.name, category: p.category, brand: p.brand, price: p.price })),
    });
    await tx.memberTier.createMany({
      data: world.tiers.map((t) => ({ tenantId, id: t.id, rank: t.rank, name: t.name, threshold: t.threshold, benefits: t.benefits })),
    });
    await tx.tag.createMany({
      data: [...world.tagByName.values()].map((t) => ({ tenantId, id: t.id, name: t.name, color: t.color, kind: "manual" })),
    });
  });
}
