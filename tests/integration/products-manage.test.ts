// Products (lib/products, app/(app)/products): the list's search, filters and sales
// sort; sales figures counted only over the orders the caller may read; the detail
// page's summary (units, revenue, buyers, repurchase rate) and its 404s; creating
// and editing through the server actions, with specific field errors, a stale-edit
// refusal and permission refusals.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants, createCustomer } from "@/tests/factories/customers";
import { addProduct, addStoreOrder } from "@/tests/factories/products";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { getProduct, listProducts } from "@/lib/products/queries";
import { parseProductListRequest } from "@/lib/products/filters";
import { createProductAction, updateProductAction } from "@/app/(app)/products/actions";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

let a: TestTenant;
let b: TestTenant;
const who: Record<"admin" | "sales" | "otherSales" | "catalogOnly", { tenantId: string; userId: string }> = {} as never;
const ctxOf: Record<string, AuthContext> = {};
const p: Record<string, string> = {};
let otherTenantProductId: string;

const day = (iso: string) => new Date(`${iso}T04:00:00Z`);
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const list = (ctx: AuthContext, params: Record<string, string> = {}) => listProducts(ctx, parseProductListRequest(params).request);

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("ProdA"), createTenant("ProdB")]);
  who.admin = await addMember(a, "admin");
  who.sales = await addMember(a, "sales_staff");
  who.otherSales = await addMember(a, "sales_staff");
  who.catalogOnly = await addMemberWithGrants(a, [["product:read", "all"]]);
  for (const [k, v] of Object.entries(who)) ctxOf[k] = (await loadAuthContext(v))!;

  p.mate = (await addProduct(a, { name: "Mate 70", sku: "HW-MATE70", category: "手机", brand: "华为", price: "5999.00" })).id;
  p.case = (await addProduct(a, { name: "Mate 70 手机壳", sku: "HW-CASE70", category: "配件", brand: "华为", price: "99.00" })).id;
  p.iphone = (await addProduct(a, { name: "iPhone 16", sku: "AP-IP16", category: "手机", brand: "Apple", price: "6999.00" })).id;
  otherTenantProductId = (await addProduct(b, { name: "Mate 70", sku: "HW-MATE70" })).id;

  const mine = await createCustomer(a, { name: "王小明", ownerUserId: who.sales.userId });
  const mine2 = await createCustomer(a, { name: "王二", ownerUserId: who.sales.userId });
  const theirs = await createCustomer(a, { name: "李四", ownerUserId: who.otherSales.userId });
  const paid = (d: string) => ({ orderedAt: day(d), paidAt: day(d), status: "paid" });
  // 王小明 buys the case in two orders (a repeat buyer), 王二 once, 李四 twice in one order.
  await addStoreOrder(a, mine.id, { ...paid("2025-01-01"), items: [{ productId: p.case, quantity: 1, unitPrice: "99.00" }, { productId: p.mate, quantity: 1, unitPrice: "5999.00" }] });
  await addStoreOrder(a, mine.id, { ...paid("2025-02-01"), items: [{ productId: p.case, quantity: 2, unitPrice: "89.00" }] });
  await addStoreOrder(a, mine2.id, { ...paid("2025-02-03"), items: [{ productId: p.case, quantity: 1, unitPrice: "99.00" }] });
  await addStoreOrder(a, theirs.id, { ...paid("2025-03-01"), items: [{ productId: p.case, quantity: 2, unitPrice: "99.00" }] });
  // Not purchases: unpaid, and paid then refunded.
  await addStoreOrder(a, theirs.id, { orderedAt: day("2025-03-02"), items: [{ productId: p.iphone, quantity: 5, unitPrice: "6999.00" }] });
  await addStoreOrder(a, theirs.id, { ...paid("2025-03-03"), refundedAt: day("2025-03-04"), status: "refunded", items: [{ productId: p.iphone, quantity: 1, unitPrice: "6999.00" }] });
});

describe("product list", () => {
  it("searches name or SKU, filters category and brand", async () => {
    const names = async (params: Record<string, string>) => (await list(ctxOf.admin!, { sort: "name_asc", ...params })).rows.map((r) => r.name);
    expect(await names({ q: "mate" })).toEqual(["Mate 70", "Mate 70 手机壳"]);
    expect(await names({ q: "ap-ip" })).toEqual(["iPhone 16"]);
    expect(await names({ q: "100%" })).toEqual([]); // pattern characters are literal
    expect(await names({ category: "手机" })).toEqual(["Mate 70", "iPhone 16"].sort());
    expect(await names({ brand: "华为", category: "配件" })).toEqual(["Mate 70 手机壳"]);
    expect((await list(ctxOf.admin!, { brand: "华为" })).total).toBe(2);
  });

  it("sorts by units sold, counting purchases only (no unpaid, no refunded)", async () => {
    const page = await list(ctxOf.admin!);
    expect(page.withSales).toBe(true);
    expect(page.rows.map((r) => [r.name, r.sales?.units, r.sales?.revenue, r.sales?.buyers])).toEqual([
      ["Mate 70 手机壳", 6, "574.00", 3], ["Mate 70", 1, "5999.00", 1], ["iPhone 16", 0, "0", 0],
    ]);
    expect((await list(ctxOf.admin!, { sort: "revenue_desc" })).rows[0]!.name).toBe("Mate 70");
  });

  it("counts a sales user's figures over their own customers' orders only", async () => {
    const page = await list(ctxOf.sales!);
    const caseRow = page.rows.find((r) => r.id === p.case)!;
    expect(caseRow.sales).toEqual({ units: 4, revenue: "376.00", buyers: 2, orders: 3 });
  });

  it("shows no sales figures to a user who may not read orders, and sorts by name instead", async () => {
    const page = await list(ctxOf.catalogOnly!);
    expect(page.withSales).toBe(false);
    expect(page.rows.every((r) => r.sales === null)).toBe(true);
    expect(page.rows.map((r) => r.name)).toEqual(["Mate 70", "Mate 70 手机壳", "iPhone 16"].sort());
  });
});

describe("product detail", () => {
  it("summarises units, revenue, buyers and the repurchase rate, with recent orders", async () => {
    const d = await getProduct(ctxOf.admin!, p.case!);
    expect(d!.sales).toEqual({ units: 6, revenue: "574.00", buyers: 3, orders: 4, repeatBuyers: 1, repurchaseRate: 1 / 3 });
    expect(d!.recentOrders.map((o) => o.customer.name)).toEqual(["李四", "王二", "王小明", "王小明"]);
    const forSales = await getProduct(ctxOf.sales!, p.case!);
    expect(forSales!.sales).toMatchObject({ buyers: 2, repeatBuyers: 1, repurchaseRate: 0.5 });
    expect(forSales!.recentOrders.map((o) => o.customer.name)).not.toContain("李四");
    expect((await getProduct(ctxOf.catalogOnly!, p.case!))!.sales).toBeNull();
  });

  it("answers 404 for another tenant's product and a malformed id", async () => {
    const Page = (await import("@/app/(app)/products/[id]/page")).default;
    const digest = async (id: string) => String(((await Promise.resolve()
      .then(() => Page({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }))
      .then(() => null, (x: unknown) => x)) as { digest?: string } | null)?.digest ?? "rendered");
    signInAs(who.sales);
    expect(await digest(p.case!)).toBe("rendered");
    for (const id of [otherTenantProductId, "nope", "00000000-0000-0000-0000-000000000000"]) {
      expect(await digest(id), id).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    }
  });
});

describe("creating and editing products", () => {
  it("creates a product with a trimmed SKU and a parsed price, audited", async () => {
    signInAs(who.admin);
    const res = await createProductAction(form({ sku: " XM-14 ", name: "小米 14", category: "手机", brand: "小米", price: "¥3,999.5" }));
    expect(res.ok).toBe(true);
    const id = (res as { data: { id: string } }).data.id;
    const saved = await withTenant(who.admin, (tx) => tx.product.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id } } }));
    expect([saved.sku, saved.name, saved.price?.toString()]).toEqual(["XM-14", "小米 14", "3999.5"]);
    const audit = await withTenant(who.admin, (tx) => tx.auditLog.findFirst({ where: { entity: "product", entityId: id } }));
    expect(audit?.action).toBe("product.create");
  });

  it("answers specific field errors and saves nothing", async () => {
    signInAs(who.admin);
    const before = await withTenant(who.admin, (tx) => tx.product.count());
    const res = await createProductAction(form({ sku: "HAS SPACE", name: "", price: "12.345" }));
    expect(res.ok).toBe(false);
    const err = res as { code: string; fieldErrors: Record<string, string> };
    expect(err.code).toBe("validation");
    expect(err.fieldErrors.sku).toBe("The SKU cannot contain spaces.");
    expect(err.fieldErrors.name).toBe("Enter the product name.");
    expect(err.fieldErrors.price).toBe("Price “12.345” is not an amount such as 1299 or 1,299.50.");
    const dup = await createProductAction(form({ sku: "HW-MATE70", name: "Copy" }));
    expect(dup).toMatchObject({ ok: false, code: "validation", fieldErrors: { sku: "SKU “HW-MATE70” is already used by another product." } });
    expect(await withTenant(who.admin, (tx) => tx.product.count())).toBe(before);
  });

  it("edits a product, and refuses an edit from a stale form", async () => {
    signInAs(who.admin);
    const opened = await getProduct(ctxOf.admin!, p.iphone!);
    const base = { id: p.iphone!, sku: "AP-IP16", name: "iPhone 16 128G", category: "手机", brand: "Apple", price: "5999" };
    const ok = await updateProductAction(form({ ...base, updatedAt: opened!.updatedAt.toISOString() }));
    expect(ok.ok).toBe(true);
    expect((await getProduct(ctxOf.admin!, p.iphone!))!.name).toBe("iPhone 16 128G");
    const stale = await updateProductAction(form({ ...base, name: "Overwrite", updatedAt: opened!.updatedAt.toISOString() }));
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
    expect((await getProduct(ctxOf.admin!, p.iphone!))!.name).toBe("iPhone 16 128G");
    const taken = await updateProductAction(form({ ...base, sku: "HW-CASE70", updatedAt: (await getProduct(ctxOf.admin!, p.iphone!))!.updatedAt.toISOString() }));
    expect(taken).toMatchObject({ ok: false, fieldErrors: { sku: "SKU “HW-CASE70” is already used by another product." } });
  });

  it("refuses users without product:manage, and another tenant's product", async () => {
    signInAs(who.sales);
    expect(await createProductAction(form({ sku: "NEW-1", name: "New" }))).toMatchObject({ ok: false, code: "forbidden" });
    const opened = await getProduct(ctxOf.admin!, p.mate!);
    expect(await updateProductAction(form({ id: p.mate!, sku: "HW-MATE70", name: "Hacked", updatedAt: opened!.updatedAt.toISOString() })))
      .toMatchObject({ ok: false, code: "forbidden" });
    signInAs(b.owner);
    expect(await updateProductAction(form({ id: p.mate!, sku: "HW-MATE70", name: "Hacked", updatedAt: opened!.updatedAt.toISOString() })))
      .toMatchObject({ ok: false, code: "not_found" });
    expect((await getProduct(ctxOf.admin!, p.mate!))!.name).toBe("Mate 70");
    const NewPage = (await import("@/app/(app)/products/new/page")).default;
    signInAs(who.sales);
    const err = await Promise.resolve().then(() => NewPage({ params: Promise.resolve({}), searchParams: Promise.resolve({}) })).then(() => null, (x: unknown) => x);
    expect(String((err as { digest?: string }).digest)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;403/);
  });
});
