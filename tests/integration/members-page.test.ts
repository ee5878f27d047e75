// The members page's data and tier management: tiers with member counts and the
// members list inside the caller's member:read scope, search and tier filter; tier
// create/edit (member:manage) validated and audited; the member page answers 404
// for tenant B and for a member outside the scope.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { createMember, createTier } from "@/tests/factories/members";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { membersOverview, memberDetail } from "@/lib/members/queries";
import { parseMemberFilters } from "@/lib/members/schemas";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { createTierAction, updateTierAction } = await import("@/app/(app)/members/actions");
const memberPage = (await import("@/app/(app)/members/[id]/page")).default;
const listPage = (await import("@/app/(app)/members/page")).default;

type Who = { tenantId: string; userId: string };
let a: TestTenant;
let b: TestTenant;
let sales: Who;
let salesCtx: AuthContext;
let ownerCtx: AuthContext;
let gold: { id: string };
let silver: { id: string };
let myMember: { id: string };
let theirMember: { id: string };
let untiered: { id: string };

function form(fields: Record<string, string | number>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, String(v));
  return f;
}
async function pageStatus(page: typeof memberPage, params: Record<string, string>, searchParams: Record<string, string> = {}) {
  const err = await Promise.resolve()
    .then(() => page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) }))
    .then(() => null, (x: unknown) => x);
  if (!err) return 200;
  const digest = String((err as { digest?: string }).digest);
  return /;404$/.test(digest) ? 404 : /;403$/.test(digest) ? 403 : digest;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("MembersA"), createTenant("MembersB")]);
  sales = await addMember(a, "sales_staff");
  const other = await addMember(a, "sales_staff");
  salesCtx = (await loadAuthContext(sales))!;
  ownerCtx = (await loadAuthContext(a.owner))!;
  silver = await createTier(a, { rank: 1, name: "银卡", threshold: "0" });
  gold = await createTier(a, { rank: 2, name: "金卡", threshold: "5000", benefits: "生日双倍积分" });
  const mine = await createCustomer(a, { name: "王小明", ownerUserId: sales.userId });
  const theirs = await createCustomer(a, { name: "李四", ownerUserId: other.userId });
  const mine2 = await createCustomer(a, { name: "王大明", ownerUserId: sales.userId });
  const gone = await createCustomer(a, { name: "王已删", ownerUserId: sales.userId, deletedAt: new Date() });
  myMember = await createMember(a, mine.id, { tierId: gold.id, opening: 300, memberNo: "VIP0001" });
  theirMember = await createMember(a, theirs.id, { tierId: gold.id, opening: 50, memberNo: "VIP0002" });
  untiered = await createMember(a, mine2.id, { memberNo: "N0003" });
  await createMember(a, gone.id, { tierId: silver.id, memberNo: "X0004" });
});

describe("members overview", () => {
  it("counts and lists only members of customers in the caller's scope (and never a deleted customer's)", async () => {
    const forSales = await membersOverview(salesCtx, parseMemberFilters({}));
    expect(forSales.rows.map((r) => r.memberNo).sort()).toEqual(["N0003", "VIP0001"]);
    expect(forSales.tiers.map((t) => [t.name, t.members])).toEqual([["银卡", 0], ["金卡", 1]]);
    expect(forSales.withoutTier).toBe(1);
    expect(forSales.total).toBe(2);
    const forOwner = await membersOverview(ownerCtx, parseMemberFilters({}));
    expect(forOwner.rows.map((r) => r.memberNo).sort()).toEqual(["N0003", "VIP0001", "VIP0002"]);
    expect(forOwner.tiers.find((t) => t.name === "金卡")).toMatchObject({ members: 2, threshold: "5000.00", benefits: "生日双倍积分" });
    expect(forOwner.rows.find((r) => r.memberNo === "VIP0001")).toMatchObject({ points: 300, tierName: "金卡", customerName: "王小明" });
  });

  it("searches by member number or name prefix and filters by tier (or no tier)", async () => {
    const nos = async (q: Record<string, string>) => (await membersOverview(ownerCtx, parseMemberFilters(q))).rows.map((r) => r.memberNo).sort();
    expect(await nos({ q: "VIP" })).toEqual(["VIP0001", "VIP0002"]);
    expect(await nos({ q: "vip0002" })).toEqual(["VIP0002"]);
    expect(await nos({ q: "王" })).toEqual(["N0003", "VIP0001"]);
    expect(await nos({ q: "%" })).toEqual([]);
    expect(await nos({ tier: gold.id })).toEqual(["VIP0001", "VIP0002"]);
    expect(await nos({ tier: "none" })).toEqual(["N0003"]);
    expect(await nos({ tier: "junk" })).toEqual(["N0003", "VIP0001", "VIP0002"]);
    const bCtx = (await loadAuthContext(b.owner))!;
    expect((await membersOverview(bCtx, parseMemberFilters({}))).rows).toEqual([]);
  });

  it("the member page: 200 in scope; 404 outside the scope, for tenant B and a malformed id", async () => {
    signInAs(sales);
    expect(await pageStatus(memberPage, { id: myMember.id })).toBe(200);
    expect(await pageStatus(memberPage, { id: theirMember.id })).toBe(404);
    expect(await pageStatus(memberPage, { id: "x" })).toBe(404);
    signInAs(b.owner);
    expect(await pageStatus(memberPage, { id: myMember.id })).toBe(404);
    expect(await memberDetail(salesCtx, untiered.id)).toMatchObject({ memberNo: "N0003", tierName: null, points: 0 });
    signInAs(sales);
    expect(await pageStatus(listPage, {})).toBe(200);
  });
});

describe("tier management", () => {
  it("creates and edits a tier with member:manage; both audited", async () => {
    signInAs(a.owner);
    const r = await createTierAction(form({ rank: 3, name: " 钻石卡 ", threshold: "¥20,000.00", benefits: "专属客服" }));
    expect(r).toMatchObject({ ok: true });
    const id = (r as { data: { id: string } }).data.id;
    const row = await withTenant(a.owner, (tx) => tx.memberTier.findFirstOrThrow({ where: { id } }));
    expect({ rank: row.rank, name: row.name, threshold: String(row.threshold), benefits: row.benefits }).toEqual({ rank: 3, name: "钻石卡", threshold: "20000", benefits: "专属客服" });
    expect(await updateTierAction(form({ id, rank: 4, name: "黑钻卡", threshold: "30000", benefits: "" }))).toMatchObject({ ok: true });
    const after = await withTenant(a.owner, (tx) => tx.memberTier.findFirstOrThrow({ where: { id } }));
    expect([after.rank, after.name, after.benefits]).toEqual([4, "黑钻卡", null]);
    const log = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { entityId: id }, orderBy: { createdAt: "asc" } }));
    expect(log.map((x) => x.action)).toEqual(["member_tier.create", "member_tier.update"]);
    expect(log[1]!.before).toMatchObject({ name: "钻石卡", rank: 3 });
  });

  it("refuses a taken rank by naming the tier, and bad values per field", async () => {
    signInAs(a.owner);
    expect(await createTierAction(form({ rank: 2, name: "重复", threshold: "0" })))
      .toMatchObject({ ok: false, code: "conflict", message: "Rank 2 is already used by the tier “金卡”. Choose another rank.", fieldErrors: { rank: "This rank is already used." } });
    expect(await updateTierAction(form({ id: silver.id, rank: 2, name: "银卡", threshold: "0" }))).toMatchObject({ ok: false, code: "conflict" });
    for (const [fields, field] of [
      [{ rank: 0, name: "x" }, "rank"], [{ rank: 9, name: "" }, "name"], [{ rank: 9, name: "x", threshold: "-5" }, "threshold"],
      [{ rank: 9, name: "x", threshold: "abc" }, "threshold"], [{ rank: 9, name: "x".repeat(41) }, "name"],
    ] as const) {
      const r = await createTierAction(form(fields));
      expect(r, JSON.stringify(fields)).toMatchObject({ ok: false, code: "validation" });
      expect((r as { fieldErrors: Record<string, string> }).fieldErrors).toHaveProperty(field);
    }
  });

  it("refuses sales staff (no member:manage) and tenant B's owner editing A's tier", async () => {
    signInAs(sales);
    expect(await createTierAction(form({ rank: 10, name: "偷偷建" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await updateTierAction(form({ id: gold.id, rank: 2, name: "改名" }))).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(b.owner);
    expect(await updateTierAction(form({ id: gold.id, rank: 2, name: "改名" }))).toMatchObject({ ok: false, code: "not_found" });
    const row = await withTenant(a.owner, (tx) => tx.memberTier.findFirstOrThrow({ where: { id: gold.id } }));
    expect(row.name).toBe("金卡");
  });
});
