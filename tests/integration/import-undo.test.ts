// Undo of a customer import on real Postgres, Redis and a worker: what the import
// created goes, what it changed comes back, what lived on since (activity, edits)
// stays and is counted — and nobody without the right, or from another tenant, can undo.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addOrder, createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import type { UndoReport } from "@/lib/imports/undo";
import { withTestWorker } from "@/tests/support/test-worker";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { POST: create } = await import("@/app/api/v1/imports/route");
const { GET: show } = await import("@/app/api/v1/imports/[importId]/route");
const { createApiKeyAction } = await import("@/app/(app)/admin/api-keys/actions");
const { undoImportAction } = await import("@/app/(app)/imports/[id]/undo-actions");

let t: TestTenant;
let other: TestTenant;
let key: string;

async function importCsv(csv: string, name: string, policy = "fill_empty", entity = "customers") {
  const res = await create(new Request(`http://localhost/api/v1/imports?entity=${entity}&name=${name}&policy=${policy}`, {
    method: "POST", body: csv, headers: { authorization: `Bearer ${key}` },
  }), { params: Promise.resolve({}) });
  const { id } = await res.json();
  expect((await waitUntil(id, (s) => s !== "queued" && s !== "running")).status).toBe("succeeded");
  return id as string;
}

async function waitUntil(importId: string, done: (status: string) => boolean) {
  for (let i = 0; i < 600; i++) {
    const s = await (await show(new Request(`http://localhost/api/v1/imports/${importId}`, { headers: { authorization: `Bearer ${key}` } }),
      { params: Promise.resolve({ importId }) })).json();
    if (done(s.status)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("timed out");
}

async function undo(importId: string): Promise<UndoReport> {
  signInAs(t.owner);
  expect(await undoImportAction({ importId })).toMatchObject({ ok: true });
  await waitUntil(importId, (s) => s === "undone");
  const j = await withTenant(t.owner, (tx) => tx.importJob.findFirst({ where: { id: importId } }));
  return j!.undoReport as UndoReport;
}

const byExt = (externalId: string) => withTenant(t.owner, (tx) => tx.customer.findFirst({ where: { externalId } }));
const tagsOf = (customerId: string) => withTenant(t.owner, async (tx) =>
  (await tx.customerTag.findMany({ where: { customerId }, include: { tag: true } })).map((x) => x.tag.name).sort());

withTestWorker();

beforeAll(async () => {
  [t, other] = await Promise.all([createTenant("UndoA"), createTenant("UndoB")]);
  signInAs(t.owner);
  const k = await createApiKeyAction({ name: "loader", roleId: t.roleIds.admin });
  if (!k.ok) throw new Error("no key");
  key = k.data.token;
});

describe("undo of a customer import", () => {
  it("removes what it created, restores what it changed, keeps what lived on, and says so", async () => {
    const existing = await createCustomer(t, { name: "老客户", phone: "+8613800138000", externalId: "E0", city: null });
    const id = await importCsv(
      "客户编号,姓名,手机,城市,标签,微信号\n"
      + "N1,新客一,13900139001,深圳,VIP,wx_n1\n"
      + "E0,老客户,13800138000,广州,VIP,wx_e0\n"
      + "N2,新客二,13900139002,杭州,,\n", "first.csv");
    const n1 = await byExt("N1");
    const n2 = await byExt("N2");
    expect(n1!.createdImportId).toBe(id);
    expect((await byExt("E0"))!.city).toBe("广州市");
    expect(await tagsOf(existing.id)).toEqual(["VIP"]);
    // N2 buys something after the import: it is no longer only the import's.
    await addOrder(t, n2!.id, { orderedAt: new Date(), items: [{ productName: "手机壳", quantity: 1, unitPrice: "29.00" }] });

    const report = await undo(id);
    expect(report).toEqual({ removed: 1, keptActive: 1, restored: 1, keptEdited: 0, identitiesRemoved: 1, tagsRemoved: 1 });
    expect(await byExt("N1")).toBeNull();
    expect(await byExt("N2")).not.toBeNull();
    const back = await byExt("E0");
    expect(back!.city).toBeNull();
    expect(await tagsOf(existing.id)).toEqual([]);
    const ids = await withTenant(t.owner, (tx) => tx.customerIdentity.findMany({ where: { externalId: { in: ["wx_n1", "wx_e0"] } } }));
    expect(ids).toEqual([]);
    const audit = await withTenant(t.owner, (tx) => tx.auditLog.findFirst({ where: { action: "import.undo", entityId: id } }));
    expect(audit).not.toBeNull();
  });

  it("leaves a customer edited after the import as it is now", async () => {
    await createCustomer(t, { name: "二号老客", phone: "+8613800138111", externalId: "E1", city: null });
    const id = await importCsv("客户编号,姓名,手机,城市\nE1,二号老客,13800138111,成都\n", "second.csv");
    await withTenant(t.owner, (tx) => tx.customer.update({
      where: { tenantId_externalId: { tenantId: t.tenantId, externalId: "E1" } }, data: { city: "重庆", version: { increment: 1 } },
    }));
    const report = await undo(id);
    expect(report).toMatchObject({ restored: 0, keptEdited: 1, removed: 0 });
    expect((await byExt("E1"))!.city).toBe("重庆");
  });

  it("refuses a second undo, another tenant, and a user who may not run imports", async () => {
    const id = await importCsv("客户编号,姓名\nZ9,只一位\n", "third.csv");
    signInAs(other.owner);
    expect(await undoImportAction({ importId: id })).toMatchObject({ ok: false, code: "not_found" });
    const sales = await addMember(t, "sales_staff");
    signInAs(sales);
    expect(await undoImportAction({ importId: id })).toMatchObject({ ok: false, code: "forbidden" });
    expect((await byExt("Z9"))).not.toBeNull();
    await undo(id);
    signInAs(t.owner);
    expect(await undoImportAction({ importId: id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await byExt("Z9")).toBeNull();
  });

  it("removes the orders, lines, products and customers an order-line import created, and nothing that was there before", async () => {
    const known = await createCustomer(t, { name: "老顾客", phone: "+8613900000001" });
    await withTenant(t.owner, (tx) => tx.product.create({ data: { tenantId: t.tenantId, sku: "SKU-OLD", name: "旧商品", price: "10" } }));
    const header = "订单编号,下单时间,付款时间,订单状态,渠道,买家会员名,收货人姓名,收货人手机,收货地址,商品编码,商品名称,品类,数量,单价,订单金额\n";
    const id = await importCsv(header
      + "U-1,2024-03-01 10:00,2024-03-01 10:05,已付款,天猫,tb_undo,新买家,13800000777,广东省深圳市南山区科技园1号,SKU-NEW1,新品一,配件,2,50,150\n"
      + "U-1,2024-03-01 10:00,2024-03-01 10:05,已付款,天猫,tb_undo,新买家,13800000777,广东省深圳市南山区科技园1号,SKU-NEW2,新品二,配件,1,50,150\n"
      + "U-2,2024-03-02 11:00,2024-03-02 11:05,已付款,京东,,老顾客,13900000001,北京市朝阳区建国路1号,SKU-OLD,旧商品,配件,1,10,10\n",
    "lines.csv", "fill_empty", "orderLines");
    const orders = () => withTenant(t.owner, (tx) => tx.order.count({ where: { orderNo: { in: ["U-1", "U-2"] } } }));
    expect(await orders()).toBe(2);
    const report = await undo(id);
    expect(report.orders).toEqual({ ordersRemoved: 2, itemsRemoved: 3, productsRemoved: 2, ordersKept: 0, productsKept: 0 });
    expect(report.removed).toBe(1);
    expect(await orders()).toBe(0);
    const skus = await withTenant(t.owner, (tx) => tx.product.findMany({ where: { sku: { in: ["SKU-OLD", "SKU-NEW1", "SKU-NEW2"] } } }));
    expect(skus.map((p) => p.sku)).toEqual(["SKU-OLD"]);
    expect(await withTenant(t.owner, (tx) => tx.customer.findFirst({ where: { id: known.id } }))).not.toBeNull();
    expect(await withTenant(t.owner, (tx) => tx.customer.count({ where: { phone: "+8613800000777" } }))).toBe(0);
  });
});
