// The member, interaction and big-screen dashboards and the customer dashboard's
// score distributions follow the viewer's dashboard:read scope exactly like the
// first four: a store manager (department scope) counts only their store's
// customers and orders, a region manager (department tree) the region's, the owner
// everything, another tenant nothing of it. The figures themselves are checked
// against a hand-made chain whose answers are known.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { refreshRollups } from "@/lib/rollups/refresh";
import { membersDashboard } from "@/lib/dashboard/members";
import { interactionsDashboard } from "@/lib/dashboard/interactions";
import { bigScreenDashboard } from "@/lib/dashboard/big-screen";
import { customersDashboard } from "@/lib/dashboard/customers";
import { NOBODY } from "@/lib/rollups/dimensions";
import { cohortRetention } from "@/lib/analytics/cohorts/retention";
import { addDepartment, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants, createCustomer } from "@/tests/factories/customers";

const RANGE = { from: "2026-06-01", to: "2026-06-30" };
const at = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+08:00`);

let a: TestTenant;
let b: TestTenant;
const viewers: Record<string, AuthContext> = {};
const tiers: Record<string, string> = {};

async function ctxOf(who: { tenantId: string; userId: string }): Promise<AuthContext> {
  const ctx = await loadAuthContext(who);
  if (!ctx) throw new Error("no context");
  return ctx;
}

async function refresh(t: TestTenant) {
  await withTenant(t.owner, (tx) => refreshRollups(tx, t.tenantId), { timeoutMs: 60_000 });
}

type Person = { storeId: string | null; departmentId: string | null; member?: { tier: string; joined: string; points: [string, number][] };
  orders?: [string, number][]; interactions?: [string, string, number][]; coupons?: { used: boolean }[]; segment?: string; rfm?: [number, number, number] };

/** A customer of a store's department with their orders (paid, at that store), membership, interactions, coupons and score. */
async function person(t: TestTenant, p: Person) {
  const c = await createCustomer(t, { name: `p-${randomUUID().slice(0, 6)}`, province: "广东省", city: "广州市", departmentId: p.departmentId });
  await withTenant(t.owner, async (tx) => {
    for (const [day, amount] of p.orders ?? []) {
      await tx.order.create({ data: {
        tenantId: t.tenantId, orderNo: `O-${randomUUID().slice(0, 10)}`, customerId: c.id, channel: p.storeId ? "store" : "tmall", storeId: p.storeId,
        status: "paid", orderedAt: at(day), paidAt: at(day), amount: amount.toFixed(2), paidAmount: amount.toFixed(2),
      } });
    }
    if (p.member) {
      const m = await tx.member.create({ data: { tenantId: t.tenantId, customerId: c.id, memberNo: `M-${randomUUID().slice(0, 8)}`, tierId: tiers[p.member.tier]!, joinedAt: at(p.member.joined, 8) } });
      let balance = 0;
      for (const [day, delta] of p.member.points) {
        balance += delta;
        await tx.pointsLedger.create({ data: { tenantId: t.tenantId, memberId: m.id, delta, balanceAfter: balance, reason: delta > 0 ? "order" : "redeem", createdAt: at(day) } });
      }
      await tx.member.update({ where: { tenantId_id: { tenantId: t.tenantId, id: m.id } }, data: { pointsBalance: balance } });
      if (p.member.tier !== "silver") {
        await tx.tierChange.create({ data: { tenantId: t.tenantId, memberId: m.id, fromTierId: tiers.silver!, toTierId: tiers[p.member.tier]!, changedAt: at("2026-06-20") } });
      }
    }
    for (const [day, channel, points] of p.interactions ?? []) {
      await tx.interaction.create({ data: { tenantId: t.tenantId, customerId: c.id, channel, type: "contact", pointsEarned: points, occurredAt: at(day, 9) } });
    }
    for (const cp of p.coupons ?? []) {
      await tx.coupon.create({ data: { tenantId: t.tenantId, code: `CP-${randomUUID().slice(0, 10)}`, customerId: c.id, value: "20.00", issuedAt: at("2026-06-02"), usedAt: cp.used ? at("2026-06-05") : null } });
    }
    if (p.segment) {
      const [r, f, m] = p.rfm ?? [3, 3, 3];
      await tx.customerScore.create({ data: { tenantId: t.tenantId, customerId: c.id, asOf: new Date("2026-06-30T00:00:00Z"), frequency: 1, monetary: "1.00", rScore: r, fScore: f, mScore: m, rfmSegment: p.segment, churnRisk: "low" } });
    }
  });
  return c.id;
}

beforeAll(async () => {
  a = await createTenant("Dash more A");
  const south = await addDepartment(a, "华南大区", null, "region");
  const gzDept = await addDepartment(a, "广州店", south.id, "store");
  const szDept = await addDepartment(a, "深圳店", south.id, "store");
  const north = await addDepartment(a, "华北大区", null, "region");
  const bjDept = await addDepartment(a, "北京店", north.id, "store");
  const stores: Record<string, string> = {};
  await withTenant(a.owner, async (tx) => {
    const mk = async (code: string, departmentId: string, city: string) =>
      (await tx.store.create({ data: { tenantId: a.tenantId, code, name: `${city}店`, kind: "store", departmentId, province: "广东省", city } })).id;
    stores.gz = await mk("GZ", gzDept.id, "广州市");
    stores.sz = await mk("SZ", szDept.id, "深圳市");
    stores.bj = await mk("BJ", bjDept.id, "北京市");
    for (const [rank, name] of [[1, "silver"], [2, "gold"], [3, "platinum"]] as const) {
      tiers[name] = (await tx.memberTier.create({ data: { tenantId: a.tenantId, rank, name } })).id;
    }
  });
  // Guangzhou: a gold member (upgraded from silver on 06-20) who interacted by wechat on 06-10 and bought on 06-12
  // (converted within 7 days), and a non-member who bought twice.
  const gzMember = await person(a, { storeId: stores.gz!, departmentId: gzDept.id,
    member: { tier: "gold", joined: "2026-05-01", points: [["2026-05-10", 100], ["2026-06-12", 50], ["2026-06-15", -30]] },
    orders: [["2026-06-12", 300], ["2026-08-20", 50]], interactions: [["2026-06-10", "wechat", 5]], coupons: [{ used: true }, { used: false }],
    segment: "champions", rfm: [5, 4, 5] });
  const gzOther = await person(a, { storeId: stores.gz!, departmentId: gzDept.id, orders: [["2026-06-03", 100], ["2026-06-04", 100]],
    interactions: [["2026-06-20", "sms", 0]], segment: "at_risk", rfm: [1, 2, 3] });
  // Shenzhen: a silver member, an interaction that converts only within 30 days (order 20 days later).
  await person(a, { storeId: stores.sz!, departmentId: szDept.id,
    member: { tier: "silver", joined: "2026-06-01", points: [["2026-06-08", 40]] },
    orders: [["2026-06-28", 200]], interactions: [["2026-06-08", "call", 2]], segment: "champions", rfm: [4, 4, 4] });
  // Beijing: a platinum member, referred by the Guangzhou member on 06-05, who then bought for 800.
  const bjMember = await person(a, { storeId: stores.bj!, departmentId: bjDept.id,
    member: { tier: "platinum", joined: "2026-06-05", points: [["2026-06-06", 80]] },
    orders: [["2026-06-06", 800]], interactions: [["2026-06-06", "visit", 10], ["2026-06-07", "visit", 0]], segment: "loyal", rfm: [5, 5, 5] });
  await withTenant(a.owner, (tx) => tx.referral.create({ data: { tenantId: a.tenantId, referrerCustomerId: gzMember, referredCustomerId: bjMember, referredAt: at("2026-06-05", 7), rewardPoints: 50 } }));
  expect(gzOther).toBeTruthy();
  // The scores above are the 06-30 run's, which succeeded (the rollup reads only a successful run).
  await withTenant(a.owner, (tx) => tx.scoringRun.create({ data: { tenantId: a.tenantId, asOf: new Date("2026-06-30T00:00:00Z"), status: "succeeded" } }));
  await refresh(a);

  viewers.owner = await ctxOf(a.owner);
  viewers.gzManager = await ctxOf(await addMemberWithGrants(a, [["dashboard:read", "department"]], { departmentId: gzDept.id }));
  viewers.southManager = await ctxOf(await addMemberWithGrants(a, [["dashboard:read", "department_tree"]], { departmentId: south.id }));
  viewers.ownOnly = await ctxOf(await addMemberWithGrants(a, [["dashboard:read", "own"]], { departmentId: gzDept.id }));

  b = await createTenant("Dash more B");
  await withTenant(b.owner, async (tx) => {
    tiers.bGold = (await tx.memberTier.create({ data: { tenantId: b.tenantId, rank: 1, name: "B gold" } })).id;
  });
  const bc = await createCustomer(b, { name: "b-1" });
  await withTenant(b.owner, async (tx) => {
    await tx.member.create({ data: { tenantId: b.tenantId, customerId: bc.id, memberNo: "BM-1", tierId: tiers.bGold!, joinedAt: at("2026-01-01"), pointsBalance: 9999 } });
    await tx.interaction.create({ data: { tenantId: b.tenantId, customerId: bc.id, channel: "sms", type: "contact", pointsEarned: 999, occurredAt: at("2026-06-10") } });
  });
  await refresh(b);
  viewers.otherTenant = await ctxOf(b.owner);
});

const members = async (who: string, params: Record<string, string> = {}) => (await membersDashboard(viewers[who]!, { ...RANGE, ...params })).data!;
const interactions = async (who: string, params: Record<string, string> = {}) => (await interactionsDashboard(viewers[who]!, { ...RANGE, ...params })).data!;

describe("member dashboard", () => {
  it("counts members, share, tiers and points balance within the viewer's customers", async () => {
    const o = await members("owner");
    expect(o.totals).toEqual({ customers: 4, members: 3, memberShare: 0.75, pointsBalance: 120 + 40 + 80 });
    expect(o.tiers.map((r) => [r.name, r.members])).toEqual([["silver", 1], ["gold", 1], ["platinum", 1]]);
    const gz = await members("gzManager");
    expect(gz.totals).toEqual({ customers: 2, members: 1, memberShare: 0.5, pointsBalance: 120 });
    expect(gz.tiers.map((r) => r.name)).toEqual(["gold"]);
    const south = await members("southManager");
    expect(south.totals).toMatchObject({ customers: 3, members: 2 });
    expect((await members("ownOnly")).totals).toMatchObject({ customers: 0, members: 0, memberShare: null });
    const other = await members("otherTenant");
    expect(other.totals).toEqual({ customers: 1, members: 1, memberShare: 1, pointsBalance: 9999 });
  });

  it("shows tier migration in the period, by tier, within scope", async () => {
    const o = await members("owner");
    expect(o.migration.map((m) => [o.tierNames[m.fromTierId], o.tierNames[m.toTierId], m.changes]).sort()).toEqual([["silver", "gold", 1], ["silver", "platinum", 1]]);
    const gz = await members("gzManager");
    expect(gz.migration.map((m) => [gz.tierNames[m.fromTierId], gz.tierNames[m.toTierId], m.changes])).toEqual([["silver", "gold", 1]]);
    expect((await members("owner", { from: "2026-06-21", to: "2026-06-30" })).migration).toEqual([]);
    expect(o.migration.some((m) => m.fromTierId === NOBODY)).toBe(false);
  });

  it("compares members' purchases with non-members' (member at the time of the order), by the viewer's stores", async () => {
    const o = await members("owner");
    // Members: gz 300 (joined May), sz 200 (joined 06-01), bj 800 (joined 06-05 08:00, bought 06-06). Non-member: 2 × 100.
    expect(o.contribution.members).toMatchObject({ revenue: 1300, purchases: 3 });
    expect(o.contribution.others).toMatchObject({ revenue: 200, purchases: 2, averageOrderValue: 100, monthlyFrequency: 2 });
    expect(o.contribution.memberRevenueShare).toBeCloseTo(1300 / 1500);
    const gz = await members("gzManager");
    expect(gz.contribution.members.revenue).toBe(300);
    expect(gz.contribution.others.revenue).toBe(200);
    expect((await members("ownOnly")).contribution.members.revenue).toBe(0);
    // A store filter outside the scope never widens it.
    expect((await members("gzManager", { storeId: (await withTenant(a.owner, (tx) => tx.store.findFirst({ where: { code: "BJ" } })))!.id })).contribution.members.revenue).toBe(0);
  });

  it("gives points earned, consumed and the outstanding balance over time", async () => {
    const o = await members("owner");
    expect(o.points.earned).toBe(50 + 40 + 80);
    expect(o.points.consumed).toBe(30);
    // 100 earned in May is the opening balance: 100 + 170 − 30.
    expect(o.points.outstanding).toBe(240);
    expect(o.points.trend.find((p) => p.bucket === "2026-06-12")).toMatchObject({ earned: 50, outstanding: 100 + 40 + 80 + 50 });
    const gz = await members("gzManager");
    expect([gz.points.earned, gz.points.consumed, gz.points.outstanding]).toEqual([50, 30, 120]);
  });

  it("counts coupon usage, or says there are none", async () => {
    expect((await members("owner")).coupons).toMatchObject({ issued: 2, used: 1, usedValue: 20, usageRate: 0.5 });
    expect((await members("gzManager")).coupons).toMatchObject({ issued: 2, used: 1 });
    expect((await members("otherTenant")).coupons).toBeNull();
    expect((await members("ownOnly")).coupons).toBeNull();
  });
});

describe("interaction dashboard", () => {
  it("counts interactions, points and conversion within the viewer's customers", async () => {
    const o = await interactions("owner");
    expect(o.totals.current).toEqual({ interactions: 5, points: 17, converted7: 2, converted30: 3, conversion7: 2 / 5, conversion30: 3 / 5 });
    expect(o.byChannel.map((c) => [c.channel, c.interactions, c.converted7, c.converted30])).toEqual([
      ["visit", 2, 1, 1], ["call", 1, 0, 1], ["sms", 1, 0, 0], ["wechat", 1, 1, 1],
    ]);
    const gz = await interactions("gzManager");
    expect(gz.totals.current).toMatchObject({ interactions: 2, points: 5, converted7: 1 });
    expect(gz.channels.sort()).toEqual(["sms", "wechat"]);
    expect((await interactions("southManager")).totals.current.interactions).toBe(3);
    expect((await interactions("ownOnly")).totals.current.interactions).toBe(0);
    expect((await interactions("otherTenant")).totals.current).toMatchObject({ interactions: 1, points: 999 });
  });

  it("counts interacting customers once per bucket across channels", async () => {
    const o = await interactions("owner", { grain: "month" });
    expect(o.trend).toEqual([expect.objectContaining({ bucket: "2026-06-01", customers: 4 })]);
    const daily = await interactions("owner");
    expect(daily.trend.find((p) => p.bucket === "2026-06-06")).toMatchObject({ customers: 1 });
    expect((await interactions("gzManager", { grain: "month" })).trend[0]).toMatchObject({ customers: 2 });
  });

  it("shows the referral effect by the referred customer's scope", async () => {
    const o = await interactions("owner");
    expect(o.referrals.totals).toEqual({ referrals: 1, referredBuyers: 1, referredPurchases: 1, referredRevenue: 800, rewardPoints: 50, buyerRate: 1 });
    expect((await interactions("gzManager")).referrals.totals.referrals).toBe(0);
    expect((await interactions("otherTenant")).referrals.totals.referrals).toBe(0);
  });
});

describe("customer dashboard: score distributions and the segment filter", () => {
  it("gives activity, loyalty and spending power in scope, narrowed by segment", async () => {
    const o = (await customersDashboard(viewers.owner!, {})).data!.scores!;
    expect(o.activity).toEqual([{ bucket: "1", customers: 1 }, { bucket: "4", customers: 1 }, { bucket: "5", customers: 2 }]);
    const champions = (await customersDashboard(viewers.owner!, { segment: "champions" })).data!.scores!;
    expect(champions.activity).toEqual([{ bucket: "4", customers: 1 }, { bucket: "5", customers: 1 }]);
    expect(champions.churnRisk).toEqual([{ bucket: "low", customers: 2 }]);
    expect(champions.rfmSegments.map((s) => s.bucket)).toEqual(["champions", "loyal", "at_risk"]); // the segments' own chart is not narrowed
    const gz = (await customersDashboard(viewers.gzManager!, { segment: "champions" })).data!.scores!;
    expect(gz.spending).toEqual([{ bucket: "5", customers: 1 }]);
    const bad = await customersDashboard(viewers.owner!, { segment: "bogus" });
    expect(bad.base.invalid).toContain("segment");
    expect(bad.base.filters.segment).toBeNull();
  });
});

describe("customer dashboard: cohort retention", () => {
  it("reads the rollup and agrees with lib/analytics/cohorts/retention, in scope", async () => {
    for (const who of ["owner", "gzManager", "southManager", "ownOnly", "otherTenant"]) {
      const r = await customersDashboard(viewers[who]!, {});
      const theirs = await withTenant(viewers[who]!, (tx) => cohortRetention(tx, { scope: r.base.scope.customers, timeZone: r.base.timeZone, months: 12, horizon: 12 }));
      expect(r.data!.cohorts.rows, who).toEqual(theirs.rows.map((x) => ({ cohort: x.cohort, size: x.size, retained: x.retained, rates: x.rates })));
    }
    const gz = (await customersDashboard(viewers.gzManager!, {})).data!.cohorts.rows;
    const june = gz.find((x) => x.cohort === "2026-06")!;
    expect(june.size).toBe(2);
    // June: both; July: none; August: the member again; then nothing — and months yet to come are null, not 0.
    expect(june.retained.slice(0, 3)).toEqual([2, 0, 1]);
    const now = new Date();
    const monthsSinceJune = (now.getUTCFullYear() - 2026) * 12 + now.getUTCMonth() - 5;
    june.retained.slice(3).forEach((v, i) => expect(v).toBe(i + 3 > monthsSinceJune ? null : 0));
  });
});

describe("big screen", () => {
  it("shows the same scoped figures as the dashboards", async () => {
    const gz = (await bigScreenDashboard(viewers.gzManager!, RANGE)).data!;
    expect(gz.sales.totals.current.revenue).toBe(500);
    expect(gz.members).toMatchObject({ customers: 2, members: 1 });
    expect(gz.interactions.interactions).toBe(2);
    expect(gz.byProvince.reduce((s, r) => s + r.customers, 0)).toBe(2);
    const o = (await bigScreenDashboard(viewers.owner!, RANGE)).data!;
    expect(o.sales.totals.current.revenue).toBe(1500);
    expect((await bigScreenDashboard(viewers.otherTenant!, RANGE)).data!.members.pointsBalance).toBe(9999);
  });

  it("refuses a viewer without dashboard:read, and says 'not computed' before the first refresh", async () => {
    const member = await addMemberWithGrants(a, [["customer:read", "all"]]);
    for (const load of [membersDashboard, interactionsDashboard, bigScreenDashboard]) {
      await expect(load(await ctxOf(member), {})).rejects.toMatchObject({ code: "forbidden" });
    }
    const fresh = await createTenant("Dash more new");
    const ctx = await ctxOf(fresh.owner);
    for (const load of [membersDashboard, interactionsDashboard, bigScreenDashboard]) {
      const r = await load(ctx, {});
      expect(r.base.status).toEqual({ computed: false });
      expect(r.data).toBeNull();
    }
  });
});

describe("the member and interaction rollups", () => {
  it("are idempotent: a full and a partial refresh give the same rows", async () => {
    const tables: [string, string][] = [
      ["rollup_member_tiers", "tier_id, department_id, owner_user_id"],
      ["rollup_tier_changes_daily", "day, from_tier_id, to_tier_id, department_id, owner_user_id"],
      ["rollup_points_daily", "day, department_id, owner_user_id"],
      ["rollup_member_sales", "grain, period, store_id, channel, member"],
      ["rollup_coupons_daily", "day, department_id, owner_user_id"],
      ["rollup_interactions_daily", "day, channel, department_id, owner_user_id"],
      ["rollup_interaction_customers", "grain, period, channel, department_id, owner_user_id"],
      ["rollup_referrals_daily", "day, department_id, owner_user_id"],
    ];
    const snapshot = () => withTenant(a.owner, async (tx) => {
      const out: Record<string, unknown> = {};
      for (const [table, order] of tables) out[table] = await tx.$queryRawUnsafe(`SELECT * FROM ${table} ORDER BY ${order}`);
      return out;
    });
    const before = await snapshot();
    expect((before.rollup_interactions_daily as unknown[]).length).toBeGreaterThan(0);
    await refresh(a);
    expect(await snapshot()).toEqual(before);
    // From mid-June: interactions are rebuilt from 30 days earlier, months and weeks whole.
    await withTenant(a.owner, (tx) => refreshRollups(tx, a.tenantId, { fromDay: "2026-06-15" }), { timeoutMs: 60_000 });
    expect(await snapshot()).toEqual(before);
  });
});
