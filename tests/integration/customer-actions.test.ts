// The 360 view's actions through the real server actions: tags (customer:update)
// and logged interactions (interaction:create). Each is scope-checked and audited;
// a customer outside the scope, another tenant's or a soft-deleted one reads as
// not found and nothing changes. Ends with the sales scenario.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer, createTag } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext } from "@/lib/auth/context";
import { listCustomers } from "@/lib/customers/queries";
import { parseListRequest } from "@/lib/customers/filters";
import { getCustomer360 } from "@/lib/customers/detail";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { addCustomerTagAction, removeCustomerTagAction, logInteractionAction } = await import("@/app/(app)/customers/[id]/actions");

let a: TestTenant;
let b: TestTenant;
let sales: { tenantId: string; userId: string };
let otherSales: { tenantId: string; userId: string };
let manager: { tenantId: string; userId: string };
let planner: { tenantId: string; userId: string };
let mine: string;
let theirs: string;
let deleted: string;
let ofTenantB: string;

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}
const tagsOf = (id: string) => withTenant(a.owner, async (tx) =>
  (await tx.customerTag.findMany({ where: { customerId: id }, include: { tag: true } })).map((t) => t.tag.name).sort());
const audits = (action: string, entityId?: string) => withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { action, ...(entityId ? { entityId } : {}) } }));
const interactionsOf = (id: string) => withTenant(a.owner, (tx) => tx.interaction.findMany({ where: { customerId: id } }));

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("CustActA"), createTenant("CustActB")]);
  sales = await addMember(a, "sales_staff");
  otherSales = await addMember(a, "sales_staff");
  manager = await addMember(a, "manager");
  planner = await addMember(a, "marketing_planner");
  mine = (await createCustomer(a, { name: "王小明", phone: "+8613800138000", ownerUserId: sales.userId })).id;
  theirs = (await createCustomer(a, { name: "李四", ownerUserId: otherSales.userId })).id;
  deleted = (await createCustomer(a, { name: "已删除", ownerUserId: sales.userId, deletedAt: new Date() })).id;
  ofTenantB = (await createCustomer(b, { name: "王小明" })).id;
});

describe("tags", () => {
  it("the owner adds a new tag and an existing one; each addition is audited once", async () => {
    signInAs(sales);
    await createTag(a, "老客户");
    expect(await addCustomerTagAction(form({ customerId: mine, tagName: "  回访客户 " }))).toMatchObject({ ok: true, data: { added: true } });
    expect(await addCustomerTagAction(form({ customerId: mine, tagName: "老客户" }))).toMatchObject({ ok: true, data: { added: true } });
    expect(await addCustomerTagAction(form({ customerId: mine, tagName: "回访客户" }))).toMatchObject({ ok: true, data: { added: false } });
    expect(await tagsOf(mine)).toEqual(["回访客户", "老客户"].sort());
    const log = await audits("customer.tag.add", mine);
    expect(log).toHaveLength(2);
    expect(log[0]!.actorUserId).toBe(sales.userId);
  });

  it("removes a tag, audited with what it was", async () => {
    signInAs(sales);
    const tag = await withTenant(a.owner, (tx) => tx.tag.findFirstOrThrow({ where: { name: "老客户" } }));
    expect(await removeCustomerTagAction({ customerId: mine, tagId: tag.id })).toMatchObject({ ok: true, data: { removed: true } });
    expect(await tagsOf(mine)).toEqual(["回访客户"]);
    const [entry] = await audits("customer.tag.remove", mine);
    expect(entry?.before).toMatchObject({ tagId: tag.id, tagName: "老客户" });
  });

  it("refuses a customer outside the scope, a deleted one and another tenant's as not found, changing nothing", async () => {
    signInAs(sales);
    for (const customerId of [theirs, deleted, ofTenantB]) {
      expect(await addCustomerTagAction(form({ customerId, tagName: "偷偷加" }))).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(await tagsOf(theirs)).toEqual([]);
    expect(await withTenant(a.owner, (tx) => tx.tag.count({ where: { name: "偷偷加" } }))).toBe(0);
    expect(await withTenant(b.owner, (tx) => tx.customerTag.count())).toBe(0);
  });

  it("refuses a role without customer:update, a blank or long name and a computed tag", async () => {
    signInAs(manager);
    expect(await addCustomerTagAction(form({ customerId: mine, tagName: "x" }))).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(sales);
    expect(await addCustomerTagAction(form({ customerId: mine, tagName: "  " }))).toMatchObject({ ok: false, code: "validation", fieldErrors: { tagName: expect.any(String) } });
    expect(await addCustomerTagAction(form({ customerId: mine, tagName: "长".repeat(31) }))).toMatchObject({ ok: false, code: "validation" });
    expect(await addCustomerTagAction(form({ customerId: "1 OR 1=1", tagName: "x" }))).toMatchObject({ ok: false, code: "validation" });
    await withTenant(a.owner, (tx) => tx.tag.create({ data: { tenantId: a.tenantId, name: "高价值", kind: "computed" } }));
    expect(await addCustomerTagAction(form({ customerId: mine, tagName: "高价值" }))).toMatchObject({ ok: false, code: "validation", fieldErrors: { tagName: expect.any(String) } });
    expect(await tagsOf(mine)).toEqual(["回访客户"]);
  });
});

describe("logging an interaction", () => {
  it("records it for the signed-in user, audited, at the time given in the tenant's zone", async () => {
    signInAs(sales);
    const res = await logInteractionAction(form({ customerId: mine, channel: "call", type: "follow_up", note: "确认新机使用情况", occurredAt: "2025-03-01T09:30" }));
    expect(res).toMatchObject({ ok: true });
    const [row] = await interactionsOf(mine);
    expect(row).toMatchObject({ channel: "call", type: "follow_up", note: "确认新机使用情况", userId: sales.userId });
    expect(row!.occurredAt.toISOString()).toBe("2025-03-01T01:30:00.000Z"); // 09:30 in Asia/Shanghai
    expect(await audits("interaction.create", row!.id)).toHaveLength(1);
  });

  it("refuses a future time, an unknown channel, a role without interaction:create and an out-of-scope customer", async () => {
    signInAs(sales);
    const before = (await interactionsOf(mine)).length;
    expect(await logInteractionAction(form({ customerId: mine, channel: "call", type: "care", occurredAt: "2999-01-01T00:00" })))
      .toMatchObject({ ok: false, code: "validation", fieldErrors: { occurredAt: expect.any(String) } });
    expect(await logInteractionAction(form({ customerId: mine, channel: "pigeon", type: "care" })))
      .toMatchObject({ ok: false, code: "validation", fieldErrors: { channel: expect.any(String) } });
    expect(await logInteractionAction(form({ customerId: theirs, channel: "call", type: "care" }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await logInteractionAction(form({ customerId: ofTenantB, channel: "call", type: "care" }))).toMatchObject({ ok: false, code: "not_found" });
    signInAs(planner);
    expect(await logInteractionAction(form({ customerId: mine, channel: "call", type: "care" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect((await interactionsOf(mine)).length).toBe(before);
    expect(await interactionsOf(theirs)).toEqual([]);
  });
});

describe("the sales scenario", () => {
  it("search by a phone typed with spaces and +86, open the 360 view, add a tag, log an interaction", async () => {
    const ctx = (await loadAuthContext(sales))!;
    const found = await listCustomers(ctx, parseListRequest({ q: "+86 138 0013 8000" }).request);
    expect(found.rows.map((r) => r.id)).toEqual([mine]);
    expect(found.rows[0]!.phone).toBe("+86 138****8000");

    const view = (await getCustomer360(ctx, mine))!;
    expect(view.may).toEqual({ editTags: true, logInteraction: true });
    signInAs(sales);
    expect(await addCustomerTagAction(form({ customerId: mine, tagName: "换机意向" }))).toMatchObject({ ok: true });
    expect(await logInteractionAction(form({ customerId: mine, channel: "visit", type: "store_visit", note: "到店试用新机" }))).toMatchObject({ ok: true });

    const after = (await getCustomer360(ctx, mine))!;
    expect(after.tags.map((t) => t.name)).toContain("换机意向");
    expect(after.timeline[0]).toMatchObject({ kind: "interaction", channel: "visit", type: "store_visit", note: "到店试用新机" });
    const byTag = await listCustomers(ctx, parseListRequest({ tagId: after.tags.find((t) => t.name === "换机意向")!.id }).request);
    expect(byTag.rows.map((r) => r.id)).toEqual([mine]);
  });
});
