// Stores (lib/stores, app/(app)/stores): the list with region and department, home
// customers and revenue counted within the caller's scopes; the detail page's 404s;
// creating and editing through the server actions with specific field errors
// (duplicate code, another tenant's department, a bad date) and permission refusals.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addDepartment, addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants, createCustomer, createStore } from "@/tests/factories/customers";
import { addProduct, addStoreOrder } from "@/tests/factories/products";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { getStore, listStores } from "@/lib/stores/queries";
import { createStoreAction, updateStoreAction } from "@/app/(app)/stores/actions";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

let a: TestTenant;
let b: TestTenant;
const who: Record<"admin" | "gzSales" | "catalogOnly", { tenantId: string; userId: string }> = {} as never;
const ctxOf: Record<string, AuthContext> = {};
let gzStoreId: string;
let szStoreId: string;
let gzDeptId: string;
let otherTenantStoreId: string;
let otherTenantDeptId: string;

const day = (iso: string) => new Date(`${iso}T04:00:00Z`);
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("StoreA"), createTenant("StoreB")]);
  const south = await addDepartment(a, "华南大区", null, "region");
  const gz = await addDepartment(a, "广州天河店", south.id, "store");
  const sz = await addDepartment(a, "深圳南山店", south.id, "store");
  gzDeptId = gz.id;
  who.admin = await addMember(a, "admin");
  who.gzSales = await addMember(a, "sales_staff", { departmentId: gz.id });
  who.catalogOnly = await addMemberWithGrants(a, [["product:read", "all"]]);
  for (const [k, v] of Object.entries(who)) ctxOf[k] = (await loadAuthContext(v))!;
  gzStoreId = (await createStore(a, "广州天河店", gz.id, "广州", "广东")).id;
  szStoreId = (await createStore(a, "深圳南山店", sz.id, "深圳", "广东")).id;
  otherTenantStoreId = (await createStore(b, "广州天河店")).id;
  otherTenantDeptId = (await addDepartment(b, "B 大区", null, "region")).id;

  const product = await addProduct(a, { name: "Mate 70" });
  const mine = await createCustomer(a, { name: "王小明", ownerUserId: who.gzSales.userId, homeStoreId: gzStoreId });
  const other = await createCustomer(a, { name: "李四", homeStoreId: gzStoreId });
  await createCustomer(a, { name: "赵六", homeStoreId: szStoreId });
  await addStoreOrder(a, mine.id, { storeId: gzStoreId, orderedAt: day("2025-01-01"), paidAt: day("2025-01-01"), status: "paid", items: [{ productId: product.id, quantity: 1, unitPrice: "100.00" }] });
  await addStoreOrder(a, other.id, { storeId: gzStoreId, orderedAt: day("2025-01-02"), paidAt: day("2025-01-02"), status: "paid", items: [{ productId: product.id, quantity: 2, unitPrice: "100.00" }] });
  await addStoreOrder(a, other.id, { storeId: gzStoreId, orderedAt: day("2025-01-03"), items: [{ productId: product.id, quantity: 9, unitPrice: "100.00" }] });
});

describe("store list", () => {
  it("shows region, department, home customers and revenue (purchases only) to an admin", async () => {
    const page = await listStores(ctxOf.admin!, null);
    const gz = page.rows.find((r) => r.id === gzStoreId)!;
    expect(gz).toMatchObject({ name: "广州天河店", region: { name: "华南大区" }, department: { name: "广州天河店" }, customers: 2, revenue: "300.00", orders: 2 });
    expect(page.rows.find((r) => r.id === szStoreId)).toMatchObject({ customers: 1, revenue: "0", orders: 0 });
    expect(page.rows.map((r) => r.id)).not.toContain(otherTenantStoreId);
  });

  it("counts a sales user's figures over their own customers only, and none without the permissions", async () => {
    const gz = (await listStores(ctxOf.gzSales!, null)).rows.find((r) => r.id === gzStoreId)!;
    expect(gz).toMatchObject({ customers: 1, revenue: "100.00", orders: 1 });
    const plain = (await listStores(ctxOf.catalogOnly!, null)).rows.find((r) => r.id === gzStoreId)!;
    expect(plain).toMatchObject({ customers: null, revenue: null, orders: null });
  });

  it("searches by name, code or city", async () => {
    expect((await listStores(ctxOf.admin!, "深圳")).rows.map((r) => r.id)).toEqual([szStoreId]);
  });
});

describe("store pages", () => {
  it("answer 404 for another tenant's store and a malformed id", async () => {
    const Page = (await import("@/app/(app)/stores/[id]/page")).default;
    const digest = async (id: string) => String(((await Promise.resolve()
      .then(() => Page({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }))
      .then(() => null, (x: unknown) => x)) as { digest?: string } | null)?.digest ?? "rendered");
    signInAs(who.gzSales);
    expect(await digest(gzStoreId)).toBe("rendered");
    expect(await digest(otherTenantStoreId)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await digest("x")).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await getStore(ctxOf.admin!, otherTenantStoreId)).toBeNull();
  });
});

describe("creating and editing stores", () => {
  it("creates a store under a department, audited", async () => {
    signInAs(who.admin);
    const res = await createStoreAction(form({ code: "GZ-002", name: "广州珠江新城店", kind: "store", departmentId: gzDeptId, city: "广州", openedAt: "2024-05-01" }));
    expect(res.ok).toBe(true);
    const id = (res as { data: { id: string } }).data.id;
    const store = await getStore(ctxOf.admin!, id);
    expect(store).toMatchObject({ code: "GZ-002", department: { name: "广州天河店" }, region: { name: "华南大区" }, city: "广州" });
    expect(store!.openedAt?.toISOString().slice(0, 10)).toBe("2024-05-01");
    const audit = await withTenant(who.admin, (tx) => tx.auditLog.findFirst({ where: { entity: "store", entityId: id } }));
    expect(audit?.action).toBe("store.create");
  });

  it("answers specific field errors and saves nothing", async () => {
    signInAs(who.admin);
    const before = await withTenant(who.admin, (tx) => tx.store.count());
    const bad = await createStoreAction(form({ code: "", name: "X", kind: "warehouse", openedAt: "2024-02-30" }));
    expect(bad).toMatchObject({
      ok: false, code: "validation",
      fieldErrors: { code: "Enter the store code.", kind: "Choose physical store or online shop.", openedAt: "“2024-02-30” is not a date." },
    });
    const existing = (await getStore(ctxOf.admin!, gzStoreId))!.code;
    const dup = await createStoreAction(form({ code: existing, name: "Copy", kind: "store", departmentId: otherTenantDeptId }));
    expect(dup).toMatchObject({
      ok: false, code: "validation",
      fieldErrors: { code: `Code “${existing}” is already used by another store.`, departmentId: "Choose a department from the list." },
    });
    expect(await withTenant(who.admin, (tx) => tx.store.count())).toBe(before);
  });

  it("edits a store", async () => {
    signInAs(who.admin);
    const s = (await getStore(ctxOf.admin!, szStoreId))!;
    const res = await updateStoreAction(form({ id: szStoreId, code: s.code, name: "深圳南山旗舰店", kind: "store", departmentId: s.departmentId ?? "", city: "深圳" }));
    expect(res.ok).toBe(true);
    expect((await getStore(ctxOf.admin!, szStoreId))!.name).toBe("深圳南山旗舰店");
  });

  it("refuses users without product:manage, and another tenant's store", async () => {
    signInAs(who.gzSales);
    expect(await createStoreAction(form({ code: "NEW", name: "New", kind: "store" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await updateStoreAction(form({ id: gzStoreId, code: "NEW", name: "Hacked", kind: "store" }))).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(b.owner);
    expect(await updateStoreAction(form({ id: gzStoreId, code: "NEW", name: "Hacked", kind: "store" }))).toMatchObject({ ok: false, code: "not_found" });
    expect((await getStore(ctxOf.admin!, gzStoreId))!.name).toBe("广州天河店");
  });
});
