// The roles admin, through its server actions under a real session, tenant and RLS:
// a grant changes what a member can do; people without role:manage, other tenants'
// ids, forged keys and scopes, and attempts to hand out more than one holds are all
// refused with nothing changed; every change leaves an audit row with before/after.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext } from "@/lib/auth/context";
import {
  createRoleAction, deleteRoleAction, saveRoleGrantsAction, updateRoleAction,
} from "@/app/(app)/admin/roles/actions";
import { createDepartmentAction } from "@/app/(app)/admin/departments/actions";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

type Who = { tenantId: string; userId: string };
let a: TestTenant;
let b: TestTenant;
let adminA: Who;
let managerA: Who;
let salesA: Who;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("RolesA"), createTenant("RolesB")]);
  adminA = await addMember(a, "admin");
  managerA = await addMember(a, "manager");
  salesA = await addMember(a, "sales_staff");
});

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

async function newRole(name: string, as: Who = a.owner): Promise<string> {
  signInAs(as);
  const r = await createRoleAction(form({ name, description: "for tests" }));
  if (!r.ok) throw new Error(`createRole failed: ${r.message}`);
  return r.data.id;
}

async function assign(t: TestTenant, userId: string, roleId: string) {
  await withTenant(t.owner, (tx) => tx.userRole.create({ data: { tenantId: t.tenantId, userId, roleId } }));
}

/** Everything about roles in a tenant, for "nothing changed" comparisons. */
async function rolesState(t: TestTenant) {
  return withTenant(t.owner, async (tx) => {
    const roles = await tx.role.findMany({ include: { permissions: true }, orderBy: { id: "asc" } });
    const userRoles = await tx.userRole.count();
    const audit = await tx.auditLog.count();
    return {
      roles: roles.map((r) => ({
        id: r.id, name: r.name, description: r.description,
        grants: r.permissions.map((p) => `${p.permissionKey}@${p.dataScope}`).sort(),
      })),
      userRoles, audit,
    };
  });
}

async function grantsOf(t: TestTenant, roleId: string) {
  return withTenant(t.owner, async (tx) =>
    (await tx.rolePermission.findMany({ where: { roleId } })).map((p) => `${p.permissionKey}@${p.dataScope}`).sort(),
  );
}

async function auditFor(t: TestTenant, entityId: string) {
  return withTenant(t.owner, (tx) => tx.auditLog.findMany({ where: { entityId }, orderBy: { createdAt: "asc" } }));
}

describe("granting permissions", () => {
  it("changes what the member can do, at once", async () => {
    const roleId = await newRole(`Org editors ${randomUUID().slice(0, 6)}`);
    await assign(a, salesA.userId, roleId);
    expect((await loadAuthContext(salesA))!.grants.has("department:manage")).toBe(false);

    signInAs(salesA);
    const refused = await createDepartmentAction(form({ parentId: a.headOfficeId, name: "Before grant", kind: "store" }));
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });

    signInAs(adminA);
    const saved = await saveRoleGrantsAction({ roleId, grants: [{ permission: "department:manage", scope: "all" }, { permission: "segment:read", scope: "department" }] });
    expect(saved).toMatchObject({ ok: true, data: { changed: true, added: 2, removed: 0, rescoped: 0 } });

    const ctx = (await loadAuthContext(salesA))!;
    expect(ctx.grants.get("department:manage")).toBe("all");
    expect(ctx.grants.get("segment:read")).toBe("department");
    signInAs(salesA);
    expect(await createDepartmentAction(form({ parentId: a.headOfficeId, name: `After grant ${randomUUID().slice(0, 6)}`, kind: "store" })))
      .toMatchObject({ ok: true });

    // Revoking takes it away again; narrowing a scope shows too.
    signInAs(adminA);
    expect(await saveRoleGrantsAction({ roleId, grants: [{ permission: "segment:read", scope: "own" }] }))
      .toMatchObject({ ok: true, data: { added: 0, removed: 1, rescoped: 1 } });
    const after = (await loadAuthContext(salesA))!;
    expect(after.grants.has("department:manage")).toBe(false);
    expect(after.grants.get("segment:read")).toBe("own");
  });

  it("writes role.create and role.grants.update audit rows with before/after grant lists", async () => {
    const roleId = await newRole(`Audited ${randomUUID().slice(0, 6)}`);
    signInAs(a.owner);
    await saveRoleGrantsAction({ roleId, grants: [{ permission: "customer:read", scope: "own" }] });
    await saveRoleGrantsAction({ roleId, grants: [{ permission: "customer:read", scope: "department" }, { permission: "order:read", scope: "own" }] });
    const rows = await auditFor(a, roleId);
    expect(rows.map((r) => r.action)).toEqual(["role.create", "role.grants.update", "role.grants.update"]);
    expect(rows.every((r) => r.actorUserId === a.ownerUserId && r.entity === "role")).toBe(true);
    expect(rows[0]!.after).toMatchObject({ grants: [] });
    expect(rows[2]!.before).toMatchObject({ grants: [{ permission: "customer:read", scope: "own" }] });
    expect(rows[2]!.after).toMatchObject({
      grants: [{ permission: "customer:read", scope: "department" }, { permission: "order:read", scope: "own" }],
    });
  });

  it("saving the same grants again changes nothing and writes no audit row", async () => {
    const roleId = await newRole(`Idempotent ${randomUUID().slice(0, 6)}`);
    signInAs(a.owner);
    await saveRoleGrantsAction({ roleId, grants: [{ permission: "order:read", scope: "all" }] });
    const before = await auditFor(a, roleId);
    expect(await saveRoleGrantsAction({ roleId, grants: [{ permission: "order:read", scope: "all" }] }))
      .toMatchObject({ ok: true, data: { changed: false } });
    expect(await auditFor(a, roleId)).toHaveLength(before.length);
  });
});

describe("who may change roles", () => {
  it("refuses a member without role:manage, and nothing changes", async () => {
    const roleId = await newRole(`Guarded ${randomUUID().slice(0, 6)}`);
    // A custom role that may read roles but not manage them.
    const reader = await newRole(`Role readers ${randomUUID().slice(0, 6)}`);
    signInAs(a.owner);
    await saveRoleGrantsAction({ roleId: reader, grants: [{ permission: "role:read", scope: "all" }] });
    await assign(a, managerA.userId, reader);

    const state = await rolesState(a);
    signInAs(managerA);
    expect(await saveRoleGrantsAction({ roleId, grants: [{ permission: "customer:read", scope: "all" }] })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await createRoleAction(form({ name: "Sneaky" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await updateRoleAction(form({ roleId, name: "Renamed" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await deleteRoleAction(form({ roleId, confirmInUse: "on" }))).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(salesA);
    expect(await saveRoleGrantsAction({ roleId: a.roleIds.sales_staff, grants: [{ permission: "customer:export", scope: "all" }] }))
      .toMatchObject({ ok: false, code: "forbidden" });
    expect(await rolesState(a)).toEqual(state);
  });
});

describe("another tenant's role", () => {
  it("is not found for every action, and tenant A is untouched", async () => {
    const roleId = await newRole(`Tenant A only ${randomUUID().slice(0, 6)}`);
    signInAs(a.owner);
    await saveRoleGrantsAction({ roleId, grants: [{ permission: "customer:read", scope: "own" }] });
    await assign(a, salesA.userId, roleId);
    const stateA = await rolesState(a);
    const stateB = await rolesState(b);

    signInAs(b.owner);
    for (const result of [
      await saveRoleGrantsAction({ roleId, grants: [{ permission: "customer:read", scope: "all" }] }),
      await updateRoleAction(form({ roleId, name: "Taken over" })),
      await deleteRoleAction(form({ roleId, confirmInUse: "on" })),
      await saveRoleGrantsAction({ roleId: a.roleIds.admin, grants: [] }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "not_found" });
      if (!result.ok) expect(result.message).toMatch(/not found/i);
    }
    expect(await rolesState(a)).toEqual(stateA);
    expect(await rolesState(b)).toEqual(stateB);
  });

  it("an id that is not a uuid is refused before any query", async () => {
    signInAs(a.owner);
    expect(await saveRoleGrantsAction({ roleId: "1 OR 1=1", grants: [] })).toMatchObject({ ok: false, code: "validation" });
  });
});

describe("forged grants", () => {
  it.each([
    ["a permission key not in the catalog", [{ permission: "customer:fly", scope: "all" }], /customer:fly/],
    ["a resource that does not exist", [{ permission: "payroll:read", scope: "own" }], /payroll:read/],
    ["a data scope not in DATA_SCOPES", [{ permission: "customer:read", scope: "galaxy" }], /galaxy/],
    ["the same permission twice", [{ permission: "customer:read", scope: "own" }, { permission: "customer:read", scope: "all" }], /customer:read/],
  ])("refuses %s and changes nothing", async (_what, grants, message) => {
    const roleId = await newRole(`Forged ${randomUUID().slice(0, 6)}`);
    signInAs(a.owner);
    await saveRoleGrantsAction({ roleId, grants: [{ permission: "order:read", scope: "own" }] });
    const state = await rolesState(a);
    const r = await saveRoleGrantsAction({ roleId, grants: [{ permission: "order:read", scope: "own" }, ...grants] });
    expect(r).toMatchObject({ ok: false, code: "validation" });
    if (!r.ok) expect(r.message).toMatch(message);
    expect(await rolesState(a)).toEqual(state);
  });

  it("refuses a malformed grants list", async () => {
    const roleId = await newRole(`Malformed ${randomUUID().slice(0, 6)}`);
    signInAs(a.owner);
    expect(await saveRoleGrantsAction({ roleId, grants: "customer:read" })).toMatchObject({ ok: false, code: "validation" });
    expect(await saveRoleGrantsAction(form({ roleId, grant: "customer:read" }))).toMatchObject({ ok: false, code: "validation" });
    expect(await grantsOf(a, roleId)).toEqual([]);
  });
});

describe("privilege escalation", () => {
  it("an Admin cannot grant tenant:manage, to a custom role or to their own role", async () => {
    const roleId = await newRole(`Escalate ${randomUUID().slice(0, 6)}`, adminA);
    const state = await rolesState(a);
    signInAs(adminA);
    for (const target of [roleId, a.roleIds.admin]) {
      const r = await saveRoleGrantsAction({ roleId: target, grants: [{ permission: "tenant:manage", scope: "all" }] });
      expect(r).toMatchObject({ ok: false, code: "forbidden" });
      if (!r.ok) expect(r.message).toMatch(/tenant:manage/);
    }
    expect(await rolesState(a)).toEqual(state);
  });

  it("nobody grants a wider scope than their own; an equal or narrower one is fine", async () => {
    // A delegated role manager who sees only their own customers.
    const delegate = await addMember(a, "sales_staff");
    const managerRole = await newRole(`Delegated managers ${randomUUID().slice(0, 6)}`);
    signInAs(a.owner);
    await saveRoleGrantsAction({ roleId: managerRole, grants: [{ permission: "role:manage", scope: "all" }, { permission: "role:read", scope: "all" }] });
    await assign(a, delegate.userId, managerRole);
    const target = await newRole(`Delegated target ${randomUUID().slice(0, 6)}`);

    signInAs(delegate);
    const wide = await saveRoleGrantsAction({ roleId: target, grants: [{ permission: "customer:read", scope: "all" }] });
    expect(wide).toMatchObject({ ok: false, code: "forbidden" });
    expect(await grantsOf(a, target)).toEqual([]);
    expect(await saveRoleGrantsAction({ roleId: target, grants: [{ permission: "customer:read", scope: "own" }] })).toMatchObject({ ok: true });
    expect(await grantsOf(a, target)).toEqual(["customer:read@own"]);
  });

  it("an Admin may edit a role that carries a permission they lack, if they leave that grant alone or remove it", async () => {
    const roleId = await newRole(`Owner-made ${randomUUID().slice(0, 6)}`);
    signInAs(a.owner);
    await saveRoleGrantsAction({ roleId, grants: [{ permission: "tenant:manage", scope: "all" }] });
    signInAs(adminA);
    expect(await saveRoleGrantsAction({ roleId, grants: [{ permission: "tenant:manage", scope: "all" }, { permission: "order:read", scope: "all" }] }))
      .toMatchObject({ ok: true, data: { added: 1 } });
    expect(await saveRoleGrantsAction({ roleId, grants: [{ permission: "order:read", scope: "all" }] })).toMatchObject({ ok: true, data: { removed: 1 } });
    // ... but cannot put it back.
    expect(await saveRoleGrantsAction({ roleId, grants: [{ permission: "tenant:manage", scope: "all" }, { permission: "order:read", scope: "all" }] }))
      .toMatchObject({ ok: false, code: "forbidden" });
    expect(await grantsOf(a, roleId)).toEqual(["order:read@all"]);
  });
});

describe("system roles", () => {
  it("the Owner role cannot be edited or deleted, with a clear message", async () => {
    const state = await rolesState(a);
    signInAs(a.owner);
    const r = await saveRoleGrantsAction({ roleId: a.roleIds.owner, grants: [] });
    expect(r).toMatchObject({ ok: false, code: "forbidden" });
    if (!r.ok) expect(r.message).toMatch(/Owner role cannot be edited/);
    expect(await updateRoleAction(form({ roleId: a.roleIds.owner, name: "Boss" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await deleteRoleAction(form({ roleId: a.roleIds.owner, confirmInUse: "on" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await rolesState(a)).toEqual(state);
  });

  it("other system roles keep their name and cannot be deleted, but their grants can change", async () => {
    signInAs(a.owner);
    const rename = await updateRoleAction(form({ roleId: a.roleIds.manager, name: "Chief" }));
    expect(rename).toMatchObject({ ok: false, code: "forbidden" });
    if (!rename.ok) expect(rename.message).toMatch(/System roles keep their name/);
    expect(await deleteRoleAction(form({ roleId: a.roleIds.sales_staff, confirmInUse: "on" }))).toMatchObject({ ok: false, code: "forbidden" });

    const before = await grantsOf(a, a.roleIds.marketing_planner);
    const grants = [...before, "ticket:read@all"].map((g) => { const [permission, scope] = g.split("@"); return { permission: permission!, scope: scope! }; });
    expect(await saveRoleGrantsAction({ roleId: a.roleIds.marketing_planner, grants })).toMatchObject({ ok: true, data: { added: 1 } });
    expect(await grantsOf(a, a.roleIds.marketing_planner)).toContain("ticket:read@all");
  });
});

describe("rename and delete", () => {
  it("renames a custom role, refusing a name already taken (whatever the case)", async () => {
    const name = `Rename me ${randomUUID().slice(0, 6)}`;
    const roleId = await newRole(name);
    const other = await newRole(`Taken ${randomUUID().slice(0, 6)}`);
    signInAs(a.owner);
    const clash = await updateRoleAction(form({ roleId: other, name: name.toUpperCase() }));
    expect(clash).toMatchObject({ ok: false, code: "conflict", fieldErrors: { name: expect.stringMatching(/already has this name/) } });
    expect(await createRoleAction(form({ name: name.toLowerCase() }))).toMatchObject({ ok: false, code: "conflict" });
    expect(await updateRoleAction(form({ roleId, name: "", description: "" }))).toMatchObject({ ok: false, code: "validation", fieldErrors: { name: expect.any(String) } });

    const newName = `Renamed ${randomUUID().slice(0, 6)}`;
    expect(await updateRoleAction(form({ roleId, name: newName, description: "new words" }))).toMatchObject({ ok: true, data: { changed: true } });
    const rows = await auditFor(a, roleId);
    expect(rows.at(-1)).toMatchObject({
      action: "role.update",
      before: { name, description: "for tests" },
      after: { name: newName, description: "new words" },
    });
  });

  it("a role in use is deleted only with confirmation, then leaves its members and the audit log says who had it", async () => {
    const roleId = await newRole(`In use ${randomUUID().slice(0, 6)}`);
    signInAs(a.owner);
    await saveRoleGrantsAction({ roleId, grants: [{ permission: "ticket:read", scope: "own" }] });
    await assign(a, salesA.userId, roleId);
    const state = await rolesState(a);

    const refused = await deleteRoleAction(form({ roleId }));
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
    if (!refused.ok) expect(refused.message).toMatch(/still held by members \(1\)/);
    expect(await rolesState(a)).toEqual(state);

    expect(await deleteRoleAction(form({ roleId, confirmInUse: "on" }))).toMatchObject({ ok: true, data: { removedFromMembers: 1 } });
    const gone = await withTenant(a.owner, async (tx) => ({
      role: await tx.role.count({ where: { id: roleId } }),
      holders: await tx.userRole.count({ where: { roleId } }),
      grants: await tx.rolePermission.count({ where: { roleId } }),
    }));
    expect(gone).toEqual({ role: 0, holders: 0, grants: 0 });
    expect((await auditFor(a, roleId)).at(-1)).toMatchObject({
      action: "role.delete",
      before: { grants: [{ permission: "ticket:read", scope: "own" }], memberUserIds: [salesA.userId] },
    });
  });

  it("an unused custom role is deleted without a confirmation", async () => {
    const roleId = await newRole(`Unused ${randomUUID().slice(0, 6)}`);
    signInAs(a.owner);
    expect(await deleteRoleAction(form({ roleId }))).toMatchObject({ ok: true, data: { removedFromMembers: 0 } });
  });
});
