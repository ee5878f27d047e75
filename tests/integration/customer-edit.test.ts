// Creating, editing, soft-deleting and restoring customers through the real server
// actions (guard, scope, RLS, audit), against a migrated Postgres: phone and e-mail
// normalized, bad input refused field by field in both languages with nothing
// written, stale edits detected (nothing overwritten), owners only within the
// caller's scope, another tenant's or an out-of-scope id "not found", soft-deleted
// customers gone from the list and the 360 view, and possible duplicates shown
// (masked per permission) before anything is saved.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addDepartment, addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addIdentity, addMemberWithGrants, createCustomer, createStore } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { listCustomers } from "@/lib/customers/queries";
import { parseListRequest } from "@/lib/customers/filters";
import { getCustomer360 } from "@/lib/customers/detail";
import { customerManagement } from "@/lib/customers/manage";
import { getCustomerForEdit } from "@/lib/customers/edit";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const {
  createCustomerAction, updateCustomerAction, deleteCustomerAction, restoreCustomerAction, checkDuplicatesAction,
} = await import("@/app/(app)/customers/actions");

type Who = { tenantId: string; userId: string };
let a: TestTenant;
let b: TestTenant;
let admin: Who;
let sales: Who;
let otherSales: Who;
let manager: Who;
let southLead: Who;
let southSales: Who;
let northSales: Who;
let southStore: { id: string };
let northStore: { id: string };
let gzId: string;
let ofTenantB: string;

function form(fields: Record<string, string | number | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const x of v) f.append(`${k}[]`, x);
    else f.set(k, String(v));
  }
  return f;
}
const customersNamed = (name: string, tenant = a) => withTenant(tenant.owner, (tx) => tx.customer.findMany({ where: { name } }));
const audits = (action: string, entityId: string) => withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { action, entityId }, orderBy: { createdAt: "asc" } }));
const ctxOf = async (w: Who): Promise<AuthContext> => (await loadAuthContext(w))!;
const countCustomers = (tenant = a) => withTenant(tenant.owner, (tx) => tx.customer.count());

/** The fields an edit form sends for a stored customer, opened at its current version. */
async function openForm(customerId: string, as: Who): Promise<Record<string, string>> {
  const view = (await getCustomerForEdit(await ctxOf(as), customerId))!;
  const v = view.values;
  return {
    customerId, version: String(view.version), name: v.name, phone: v.phone ?? "", email: v.email ?? "", gender: v.gender ?? "",
    birthday: v.birthday ?? "", province: v.province ?? "", city: v.city ?? "", district: v.district ?? "", address: v.address ?? "",
    occupation: v.occupation ?? "", interests: v.interests.join(","), sourceChannel: v.sourceChannel ?? "",
    homeStoreId: v.homeStoreId ?? "", ownerUserId: v.ownerUserId ?? "",
  };
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("EditA"), createTenant("EditB")]);
  const south = await addDepartment(a, "华南大区", null, "region");
  const gz = await addDepartment(a, "广州天河店", south.id, "store");
  gzId = gz.id;
  const north = await addDepartment(a, "华北大区", null, "region");
  admin = await addMember(a, "admin");
  sales = await addMember(a, "sales_staff", { departmentId: gz.id });
  otherSales = await addMember(a, "sales_staff", { departmentId: gz.id });
  manager = await addMember(a, "manager", { departmentId: south.id });
  southSales = await addMember(a, "sales_staff", { departmentId: gz.id });
  northSales = await addMember(a, "sales_staff", { departmentId: north.id });
  // A regional lead who may create and edit the region's customers, without seeing full phone numbers.
  southLead = await addMemberWithGrants(a, [
    ["customer:read", "department_tree"], ["customer:create", "department_tree"], ["customer:update", "department_tree"],
  ], { departmentId: south.id });
  southStore = await createStore(a, "广州天河店", gz.id, "广州", "广东");
  northStore = await createStore(a, "北京朝阳店", north.id, "北京", "北京");
  ofTenantB = (await createCustomer(b, { name: "乙方客户", phone: "+8613900000001" })).id;
});

describe("create", () => {
  it("normalizes the phone to E.164 and the e-mail to lower case; the creator owns it; audited", async () => {
    signInAs(sales);
    const res = await createCustomerAction(form({
      name: " 张三 ", phone: "+86 138-0013-8000", email: "ZhangSan@Example.COM", gender: "M", birthday: "1990-05-17",
      province: "广东", city: "广州", occupation: "工程师", interests: "摄影, 游戏、摄影", sourceChannel: "store", homeStoreId: southStore.id,
    }));
    expect(res).toMatchObject({ ok: true, data: { status: "saved", version: 1 } });
    const id = (res as { data: { id: string } }).data.id;
    const [c] = await customersNamed("张三");
    expect(c).toMatchObject({
      id, phone: "+8613800138000", email: "zhangsan@example.com", gender: "M", ownerUserId: sales.userId, homeStoreId: southStore.id,
      interests: ["摄影", "游戏"], sourceChannel: "store", version: 1, deletedAt: null,
    });
    expect(c!.birthday!.toISOString().slice(0, 10)).toBe("1990-05-17");
    // The department follows the home store (the store's department), so store and region scopes see it.
    expect(c!.departmentId).toBe((await withTenant(a.owner, (tx) => tx.store.findFirstOrThrow({ where: { id: southStore.id } }))).departmentId);
    const [entry] = await audits("customer.create", id);
    expect(entry).toMatchObject({ actorUserId: sales.userId, after: { name: "张三", phone: "+8613800138000", email: "zhangsan@example.com" } });
  });

  it("refuses an invalid phone, e-mail and date field by field, quoting what was typed, and creates nothing", async () => {
    signInAs(sales);
    const before = await countCustomers();
    const res = await createCustomerAction(form({ name: "李四", phone: "12345", email: "li@@example", birthday: "2023-02-30" }));
    expect(res).toMatchObject({ ok: false, code: "validation" });
    const errors = (res as { fieldErrors: Record<string, string> }).fieldErrors;
    expect(errors.phone).toBe("Phone “12345” is not a valid mobile number (or a landline with its area code), e.g. 138 0013 8000.");
    expect(errors.email).toContain("“li@@example”");
    expect(errors.birthday).toContain("“2023-02-30” is not a real date");
    const future = await createCustomerAction(form({ name: "李四", birthday: "2999-01-01" }));
    expect(future).toMatchObject({ ok: false, fieldErrors: { birthday: "Birthday 2999-01-01 is in the future." } });
    const nameless = await createCustomerAction(form({ name: "  ", phone: "13800138000" }));
    expect(nameless).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    expect(await countCustomers()).toBe(before);
  });

  it("says the same in Chinese to a user who reads Chinese", async () => {
    await withTenant({ tenantId: a.tenantId, userId: otherSales.userId }, (tx) => tx.user.update({ where: { id: otherSales.userId }, data: { locale: "zh-CN" } }));
    signInAs(otherSales);
    const res = await createCustomerAction(form({ name: "王五", phone: "12345", email: "x@", birthday: "1899-12-31" }));
    expect(res).toMatchObject({
      ok: false, code: "validation",
      fieldErrors: {
        phone: "手机号“12345”不是有效的手机号（固话请带区号），例如 138 0013 8000。",
        email: "邮箱“x@”不是有效的邮箱地址，例如 name@example.com。",
        birthday: "生日 1899-12-31 早于 1900 年。",
      },
    });
    await withTenant({ tenantId: a.tenantId, userId: otherSales.userId }, (tx) => tx.user.update({ where: { id: otherSales.userId }, data: { locale: null } }));
  });

  it("gives a sales user (own scope) no other owner: choosing one is refused, and so is an unknown store", async () => {
    signInAs(sales);
    const before = await countCustomers();
    expect(await createCustomerAction(form({ name: "赵六", ownerUserId: otherSales.userId })))
      .toMatchObject({ ok: false, code: "validation", fieldErrors: { ownerUserId: expect.stringContaining("data scope") } });
    expect(await createCustomerAction(form({ name: "赵六", homeStoreId: "00000000-0000-4000-8000-000000000000" })))
      .toMatchObject({ ok: false, fieldErrors: { homeStoreId: expect.any(String) } });
    expect(await createCustomerAction(form({ name: "赵六", homeStoreId: "not-an-id" })))
      .toMatchObject({ ok: false, fieldErrors: { homeStoreId: expect.any(String) } });
    expect(await countCustomers()).toBe(before);
  });

  it("lets a regional lead assign an owner inside the region, not outside it", async () => {
    signInAs(southLead);
    const before = await countCustomers();
    expect(await createCustomerAction(form({ name: "区域客户", ownerUserId: northSales.userId })))
      .toMatchObject({ ok: false, fieldErrors: { ownerUserId: "You can only assign customers to people within your data scope." } });
    expect(await countCustomers()).toBe(before);
    const ok = await createCustomerAction(form({ name: "区域客户", ownerUserId: southSales.userId }));
    expect(ok).toMatchObject({ ok: true, data: { status: "saved" } });
    const [c] = await customersNamed("区域客户");
    expect(c!.ownerUserId).toBe(southSales.userId);
  });

  it("refuses roles without customer:create", async () => {
    signInAs(manager);
    expect(await createCustomerAction(form({ name: "经理建的" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await customersNamed("经理建的")).toEqual([]);
  });
});

describe("edit", () => {
  it("changes fields, bumps the version and audits before and after of what changed", async () => {
    const id = (await createCustomer(a, { name: "陈七", phone: "+8613700137000", city: "广州", ownerUserId: sales.userId })).id;
    signInAs(sales);
    const fields = await openForm(id, sales);
    // The sales role sees contact details masked: the form does not carry the phone, and keeps it.
    expect(fields.phone).toBe("");
    const res = await updateCustomerAction(form({ ...fields, keepPhone: "1", city: "深圳", occupation: "教师", email: "Chen7@Example.com" }));
    expect(res).toMatchObject({ ok: true, data: { status: "saved", version: 2 } });
    const [c] = await customersNamed("陈七");
    expect(c).toMatchObject({ city: "深圳", occupation: "教师", email: "chen7@example.com", phone: "+8613700137000", version: 2 });
    const [entry] = await audits("customer.update", id);
    expect(entry).toMatchObject({
      actorUserId: sales.userId,
      before: { city: "广州", occupation: null, email: null, version: 1 },
      after: { city: "深圳", occupation: "教师", email: "chen7@example.com", version: 2 },
    });
    expect(Object.keys(entry!.before as object).sort()).toEqual(["city", "email", "occupation", "version"]);
  });

  it("detects a stale edit: two forms opened on version 1, the first saves, the second is refused and the first's change stands", async () => {
    const id = (await createCustomer(a, { name: "周八", city: "广州", ownerUserId: sales.userId })).id;
    signInAs(admin);
    const first = await openForm(id, admin);
    const second = await openForm(id, admin);
    expect(first.version).toBe("1");
    expect(await updateCustomerAction(form({ ...first, city: "佛山" }))).toMatchObject({ ok: true, data: { version: 2 } });
    signInAs(sales);
    const stale = await updateCustomerAction(form({ ...second, keepPhone: "1", occupation: "医生", city: "东莞" }));
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
    expect((stale as { message: string }).message).toMatch(/changed this customer since you opened the form.*Nothing was saved.*reload/i);
    expect((stale as { message: string }).message).toContain("admin user");
    const [c] = await customersNamed("周八");
    expect(c).toMatchObject({ city: "佛山", occupation: null, version: 2 });
    expect(await audits("customer.update", id)).toHaveLength(1);
  });

  it("lets exactly one of two simultaneous saves of the same version through", async () => {
    const id = (await createCustomer(a, { name: "吴九", ownerUserId: sales.userId })).id;
    signInAs(admin);
    const fields = await openForm(id, admin);
    const results = await Promise.all([
      updateCustomerAction(form({ ...fields, city: "甲" })),
      updateCustomerAction(form({ ...fields, city: "乙" })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ code: "conflict" }]);
    const [c] = await customersNamed("吴九");
    expect(c!.version).toBe(2);
    expect(c!.city).toBe(results[0]!.ok ? "甲" : "乙");
  });

  it("answers not found for another tenant's customer and one outside the scope, and changes nothing", async () => {
    const theirs = (await createCustomer(a, { name: "别人的客户", city: "广州", ownerUserId: otherSales.userId })).id;
    signInAs(sales);
    for (const customerId of [ofTenantB, theirs]) {
      const res = await updateCustomerAction(form({ customerId, version: 1, name: "改名", city: "拉萨" }));
      expect(res).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(await getCustomerForEdit(await ctxOf(sales), theirs)).toBeNull();
    expect(await getCustomerForEdit(await ctxOf(sales), ofTenantB)).toBeNull();
    expect((await customersNamed("别人的客户"))[0]).toMatchObject({ city: "广州", version: 1 });
    expect((await withTenant(b.owner, (tx) => tx.customer.findUniqueOrThrow({ where: { tenantId_id: { tenantId: b.tenantId, id: ofTenantB } } })))).toMatchObject({ name: "乙方客户", version: 1 });
  });

  it("reassigns the owner within the caller's scope and refuses an owner outside it", async () => {
    const id = (await createCustomer(a, { name: "钱十", ownerUserId: southSales.userId, homeStoreId: southStore.id, departmentId: gzId })).id;
    signInAs(southLead);
    const fields = await openForm(id, southLead);
    expect(await updateCustomerAction(form({ ...fields, keepPhone: "1", keepEmail: "1", ownerUserId: northSales.userId })))
      .toMatchObject({ ok: false, code: "validation", fieldErrors: { ownerUserId: expect.any(String) } });
    // Moving the customer to the north region's store would put it out of the lead's own reach.
    expect(await updateCustomerAction(form({ ...fields, ownerUserId: "", homeStoreId: northStore.id })))
      .toMatchObject({ ok: false, code: "validation" });
    expect((await customersNamed("钱十"))[0]).toMatchObject({ ownerUserId: southSales.userId, homeStoreId: southStore.id, version: 1 });
    expect(await updateCustomerAction(form({ ...fields, ownerUserId: sales.userId }))).toMatchObject({ ok: true, data: { version: 2 } });
    expect((await customersNamed("钱十"))[0]!.ownerUserId).toBe(sales.userId);
    const [entry] = await audits("customer.update", id);
    expect(entry).toMatchObject({ before: { ownerUserId: southSales.userId }, after: { ownerUserId: sales.userId } });
  });

  it("saves nothing (and audits nothing) when nothing changed", async () => {
    const id = (await createCustomer(a, { name: "原样", ownerUserId: sales.userId })).id;
    signInAs(admin);
    expect(await updateCustomerAction(form(await openForm(id, admin)))).toMatchObject({ ok: true, data: { version: 1, changed: [] } });
    expect(await audits("customer.update", id)).toEqual([]);
  });

  it("refuses roles without customer:update, and a form without its version", async () => {
    const id = (await createCustomer(a, { name: "无权修改", ownerUserId: sales.userId })).id;
    signInAs(manager);
    expect(await updateCustomerAction(form({ customerId: id, version: 1, name: "改" }))).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(sales);
    expect(await updateCustomerAction(form({ customerId: id, name: "改" }))).toMatchObject({ ok: false, code: "validation", fieldErrors: { version: expect.any(String) } });
    expect((await customersNamed("无权修改"))[0]!.version).toBe(1);
  });
});

describe("soft delete", () => {
  it("hides the customer from the list and the 360 view, audited; undo restores it", async () => {
    const id = (await createCustomer(a, { name: "待删除客户", phone: "+8613600136000", ownerUserId: sales.userId })).id;
    const adminCtx = await ctxOf(admin);
    expect((await listCustomers(adminCtx, parseListRequest({ q: "待删除" }).request)).rows.map((r) => r.id)).toEqual([id]);
    signInAs(admin);
    expect(await deleteCustomerAction({ customerId: id, version: 1 })).toMatchObject({ ok: true, data: { id, name: "待删除客户" } });
    expect((await listCustomers(adminCtx, parseListRequest({ q: "待删除" }).request)).rows).toEqual([]);
    expect((await listCustomers(adminCtx, parseListRequest({ q: "+86 136 0013 6000" }).request)).rows).toEqual([]);
    expect(await getCustomer360(adminCtx, id)).toBeNull();
    expect(await getCustomerForEdit(adminCtx, id)).toBeNull();
    const [entry] = await audits("customer.delete", id);
    expect(entry).toMatchObject({ actorUserId: admin.userId, before: { name: "待删除客户", deletedAt: null }, after: { deletedAt: expect.any(String) } });
    // Deleting again: it is gone.
    expect(await deleteCustomerAction({ customerId: id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await restoreCustomerAction({ customerId: id })).toMatchObject({ ok: true });
    expect(await getCustomer360(adminCtx, id)).not.toBeNull();
    expect(await audits("customer.restore", id)).toHaveLength(1);
  });

  it("refuses roles without customer:delete, another tenant's id and a stale version", async () => {
    const id = (await createCustomer(a, { name: "不能删", ownerUserId: sales.userId })).id;
    signInAs(sales);
    expect(await deleteCustomerAction({ customerId: id })).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(admin);
    expect(await deleteCustomerAction({ customerId: ofTenantB })).toMatchObject({ ok: false, code: "not_found" });
    expect(await deleteCustomerAction({ customerId: id, version: 7 })).toMatchObject({ ok: false, code: "conflict" });
    expect((await customersNamed("不能删"))[0]!.deletedAt).toBeNull();
    expect((await withTenant(b.owner, (tx) => tx.customer.findMany({ where: { id: ofTenantB } })))[0]!.deletedAt).toBeNull();
  });
});

describe("possible duplicates", () => {
  let original: string;
  beforeAll(async () => {
    original = (await createCustomer(a, {
      name: "林一", phone: "+8613512345678", email: "lin@example.com", ownerUserId: sales.userId, homeStoreId: southStore.id,
    })).id;
    await addIdentity(a, original, "wechat", "oWx-lin-0001");
  });

  it("stops a create with the same phone and shows the match first (masked for a role without unmask); saving anyway works", async () => {
    signInAs(sales);
    const before = await countCustomers();
    const fields = { name: "林一（新）", phone: "135 1234 5678" };
    const res = await createCustomerAction(form(fields));
    expect(res).toMatchObject({ ok: true, data: { status: "duplicates" } });
    const [dup] = (res as { data: { duplicates: { id: string; phone: string; email: string; reasons: string[]; masked: boolean }[] } }).data.duplicates;
    expect(dup).toMatchObject({ id: original, reasons: ["phone"], masked: true, phone: "+86 135****5678", email: "l***@example.com" });
    expect(await countCustomers()).toBe(before);
    const saved = await createCustomerAction(form({ ...fields, acknowledgedDuplicates: [original] }));
    expect(saved).toMatchObject({ ok: true, data: { status: "saved" } });
    expect(await countCustomers()).toBe(before + 1);
    const [entry] = await audits("customer.create", (saved as { data: { id: string } }).data.id);
    expect(entry!.after).toMatchObject({ acknowledgedDuplicates: [original] });
  });

  it("finds duplicates by e-mail (any case) and by channel id, unmasked for a role that may see them", async () => {
    signInAs(admin);
    const byEmail = await checkDuplicatesAction({ phone: "", email: " LIN@example.COM " });
    expect(byEmail).toMatchObject({ ok: true, data: [{ id: original, reasons: ["email"], masked: false, phone: "+86 135 1234 5678", email: "lin@example.com" }] });
    const byIdentity = await createCustomerAction(form({ name: "微信新客", identityChannel: "wechat", identityExternalId: "oWx-lin-0001" }));
    expect(byIdentity).toMatchObject({ ok: true, data: { status: "duplicates", duplicates: [{ id: original, reasons: ["identity"] }] } });
    // The channel id cannot belong to two customers: saving anyway is refused on that field.
    expect(await createCustomerAction(form({ name: "微信新客", identityChannel: "wechat", identityExternalId: "oWx-lin-0001", acknowledgedDuplicates: [original] })))
      .toMatchObject({ ok: false, code: "validation", fieldErrors: { identityExternalId: expect.any(String) } });
    expect(await customersNamed("微信新客")).toEqual([]);
    // A new channel id is linked on create.
    const linked = await createCustomerAction(form({ name: "微信新客", identityChannel: "wechat", identityExternalId: "oWx-new-0002" }));
    expect(linked).toMatchObject({ ok: true, data: { status: "saved" } });
    const ids = await withTenant(a.owner, (tx) => tx.customerIdentity.findMany({ where: { externalId: "oWx-new-0002" } }));
    expect(ids.map((i) => i.customerId)).toEqual([(linked as { data: { id: string } }).data.id]);
  });

  it("shows a create-only role (no customer:read) no duplicates, and still lets it create", async () => {
    const creator = await addMemberWithGrants(a, [["customer:create", "own"]]);
    signInAs(creator);
    expect(await createCustomerAction(form({ name: "录入员建的", phone: "+8613512345678" }))).toMatchObject({ ok: true, data: { status: "saved" } });
    expect((await customersNamed("录入员建的"))[0]!.ownerUserId).toBe(creator.userId);
  });

  it("only suggests customers inside the caller's scope", async () => {
    signInAs(otherSales);
    expect(await checkDuplicatesAction({ phone: "+8613512345678", email: "lin@example.com" })).toEqual({ ok: true, data: [] });
  });

  it("stops an edit that gives a customer another's e-mail, not one that leaves phone and e-mail alone", async () => {
    const id = (await createCustomer(a, { name: "林二", ownerUserId: sales.userId })).id;
    signInAs(admin);
    const fields = await openForm(id, admin);
    expect(await updateCustomerAction(form({ ...fields, city: "珠海" }))).toMatchObject({ ok: true, data: { status: "saved" } });
    const fresh = await openForm(id, admin);
    const res = await updateCustomerAction(form({ ...fresh, email: "lin@example.com" }));
    expect(res).toMatchObject({ ok: true, data: { status: "duplicates", duplicates: [{ id: original, reasons: ["email"] }] } });
    expect((await customersNamed("林二"))[0]!.email).toBeNull();
    expect(await updateCustomerAction(form({ ...fresh, email: "lin@example.com", acknowledgedDuplicates: [original] })))
      .toMatchObject({ ok: true, data: { status: "saved" } });
  });

  it("lists possible duplicates on the 360 view, masked per permission", async () => {
    const twin = (await createCustomer(a, { name: "林一", phone: "+8613512345678", ownerUserId: sales.userId })).id;
    const salesView = await customerManagement(await ctxOf(sales), twin);
    expect(salesView!.duplicates.map((d) => [d.id, d.phone])).toContainEqual([original, "+86 135****5678"]);
    expect(salesView!.may).toEqual({ edit: true, delete: false, merge: true });
    const adminView = await customerManagement(await ctxOf(admin), twin);
    expect(adminView!.duplicates.find((d) => d.id === original)).toMatchObject({ phone: "+86 135 1234 5678", masked: false });
    expect(adminView!.may).toEqual({ edit: true, delete: true, merge: true });
  });
});

describe("the pages", () => {
  const props = (params: Record<string, string>, searchParams: Record<string, string> = {}) =>
    ({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) });
  const digestOf = (err: unknown) => String((err as { digest?: string })?.digest ?? err);

  it("open the new, edit and merge forms for a user who may; answer 404 for an id outside the scope or tenant", async () => {
    const mine = (await createCustomer(a, { name: "页面客户", phone: "+8613300133000", ownerUserId: sales.userId })).id;
    const twin = (await createCustomer(a, { name: "页面客户二", phone: "+8613300133000", ownerUserId: sales.userId })).id;
    const theirs = (await createCustomer(a, { name: "页面别人的", ownerUserId: otherSales.userId })).id;
    const { default: NewPage } = await import("@/app/(app)/customers/new/page");
    const { default: EditPage } = await import("@/app/(app)/customers/[id]/edit/page");
    const { default: MergePage } = await import("@/app/(app)/customers/[id]/merge/page");
    const { default: DetailPage } = await import("@/app/(app)/customers/[id]/page");
    signInAs(sales);
    expect(await NewPage(props({}))).toBeTruthy();
    expect(await EditPage(props({ id: mine }))).toBeTruthy();
    expect(await MergePage(props({ id: mine }, { q: "页面" }))).toBeTruthy();
    expect(await MergePage(props({ id: mine }, { with: twin }))).toBeTruthy();
    // A preview that cannot be made (itself, someone else's) is a message on the page, not a crash.
    expect(await MergePage(props({ id: mine }, { with: mine }))).toBeTruthy();
    expect(await MergePage(props({ id: mine }, { with: theirs }))).toBeTruthy();
    expect(await DetailPage(props({ id: mine }, { saved: "1" }))).toBeTruthy();
    for (const [Page, id] of [[EditPage, theirs], [MergePage, theirs], [EditPage, ofTenantB], [MergePage, ofTenantB], [EditPage, "nope"]] as const) {
      const err = await Promise.resolve().then(() => Page(props({ id }))).then(() => null, (x: unknown) => x);
      expect(digestOf(err)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    }
    signInAs(manager);
    for (const [Page, id] of [[EditPage, mine], [MergePage, mine], [NewPage, mine]] as const) {
      const err = await Promise.resolve().then(() => Page(props({ id }))).then(() => null, (x: unknown) => x);
      expect(digestOf(err)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;403/);
    }
  });
});

describe("the list's count far beyond the cap", () => {
  it("is the planner's estimate (no counting probe), with the same rows as an exact count", async () => {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query("ANALYZE customers");
    await client.end();
    const ctx = await ctxOf(admin);
    const live = await withTenant(a.owner, (tx) => tx.customer.count({ where: { deletedAt: null } }));
    const request = parseListRequest({}).request;
    const estimated = await listCustomers(ctx, request, { countCap: 3, pageSize: 5 });
    expect(estimated.count).toMatchObject({ exact: false, atLeast: 3, estimate: expect.any(Number) });
    expect((estimated.count as { estimate: number }).estimate).toBeGreaterThan(6);
    const exact = await listCustomers(ctx, { ...request, exactCount: true }, { countCap: 3, pageSize: 5 });
    expect(exact.count).toEqual({ exact: true, value: live });
    expect(estimated.rows.map((r) => r.id)).toEqual(exact.rows.map((r) => r.id));
    // Under the estimate threshold the probe still counts exactly.
    expect((await listCustomers(ctx, request, { countCap: 10_000 })).count).toEqual({ exact: true, value: live });
  });
});
