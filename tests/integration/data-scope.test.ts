// Data scopes follow the organisation tree: own, own and subordinates, department,
// department and sub-departments, all — checked on customers owned across a
// region with two stores.
import { beforeAll, describe, expect, it } from "vitest";
import { resolveDataScope, scopeWhere } from "@/lib/auth/data-scope";
import { withTenant } from "@/lib/db/tenant";
import type { DataScope } from "@/lib/auth/catalog";
import { addDepartment, addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";

let t: TestTenant;
const people: Record<string, { userId: string; departmentId: string }> = {};

beforeAll(async () => {
  t = await createTenant("Scope");
  const south = await addDepartment(t, "华南大区", null, "region");
  const gz = await addDepartment(t, "广州天河店", south.id, "store");
  const sz = await addDepartment(t, "深圳南山店", south.id, "store");
  const north = await addDepartment(t, "华北大区", null, "region");
  const boss = await addMember(t, "manager", { departmentId: south.id });
  const gzSales = await addMember(t, "sales_staff", { departmentId: gz.id, managerUserId: boss.userId });
  const szSales = await addMember(t, "sales_staff", { departmentId: sz.id, managerUserId: boss.userId });
  const northSales = await addMember(t, "sales_staff", { departmentId: north.id });
  Object.assign(people, {
    boss: { userId: boss.userId, departmentId: south.id },
    gz: { userId: gzSales.userId, departmentId: gz.id },
    sz: { userId: szSales.userId, departmentId: sz.id },
    north: { userId: northSales.userId, departmentId: north.id },
  });
  await withTenant(t.owner, (tx) =>
    tx.customer.createMany({
      data: (["boss", "gz", "sz", "north"] as const).flatMap((who) =>
        [1, 2].map((i) => ({ tenantId: t.tenantId, name: `${who}-${i}`, ownerUserId: people[who]!.userId, departmentId: people[who]!.departmentId })),
      ),
    }),
  );
});

async function visible(who: keyof typeof people, scope: DataScope) {
  return withTenant(t.owner, async (tx) => {
    const filter = await resolveDataScope(tx, people[who]!, scope);
    const rows = await tx.customer.findMany({ where: scopeWhere(filter, { owner: "ownerUserId", department: "departmentId" }), select: { name: true } });
    return rows.map((r) => r.name.split("-")[0]).sort();
  });
}

describe("data scopes", () => {
  it("own: only the user's customers", async () => {
    expect(await visible("gz", "own")).toEqual(["gz", "gz"]);
  });
  it("own and subordinates: the manager's and their reports'", async () => {
    expect(await visible("boss", "own_and_subordinates")).toEqual(["boss", "boss", "gz", "gz", "sz", "sz"]);
  });
  it("department: the user's store only", async () => {
    expect(await visible("sz", "department")).toEqual(["sz", "sz"]);
  });
  it("department tree: a region sees its stores, not another region", async () => {
    expect(await visible("boss", "department_tree")).toEqual(["boss", "boss", "gz", "gz", "sz", "sz"]);
    expect(await visible("north", "department_tree")).toEqual(["north", "north"]);
  });
  it("all: everything in the tenant", async () => {
    expect((await visible("gz", "all")).length).toBe(8);
  });
});
