// Admins add people and change their roles through the real server actions. Each
// attempt to break it — no permission, tenant B's ids, a role above the actor's own,
// a weak password, losing the last Owner — is refused and changes nothing.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addDepartment, addMember, createTenant, TEST_PASSWORD, type TestTenant } from "@/tests/factories/tenants";
import { withTenant } from "@/lib/db/tenant";
import { unsafeFindAccountByEmail } from "@/lib/users/accounts";
import { verifyPassword } from "@/lib/auth/password";
import { loadAuthContext } from "@/lib/auth/context";
import { listMembers } from "@/lib/users/queries";
import { form } from "@/tests/support/form-data";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { createMemberAction, updateMemberAction } = await import("@/app/(app)/admin/users/actions");

let a: TestTenant;
let b: TestTenant;
let adminA: { tenantId: string; userId: string };
let salesA: { tenantId: string; userId: string };

const email = (p: string) => `${p}-${randomUUID().slice(0, 8)}@example.test`;
const memberCount = (t: TestTenant) => withTenant(t.owner, (tx) => tx.membership.count());
const auditCount = (t: TestTenant) => withTenant(t.owner, (tx) => tx.auditLog.count({ where: { entity: "membership" } }));

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("UsersA"), createTenant("UsersB")]);
  adminA = await addMember(a, "admin");
  salesA = await addMember(a, "sales_staff");
});

describe("creating a user", () => {
  it("an admin creates a Sales Staff user who can then sign in, and it is audited", async () => {
    signInAs(adminA);
    const e = email("new-sales");
    const res = await createMemberAction(form({ email: e.toUpperCase(), name: "王小明", password: "Sales-Pass-2026", roleIds: [a.roleIds.sales_staff], departmentId: a.headOfficeId }));
    expect(res).toMatchObject({ ok: true, data: { existingAccount: false, email: e } });
    const account = await unsafeFindAccountByEmail(e);
    expect(account).not.toBeNull();
    expect(await verifyPassword("Sales-Pass-2026", account!.passwordHash)).toBe(true);
    const ctx = await loadAuthContext({ tenantId: a.tenantId, userId: account!.id });
    expect(ctx?.grants.has("customer:read")).toBe(true);
    expect(ctx?.grants.has("user:read")).toBe(false);
    const audit = await withTenant(a.owner, (tx) => tx.auditLog.findFirst({ where: { action: "member.create", entityId: account!.id } }));
    expect(audit?.actorUserId).toBe(adminA.userId);
    expect(audit?.after).toMatchObject({ email: e, roleIds: [a.roleIds.sales_staff] });
  });

  it("adds an existing account of another tenant without touching its password, once", async () => {
    signInAs(adminA);
    const ownerOfB = await withTenant(b.owner, (tx) => tx.membership.findFirst({ include: { user: true } }));
    const res = await createMemberAction(form({ email: ownerOfB!.user.email, name: "ignored", password: "", roleIds: [a.roleIds.manager] }));
    expect(res).toMatchObject({ ok: true, data: { existingAccount: true } });
    const account = await unsafeFindAccountByEmail(ownerOfB!.user.email);
    expect(await verifyPassword(TEST_PASSWORD, account!.passwordHash)).toBe(true);
    const again = await createMemberAction(form({ email: ownerOfB!.user.email, name: "x", roleIds: [] }));
    expect(again).toMatchObject({ ok: false, code: "conflict", fieldErrors: { email: expect.any(String) } });
  });

  it("a user without user:manage is refused and nothing is created", async () => {
    signInAs(salesA);
    const before = await memberCount(a);
    const e = email("by-sales");
    const res = await createMemberAction(form({ email: e, name: "x", password: "Sales-Pass-2026", roleIds: [a.roleIds.sales_staff] }));
    expect(res).toMatchObject({ ok: false, code: "forbidden" });
    expect(await memberCount(a)).toBe(before);
    expect(await unsafeFindAccountByEmail(e)).toBeNull();
  });

  it("tenant B's role id or department id is refused and no account is left behind", async () => {
    signInAs(adminA);
    const before = [await memberCount(a), await auditCount(a)];
    for (const fields of [{ roleIds: [b.roleIds.sales_staff], departmentId: "" }, { roleIds: [a.roleIds.sales_staff], departmentId: b.headOfficeId }]) {
      const e = email("forged");
      const res = await createMemberAction(form({ email: e, name: "x", password: "Sales-Pass-2026", ...fields }));
      expect(res).toMatchObject({ ok: false, code: "validation" });
      expect(await unsafeFindAccountByEmail(e)).toBeNull();
    }
    expect([await memberCount(a), await auditCount(a)]).toEqual(before);
  });

  it("an admin cannot make someone Owner (a role above their own grants)", async () => {
    signInAs(adminA);
    const e = email("would-be-owner");
    const res = await createMemberAction(form({ email: e, name: "x", password: "Sales-Pass-2026", roleIds: [a.roleIds.owner] }));
    expect(res).toMatchObject({ ok: false, code: "forbidden" });
    expect((res as { message: string }).message).toContain("tenant:manage");
    expect(await unsafeFindAccountByEmail(e)).toBeNull();
  });

  it("a weak or missing initial password gets a field error", async () => {
    signInAs(adminA);
    for (const password of ["", "short1", "password123"]) {
      const e = email("weak");
      const res = await createMemberAction(form({ email: e, name: "x", password, roleIds: [a.roleIds.sales_staff] }));
      expect(res).toMatchObject({ ok: false, code: "validation", fieldErrors: { password: expect.any(String) } });
      expect(await unsafeFindAccountByEmail(e)).toBeNull();
    }
  });

  it("a malformed id or a bad e-mail is refused before any query", async () => {
    signInAs(adminA);
    const res = await createMemberAction(form({ email: "not-an-email", name: "", roleIds: ["1 OR 1=1"] }));
    expect(res).toMatchObject({ ok: false, code: "validation" });
    expect(Object.keys((res as { fieldErrors: object }).fieldErrors)).toEqual(expect.arrayContaining(["email", "name"]));
  });
});

describe("changing a member", () => {
  it("an admin moves a member, gives a manager and changes roles; audited with before and after", async () => {
    signInAs(adminA);
    const store = await addDepartment(a, "广州天河店", a.headOfficeId, "store");
    const target = await addMember(a, "sales_staff");
    const res = await updateMemberAction(form({
      userId: target.userId, departmentId: store.id, managerUserId: adminA.userId, status: "active",
      roleIds: [a.roleIds.sales_staff, a.roleIds.marketing_planner],
    }));
    expect(res).toMatchObject({ ok: true });
    const ctx = await loadAuthContext(target);
    expect(ctx?.departmentId).toBe(store.id);
    expect(ctx?.grants.has("campaign:manage")).toBe(true);
    const audit = await withTenant(a.owner, (tx) => tx.auditLog.findFirst({ where: { action: "member.update", entityId: target.userId } }));
    expect((audit?.before as { roleIds: string[] }).roleIds).toEqual([a.roleIds.sales_staff]);
    expect((audit?.after as { roleIds: string[] }).roleIds).toHaveLength(2);
  });

  it("disabling a member takes effect at once", async () => {
    signInAs(adminA);
    const target = await addMember(a, "sales_staff");
    expect(await loadAuthContext(target)).not.toBeNull();
    await updateMemberAction(form({ userId: target.userId, status: "disabled", roleIds: [a.roleIds.sales_staff] }));
    expect(await loadAuthContext(target)).toBeNull();
  });

  it("tenant B's member id reads as not found, and B is unchanged", async () => {
    const memberOfB = await addMember(b, "sales_staff");
    signInAs(adminA);
    const res = await updateMemberAction(form({ userId: memberOfB.userId, status: "disabled", roleIds: [] }));
    expect(res).toMatchObject({ ok: false, code: "not_found" });
    expect(await loadAuthContext(memberOfB)).not.toBeNull();
  });

  it("an admin cannot strip the Owner of their role, and the owner cannot remove the last Owner", async () => {
    signInAs(adminA);
    const r1 = await updateMemberAction(form({ userId: a.ownerUserId, status: "active", roleIds: [] }));
    expect(r1).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(a.owner);
    const r2 = await updateMemberAction(form({ userId: a.ownerUserId, status: "active", roleIds: [a.roleIds.admin] }));
    expect(r2).toMatchObject({ ok: false, code: "validation" });
    const ctx = await loadAuthContext(a.owner);
    expect(ctx?.grants.has("tenant:manage")).toBe(true);
  });

  it("refuses disabling oneself and manager loops", async () => {
    signInAs(adminA);
    const self = await updateMemberAction(form({ userId: adminA.userId, status: "disabled", roleIds: [a.roleIds.admin] }));
    expect(self).toMatchObject({ ok: false, fieldErrors: { status: expect.any(String) } });
    const boss = await addMember(a, "manager");
    const report = await addMember(a, "sales_staff", { managerUserId: boss.userId });
    const loop = await updateMemberAction(form({ userId: boss.userId, managerUserId: report.userId, status: "active", roleIds: [a.roleIds.manager] }));
    expect(loop).toMatchObject({ ok: false, fieldErrors: { managerUserId: expect.any(String) } });
  });
});

describe("seeing members", () => {
  it("a regional manager lists only the members of their region", async () => {
    const region = await addDepartment(a, "华东大区", a.headOfficeId, "region");
    const store = await addDepartment(a, "上海徐汇店", region.id, "store");
    const boss = await addMember(a, "manager", { departmentId: region.id });
    const inside = await addMember(a, "sales_staff", { departmentId: store.id });
    const outside = await addMember(a, "sales_staff");
    const ctx = (await loadAuthContext(boss))!;
    const ids = (await listMembers(ctx)).map((m) => m.userId);
    expect(ids).toContain(inside.userId);
    expect(ids).toContain(boss.userId);
    expect(ids).not.toContain(outside.userId);
    expect(ids).not.toContain(a.ownerUserId);
  });
});
