// The order list and order page (lib/orders) against a real, migrated Postgres with
// RLS on: every filter (order-time range in the tenant's zone, store, channel,
// status, payment, the customer search), keyset pages that return each row once in
// order both ways, the capped count, the data scope (a sales user sees only the
// orders of their own customers), refusal without order:read, and the order page
// answering 404 for another tenant's order and one outside the scope.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addDepartment, addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants, createCustomer, createStore } from "@/tests/factories/customers";
import { addProduct, addStoreOrder } from "@/tests/factories/products";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { listOrders } from "@/lib/orders/queries";
import { parseOrderListRequest } from "@/lib/orders/filters";
import { getOrder } from "@/lib/orders/detail";
import { ORDER_SORTS } from "@/lib/orders/sort";
import { AppError } from "@/lib/errors";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

let a: TestTenant;
let b: TestTenant;
const who: Record<"admin" | "gzSales" | "szSales" | "boss" | "noOrders", { tenantId: string; userId: string }> = {} as never;
const ctxOf: Record<string, AuthContext> = {};
const o: Record<string, string> = {};
let gzStoreId: string;
let otherTenantOrderId: string;

// 12:00 in Asia/Shanghai (the tenants' default zone) on that day.
const noon = (iso: string) => new Date(`${iso}T04:00:00Z`);
// 23:30 in Shanghai = 15:30 UTC: still that calendar day in the tenant's zone.
const lateEvening = (iso: string) => new Date(`${iso}T15:30:00Z`);

const list = (ctx: AuthContext, params: Record<string, string> = {}, pageSize?: number, countCap?: number) =>
  listOrders(ctx, parseOrderListRequest(params).request, { pageSize, countCap });
const orderNos = async (ctx: AuthContext, params: Record<string, string> = {}) =>
  (await list(ctx, params)).rows.map((r) => r.orderNo).sort();

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("OrdA"), createTenant("OrdB")]);
  const south = await addDepartment(a, "华南大区", null, "region");
  const gz = await addDepartment(a, "广州天河店", south.id, "store");
  const sz = await addDepartment(a, "深圳南山店", south.id, "store");
  who.admin = await addMember(a, "admin");
  who.boss = await addMember(a, "manager", { departmentId: south.id });
  who.gzSales = await addMember(a, "sales_staff", { departmentId: gz.id, managerUserId: who.boss.userId });
  who.szSales = await addMember(a, "sales_staff", { departmentId: sz.id, managerUserId: who.boss.userId });
  who.noOrders = await addMemberWithGrants(a, [["customer:read", "all"]]);
  for (const [k, v] of Object.entries(who)) ctxOf[k] = (await loadAuthContext(v))!;

  const gzStore = await createStore(a, "广州天河店", gz.id, "广州", "广东");
  const szStore = await createStore(a, "深圳南山店", sz.id, "深圳", "广东");
  gzStoreId = gzStore.id;
  const phone = await addProduct(a, { name: "Mate 70", category: "手机", brand: "华为", price: "5999.00" });
  const case_ = await addProduct(a, { name: "手机壳", category: "配件", price: "99.00" });

  const wang = await createCustomer(a, { name: "王小明", phone: "+8613800138000", ownerUserId: who.gzSales.userId, departmentId: gz.id });
  const li = await createCustomer(a, { name: "李四", phone: "+8613912345678", ownerUserId: who.szSales.userId, departmentId: sz.id });
  const gone = await createCustomer(a, { name: "王删除", ownerUserId: who.gzSales.userId, deletedAt: new Date() });

  o.w1 = (await addStoreOrder(a, wang.id, {
    orderNo: "A-001", storeId: gzStore.id, channel: "store", status: "received", orderedAt: noon("2025-01-10"), paidAt: noon("2025-01-10"),
    shippedAt: noon("2025-01-11"), receivedAt: noon("2025-01-13"), reviewedAt: noon("2025-01-15"),
    items: [{ productId: phone.id, quantity: 1, unitPrice: "5999.00" }, { productId: case_.id, quantity: 2, unitPrice: "99.00" }],
  })).id;
  o.w2 = (await addStoreOrder(a, wang.id, {
    orderNo: "A-002", channel: "tmall", status: "refunded", orderedAt: lateEvening("2025-02-01"), paidAt: noon("2025-02-02"),
    refundedAt: noon("2025-02-05"), items: [{ productId: case_.id, quantity: 1, unitPrice: "99.00" }],
  })).id;
  o.w3 = (await addStoreOrder(a, wang.id, {
    orderNo: "A-003", channel: "jd", status: "created", orderedAt: noon("2025-02-02"), items: [{ productId: case_.id, quantity: 3, unitPrice: "99.00" }],
  })).id;
  o.l1 = (await addStoreOrder(a, li.id, {
    orderNo: "A-004", storeId: szStore.id, status: "paid", orderedAt: noon("2025-03-01"), paidAt: noon("2025-03-01"),
    items: [{ productId: phone.id, quantity: 2, unitPrice: "5999.00" }],
  })).id;
  o.l2 = (await addStoreOrder(a, li.id, {
    orderNo: "A-005", storeId: szStore.id, status: "shipped", orderedAt: noon("2025-03-01"), paidAt: noon("2025-03-01"), shippedAt: noon("2025-03-02"),
    items: [{ productId: case_.id, quantity: 1, unitPrice: "99.00" }],
  })).id;
  o.gone = (await addStoreOrder(a, gone.id, { orderNo: "A-006", orderedAt: noon("2025-03-03") })).id;

  const bCustomer = await createCustomer(b, { name: "王小明" });
  otherTenantOrderId = (await addStoreOrder(b, bCustomer.id, { orderNo: "A-001", orderedAt: noon("2025-01-10") })).id;
});

describe("order list filters", () => {
  it("shows an admin every live customer's orders of the tenant, newest first, never tenant B's", async () => {
    const page = await list(ctxOf.admin!);
    expect(page.rows.map((r) => r.orderNo).slice(2)).toEqual(["A-003", "A-002", "A-001"]);
    expect(page.rows.map((r) => r.orderNo).slice(0, 2).sort()).toEqual(["A-004", "A-005"]);
    expect(page.rows.map((r) => r.id)).not.toContain(otherTenantOrderId);
    expect(page.rows.map((r) => r.id)).not.toContain(o.gone); // the customer is deleted
    expect(page.count).toEqual({ exact: true, value: 5 });
    // Newest first, ties broken by id (A-004 and A-005 share a time).
    const times = page.rows.map((r) => r.orderedAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const first = page.rows.find((r) => r.orderNo === "A-001")!;
    expect(first).toMatchObject({ customer: { name: "王小明" }, store: { id: gzStoreId, name: "广州天河店" }, items: 2, amount: "6197.00", paidAmount: "6197.00" });
  });

  it("filters by order day in the tenant's time zone, inclusive at both ends", async () => {
    // A-002 was placed at 23:30 Shanghai time on 1 February (15:30 UTC).
    expect(await orderNos(ctxOf.admin!, { from: "2025-02-01", to: "2025-02-01" })).toEqual(["A-002"]);
    expect(await orderNos(ctxOf.admin!, { from: "2025-02-02" })).toEqual(["A-003", "A-004", "A-005"]);
    expect(await orderNos(ctxOf.admin!, { to: "2025-01-31" })).toEqual(["A-001"]);
  });

  it("filters by store, channel, status and payment", async () => {
    expect(await orderNos(ctxOf.admin!, { storeId: gzStoreId })).toEqual(["A-001"]);
    expect(await orderNos(ctxOf.admin!, { channel: "tmall" })).toEqual(["A-002"]);
    expect(await orderNos(ctxOf.admin!, { status: "shipped" })).toEqual(["A-005"]);
    expect(await orderNos(ctxOf.admin!, { payment: "paid" })).toEqual(["A-001", "A-004", "A-005"]);
    expect(await orderNos(ctxOf.admin!, { payment: "unpaid" })).toEqual(["A-003"]);
    expect(await orderNos(ctxOf.admin!, { payment: "refunded" })).toEqual(["A-002"]);
    expect(await orderNos(ctxOf.admin!, { payment: "paid", channel: "store", from: "2025-03-01" })).toEqual(["A-004", "A-005"]);
  });

  it("finds orders by the customer's name prefix or phone typed any way", async () => {
    expect(await orderNos(ctxOf.admin!, { q: "王小" })).toEqual(["A-001", "A-002", "A-003"]);
    expect(await orderNos(ctxOf.admin!, { q: "+86 139 1234 5678" })).toEqual(["A-004", "A-005"]);
    expect(await orderNos(ctxOf.admin!, { q: "5678" })).toEqual(["A-004", "A-005"]);
    expect(await orderNos(ctxOf.admin!, { q: "赵" })).toEqual([]);
  });

  it("drops and reports a malformed filter while applying the others", () => {
    const { request, invalid } = parseOrderListRequest({ storeId: "x", from: "2025-02-30", payment: "paid", to: "2024-01-01" });
    expect(invalid.sort()).toEqual(["from", "storeId"]);
    expect(request.filters).toEqual({ payment: "paid", to: "2024-01-01" });
    const reversed = parseOrderListRequest({ from: "2025-03-01", to: "2025-01-01" });
    expect(reversed.invalid).toEqual(["to"]);
  });
});

describe("keyset pages", () => {
  it.each(ORDER_SORTS.map((s) => [s]))("return each order once, in order, forwards and back (%s)", async (sort) => {
    const all = (await list(ctxOf.admin!, { sort })).rows.map((r) => r.id);
    expect(all).toHaveLength(5);
    const seen: string[] = [];
    let params: Record<string, string> = { sort };
    let last = await list(ctxOf.admin!, params, 2);
    for (;;) {
      seen.push(...last.rows.map((r) => r.id));
      if (!last.nextCursor) break;
      params = { sort, after: last.nextCursor };
      last = await list(ctxOf.admin!, params, 2);
    }
    expect(seen).toEqual(all);
    // Backwards from the last page.
    const back: string[][] = [last.rows.map((r) => r.id)];
    let cursor = last.prevCursor;
    while (cursor) {
      const page = await list(ctxOf.admin!, { sort, before: cursor }, 2);
      back.unshift(page.rows.map((r) => r.id));
      cursor = page.prevCursor;
    }
    expect(back.flat()).toEqual(all);
  });

  it("orders by paid amount when asked", async () => {
    const rows = (await list(ctxOf.admin!, { sort: "amount_desc" })).rows;
    expect(rows[0]!.orderNo).toBe("A-004");
    const amounts = rows.map((r) => Number(r.paidAmount));
    expect(amounts).toEqual([...amounts].sort((x, y) => y - x));
  });

  it("ignores a cursor of another sort or a forged one (first page)", async () => {
    const page = await list(ctxOf.admin!, {}, 2);
    const forged = Buffer.from(JSON.stringify(["ordered_desc", "x'; DROP TABLE orders; --", page.rows[0]!.id])).toString("base64url");
    expect((await list(ctxOf.admin!, { sort: "amount_desc", after: page.nextCursor! }, 2)).rows.map((r) => r.id))
      .toEqual((await list(ctxOf.admin!, { sort: "amount_desc" }, 2)).rows.map((r) => r.id));
    expect((await list(ctxOf.admin!, { after: forged }, 2)).rows.map((r) => r.id)).toEqual(page.rows.map((r) => r.id));
  });

  it("caps the count", async () => {
    expect((await list(ctxOf.admin!, {}, 2, 3)).count).toEqual({ exact: false, atLeast: 3 });
    expect((await list(ctxOf.admin!, { channel: "store" }, 2, 3)).count).toEqual({ exact: true, value: 3 });
  });
});

describe("data scope", () => {
  it("shows a sales user only their own customers' orders, in rows, search and count", async () => {
    const page = await list(ctxOf.gzSales!);
    expect(page.rows.map((r) => r.orderNo).sort()).toEqual(["A-001", "A-002", "A-003"]);
    expect(page.count).toEqual({ exact: true, value: 3 });
    expect(await orderNos(ctxOf.gzSales!, { q: "李四" })).toEqual([]);
    expect(await orderNos(ctxOf.szSales!)).toEqual(["A-004", "A-005"]);
  });

  it("shows a regional manager the orders of the stores below their region", async () => {
    expect(await orderNos(ctxOf.boss!)).toEqual(["A-001", "A-002", "A-003", "A-004", "A-005"]);
  });

  it("refuses a user without order:read", async () => {
    await expect(list(ctxOf.noOrders!)).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === "forbidden");
    await expect(getOrder(ctxOf.noOrders!, o.w1!)).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === "forbidden");
  });

  it("reads an order in scope with its items and status times", async () => {
    const order = await getOrder(ctxOf.gzSales!, o.w1!);
    expect(order).not.toBeNull();
    expect(order!.items.map((i) => [i.product.name, i.quantity, i.unitPrice, i.amount])).toEqual([
      ["Mate 70", 1, "5999", "5999"], ["手机壳", 2, "99", "198"],
    ]);
    expect(order!.events.map((e) => [e.event, e.at?.toISOString() ?? null])).toEqual([
      ["ordered", noon("2025-01-10").toISOString()], ["paid", noon("2025-01-10").toISOString()], ["shipped", noon("2025-01-11").toISOString()],
      ["received", noon("2025-01-13").toISOString()], ["reviewed", noon("2025-01-15").toISOString()], ["refunded", null],
    ]);
    expect(await getOrder(ctxOf.gzSales!, o.l1!)).toBeNull(); // another salesperson's customer
    expect(await getOrder(ctxOf.admin!, o.gone!)).toBeNull(); // a deleted customer's order
  });
});

describe("pages", () => {
  const digest = async (path: "list" | "detail", params: Record<string, string>, searchParams: Record<string, string> = {}) => {
    const mod = path === "list" ? await import("@/app/(app)/orders/page") : await import("@/app/(app)/orders/[id]/page");
    const err = await Promise.resolve()
      .then(() => mod.default({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) }))
      .then(() => null, (x: unknown) => x);
    return String((err as { digest?: string } | null)?.digest ?? "rendered");
  };

  it("renders the list and an order in scope", async () => {
    signInAs(who.gzSales);
    expect(await digest("list", {}, { payment: "paid", sort: "amount_desc" })).toBe("rendered");
    expect(await digest("detail", { id: o.w1! })).toBe("rendered");
  });

  it("answers 404 for another tenant's order, one outside the scope and a malformed id", async () => {
    signInAs(who.gzSales);
    for (const id of [otherTenantOrderId, o.l1!, "not-a-uuid", "00000000-0000-0000-0000-000000000000"]) {
      expect(await digest("detail", { id }), id).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    }
    signInAs(b.owner);
    expect(await digest("detail", { id: o.w1! })).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await digest("detail", { id: otherTenantOrderId })).toBe("rendered");
  });

  it("refuses both pages to a member without order:read", async () => {
    signInAs(who.noOrders);
    expect(await digest("list", {})).toMatch(/NEXT_HTTP_ERROR_FALLBACK;403/);
    expect(await digest("detail", { id: o.w1! })).toMatch(/NEXT_HTTP_ERROR_FALLBACK;403/);
  });
});
