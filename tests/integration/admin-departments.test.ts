// The organization tree admin, through its server actions: build head office →
// region → stores, rename, move (never into a loop), delete only when empty; other
// tenants' ids and people without department:manage are refused with nothing
// changed; a narrower department:manage scope stays inside its subtree.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { withTenant } from "@/lib/db/tenant";
import {
  createDepartmentAction, deleteDepartmentAction, moveDepartmentAction, updateDepartmentAction,
} from "@/app/(app)/admin/departments/actions";
import { createRoleAction, saveRoleGrantsAction } from "@/app/(app)/admin/roles/actions";
import { listDepartments } from "@/lib/departments/queries";
import { buildTree } from "@/lib/departments/tree";
import { loadAuthContext } from "@/lib/auth/context";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

type Who = { tenantId: string; userId: string };
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("DeptA"), createTenant("DeptB")]);
});

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

const unique = (name: string) => `${name} ${randomUUID().slice(0, 6)}`;

async function create(t: TestTenant | Who, parentId: string, name: string, kind = "store"): Promise<string> {
  signInAs("owner" in t ? t.owner : t);
  const r = await createDepartmentAction(form({ parentId, name, kind }));
  if (!r.ok) throw new Error(`create failed: ${r.message}`);
  return r.data.id;
}

async function tree(t: TestTenant) {
  return withTenant(t.owner, async (tx) => ({
    departments: (await tx.department.findMany({ orderBy: { id: "asc" } })).map((d) => ({ id: d.id, parentId: d.parentId, name: d.name, kind: d.kind })),
    audit: await tx.auditLog.count(),
  }));
}

async function auditFor(t: TestTenant, entityId: string) {
  return withTenant(t.owner, (tx) => tx.auditLog.findMany({ where: { entityId }, orderBy: { createdAt: "asc" } }));
}

describe("building the tree", () => {
  it("creates head office → region → stores, and the tree reads back that way", async () => {
    const south = await create(a, a.headOfficeId, unique("South China"), "region");
    const gz = await create(a, south, "Guangzhou Tianhe", "store");
    const sz = await create(a, south, "Shenzhen Nanshan", "store");
    const ctx = (await loadAuthContext(a.owner))!;
    const roots = buildTree(await listDepartments(ctx));
    expect(roots.map((r) => r.id)).toEqual([a.headOfficeId]);
    const region = roots[0]!.children.find((c) => c.id === south)!;
    expect(region.kind).toBe("region");
    expect(region.children.map((c) => c.id).sort()).toEqual([gz, sz].sort());
    expect((await auditFor(a, gz))[0]).toMatchObject({ action: "department.create", after: { name: "Guangzhou Tianhe", kind: "store", parentId: south } });
  });

  it("refuses a second department with the same name under the same parent", async () => {
    const region = await create(a, a.headOfficeId, unique("Region"), "region");
    await create(a, region, "Store One");
    signInAs(a.owner);
    expect(await createDepartmentAction(form({ parentId: region, name: "store one", kind: "store" })))
      .toMatchObject({ ok: false, code: "conflict", fieldErrors: { name: expect.any(String) } });
  });

  it("refuses an unknown kind and an empty name, field by field", async () => {
    signInAs(a.owner);
    const r = await createDepartmentAction(form({ parentId: a.headOfficeId, name: " ", kind: "head_office" }));
    expect(r).toMatchObject({ ok: false, code: "validation", fieldErrors: { name: expect.any(String), kind: expect.any(String) } });
  });
});

describe("rename", () => {
  it("renames and re-kinds a department, with before/after in the audit log", async () => {
    const id = await create(a, a.headOfficeId, "Old name", "team");
    signInAs(a.owner);
    expect(await updateDepartmentAction(form({ departmentId: id, name: "New name", kind: "store" }))).toMatchObject({ ok: true, data: { changed: true } });
    expect((await auditFor(a, id)).at(-1)).toMatchObject({
      action: "department.update", before: { name: "Old name", kind: "team" }, after: { name: "New name", kind: "store" },
    });
  });

  it("the head office keeps its kind", async () => {
    signInAs(a.owner);
    await updateDepartmentAction(form({ departmentId: a.headOfficeId, name: "HQ", kind: "store" }));
    const hq = await withTenant(a.owner, (tx) => tx.department.findFirst({ where: { id: a.headOfficeId } }));
    expect(hq).toMatchObject({ name: "HQ", kind: "head_office" });
  });
});

describe("move", () => {
  it("moves a store to another region, audited with the old and new parent", async () => {
    const north = await create(a, a.headOfficeId, unique("North"), "region");
    const east = await create(a, a.headOfficeId, unique("East"), "region");
    const store = await create(a, north, "Beijing Chaoyang");
    signInAs(a.owner);
    expect(await moveDepartmentAction(form({ departmentId: store, parentId: east }))).toMatchObject({ ok: true, data: { changed: true } });
    expect((await auditFor(a, store)).at(-1)).toMatchObject({
      action: "department.move", before: { parentId: north }, after: { parentId: east },
    });
  });

  it("refuses cycles: below itself, below its child, below its grandchild; the head office does not move", async () => {
    const region = await create(a, a.headOfficeId, unique("Cycle region"), "region");
    const store = await create(a, region, "Cycle store");
    const team = await create(a, store, "Cycle team", "team");
    const state = await tree(a);
    signInAs(a.owner);
    for (const parentId of [region, store, team]) {
      const r = await moveDepartmentAction(form({ departmentId: region, parentId }));
      expect(r).toMatchObject({ ok: false, code: "validation", fieldErrors: { parentId: expect.stringMatching(/below itself/) } });
    }
    const root = await moveDepartmentAction(form({ departmentId: a.headOfficeId, parentId: region }));
    expect(root).toMatchObject({ ok: false, code: "conflict" });
    expect(await tree(a)).toEqual(state);
  });
});

describe("delete", () => {
  it("refuses a department with sub-departments or members, deletes an empty one", async () => {
    const region = await create(a, a.headOfficeId, unique("Delete region"), "region");
    const store = await create(a, region, "Delete store");
    signInAs(a.owner);
    const withChild = await deleteDepartmentAction(form({ departmentId: region }));
    expect(withChild).toMatchObject({ ok: false, code: "conflict" });
    if (!withChild.ok) expect(withChild.message).toMatch(/sub-departments \(1\)/);

    const member = await addMember(a, "sales_staff", { departmentId: store });
    signInAs(a.owner);
    const withMember = await deleteDepartmentAction(form({ departmentId: store }));
    expect(withMember).toMatchObject({ ok: false, code: "conflict" });
    if (!withMember.ok) expect(withMember.message).toMatch(/members \(1\)/);

    await withTenant(a.owner, (tx) => tx.membership.update({ where: { tenantId_userId: { tenantId: a.tenantId, userId: member.userId } }, data: { departmentId: a.headOfficeId } }));
    expect(await deleteDepartmentAction(form({ departmentId: store }))).toMatchObject({ ok: true });
    expect(await deleteDepartmentAction(form({ departmentId: region }))).toMatchObject({ ok: true });
    expect((await auditFor(a, store)).at(-1)).toMatchObject({ action: "department.delete", before: { name: "Delete store", parentId: region } });
    expect(await withTenant(a.owner, (tx) => tx.department.count({ where: { id: { in: [region, store] } } }))).toBe(0);
  });

  it("refuses a department that customers or stores still point at", async () => {
    const store = await create(a, a.headOfficeId, unique("Store with customers"));
    await withTenant(a.owner, (tx) => tx.customer.create({ data: { tenantId: a.tenantId, name: "王五", departmentId: store } }));
    signInAs(a.owner);
    const r = await deleteDepartmentAction(form({ departmentId: store }));
    expect(r).toMatchObject({ ok: false, code: "conflict" });
    if (!r.ok) expect(r.message).toMatch(/Customers \(1\) and stores \(0\)/);
    expect(await withTenant(a.owner, (tx) => tx.department.count({ where: { id: store } }))).toBe(1);
  });

  it("the head office cannot be deleted", async () => {
    signInAs(a.owner);
    expect(await deleteDepartmentAction(form({ departmentId: a.headOfficeId }))).toMatchObject({ ok: false, code: "conflict" });
  });
});

describe("refusals change nothing", () => {
  it("another tenant's department ids are not found, in every action and as a parent", async () => {
    const region = await create(a, a.headOfficeId, unique("A region"), "region");
    const store = await create(a, region, "A store");
    const bRegion = await create(b, b.headOfficeId, unique("B region"), "region");
    const stateA = await tree(a);
    const stateB = await tree(b);

    signInAs(b.owner);
    for (const r of [
      await updateDepartmentAction(form({ departmentId: store, name: "Hijacked", kind: "store" })),
      await moveDepartmentAction(form({ departmentId: store, parentId: bRegion })),
      await deleteDepartmentAction(form({ departmentId: store })),
    ]) expect(r).toMatchObject({ ok: false, code: "not_found" });
    // B's own department under A's region, and a new one under it: the parent is not found.
    expect(await moveDepartmentAction(form({ departmentId: bRegion, parentId: region }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await createDepartmentAction(form({ parentId: region, name: "Planted", kind: "store" })))
      .toMatchObject({ ok: false, code: "not_found", fieldErrors: { parentId: expect.any(String) } });
    // From A's side, B's department is no parent either.
    signInAs(a.owner);
    expect(await moveDepartmentAction(form({ departmentId: store, parentId: bRegion }))).toMatchObject({ ok: false, code: "not_found" });

    expect(await tree(a)).toEqual(stateA);
    expect(await tree(b)).toEqual(stateB);
  });

  it("a member without department:manage is refused", async () => {
    const manager = await addMember(a, "manager");
    const state = await tree(a);
    signInAs(manager);
    expect(await createDepartmentAction(form({ parentId: a.headOfficeId, name: "Nope", kind: "store" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await updateDepartmentAction(form({ departmentId: a.headOfficeId, name: "Nope" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await deleteDepartmentAction(form({ departmentId: a.headOfficeId }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await tree(a)).toEqual(state);
  });

  it("department:manage scoped to a region's tree works inside it and is refused outside", async () => {
    const south = await create(a, a.headOfficeId, unique("Scoped south"), "region");
    const north = await create(a, a.headOfficeId, unique("Scoped north"), "region");
    const lead = await addMember(a, "sales_staff", { departmentId: south });
    signInAs(a.owner);
    const role = await createRoleAction(form({ name: unique("Region org editors") }));
    if (!role.ok) throw new Error(role.message);
    await saveRoleGrantsAction({ roleId: role.data.id, grants: [{ permission: "department:manage", scope: "department_tree" }] });
    await withTenant(a.owner, (tx) => tx.userRole.create({ data: { tenantId: a.tenantId, userId: lead.userId, roleId: role.data.id } }));

    const own = await create(lead, south, "Foshan store");
    expect(own).toBeTruthy();
    const state = await tree(a);
    signInAs(lead);
    const outside = await createDepartmentAction(form({ parentId: north, name: "Not mine", kind: "store" }));
    expect(outside).toMatchObject({ ok: false, code: "forbidden" });
    if (!outside.ok) expect(outside.message).toMatch(/outside the part of the organization/);
    expect(await moveDepartmentAction(form({ departmentId: own, parentId: north }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await tree(a)).toEqual(state);
  });
});
