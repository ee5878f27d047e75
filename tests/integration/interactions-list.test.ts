// The interactions list: only interactions of customers in the caller's
// interaction:read scope (sales staff: their own customers; none of tenant B's),
// filtered by channel, kind, calendar days in the tenant's time zone and customer name.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addInteraction, createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { listInteractions } from "@/lib/interactions/queries";
import { parseInteractionFilters } from "@/lib/interactions/filters";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

const listPage = (await import("@/app/(app)/interactions/page")).default;

let a: TestTenant;
let b: TestTenant;
let salesCtx: AuthContext;
let ownerCtx: AuthContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("InterA"), createTenant("InterB")]);
  await withTenant(a.owner, (tx) => tx.tenant.update({ where: { id: a.tenantId }, data: { timezone: "Asia/Shanghai" } }));
  const sales = await addMember(a, "sales_staff");
  const other = await addMember(a, "sales_staff");
  salesCtx = (await loadAuthContext(sales))!;
  ownerCtx = (await loadAuthContext(a.owner))!;
  const mine = await createCustomer(a, { name: "王小明", ownerUserId: sales.userId });
  const theirs = await createCustomer(a, { name: "李四", ownerUserId: other.userId });
  const ofB = await createCustomer(b, { name: "王小明" });
  // 2026-03-01 23:30 in Shanghai is 15:30 UTC the same day; 2026-03-02 00:30 Shanghai is 16:30 UTC on 03-01.
  ids.call = (await addInteraction(a, mine.id, { channel: "call", type: "follow_up", occurredAt: new Date("2026-03-01T15:30:00Z"), note: "回访" })).id;
  ids.visit = (await addInteraction(a, mine.id, { channel: "visit", type: "store_visit", occurredAt: new Date("2026-03-01T16:30:00Z") })).id;
  ids.theirs = (await addInteraction(a, theirs.id, { channel: "wechat", type: "care", occurredAt: new Date("2026-03-05T02:00:00Z") })).id;
  ids.b = (await addInteraction(b, ofB.id, { channel: "call", type: "follow_up", occurredAt: new Date("2026-03-01T02:00:00Z") })).id;
});

const list = async (ctx: AuthContext, q: Record<string, string> = {}) => (await listInteractions(ctx, parseInteractionFilters(q).filters)).rows.map((r) => r.id);

describe("interactions list", () => {
  it("sales staff see only their customers' interactions; the owner sees the tenant's; never tenant B's", async () => {
    expect(await list(salesCtx)).toEqual([ids.visit, ids.call]);
    expect(await list(ownerCtx)).toEqual([ids.theirs, ids.visit, ids.call]);
    expect(await list((await loadAuthContext(b.owner))!)).toEqual([ids.b]);
  });

  it("filters by channel, kind, customer name and calendar days in the tenant's time zone", async () => {
    expect(await list(ownerCtx, { channel: "visit" })).toEqual([ids.visit]);
    expect(await list(ownerCtx, { type: "care" })).toEqual([ids.theirs]);
    expect(await list(ownerCtx, { customer: "李" })).toEqual([ids.theirs]);
    expect(await list(ownerCtx, { from: "2026-03-01", to: "2026-03-01" })).toEqual([ids.call]);
    expect(await list(ownerCtx, { from: "2026-03-02", to: "2026-03-02" })).toEqual([ids.visit]);
    expect(await list(ownerCtx, { from: "2026-03-02" })).toEqual([ids.theirs, ids.visit]);
  });

  it("names the filters it could not understand and ignores them", () => {
    const { filters, invalid } = parseInteractionFilters({ channel: "fax", from: "2026-13-01", to: "2026-01-01", type: "DROP TABLE" });
    expect(invalid).toEqual(["channel", "type", "from"]);
    expect(filters).toMatchObject({ channel: null, type: null, from: null, to: "2026-01-01" });
    expect(parseInteractionFilters({ from: "2026-03-05", to: "2026-03-01" }).invalid).toEqual(["to"]);
  });

  it("the page renders for sales staff and is refused without interaction:read", async () => {
    const render = () => listPage({ params: Promise.resolve({}), searchParams: Promise.resolve({}) });
    signInAs({ tenantId: salesCtx.tenantId, userId: salesCtx.userId });
    await expect(render()).resolves.toBeTruthy();
    const noRole = await addMember(a, "marketing_planner");
    await withTenant(a.owner, (tx) => tx.userRole.deleteMany({ where: { userId: noRole.userId } }));
    signInAs(noRole);
    const err = await render().then(() => null, (x: unknown) => x);
    expect(String((err as { digest?: string }).digest)).toMatch(/;403$/);
  });
});
