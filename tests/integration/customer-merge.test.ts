// Merging two customers through the real server action, against a migrated
// Postgres with RLS: every kind of row that hangs off the merged-away customer
// moves to the survivor (counted table by table, before and after), channel ids,
// tags, segments and campaign targets are deduplicated, no self-referral appears,
// the points balance is the sum of both ledgers, empty fields are filled, the other
// is soft-deleted with a pointer to the survivor, and all of it is audited. Merging
// a customer with itself, a deleted one, another tenant's or one outside the scope
// is refused with nothing changed.
import { beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addDepartment, addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import {
  addCampaignTarget, addCampaignTouch, addCareTask, addCoupon, addIdentity, addInteraction, addMemberOnTier, addOrder, addReferral,
  addScore, addSegmentMember, addTicket, createCampaign, createCustomer, createSegment, createStore, createTag, tagCustomer,
} from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext } from "@/lib/auth/context";
import { listCustomers } from "@/lib/customers/queries";
import { parseListRequest } from "@/lib/customers/filters";
import { getCustomer360 } from "@/lib/customers/detail";
import { MERGE_POLICY, previewMerge } from "@/lib/customers/merge";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { mergeCustomersAction, restoreCustomerAction } = await import("@/app/(app)/customers/actions");

type Who = { tenantId: string; userId: string };
let a: TestTenant;
let b: TestTenant;
let admin: Who;
let sales: Who;
let otherSales: Who;
let manager: Who;

const day = (iso: string) => new Date(`${iso}T04:00:00Z`);

/** Rows per table that belong to a customer (members' ledger and tier history through the member). */
async function countsOf(customerId: string, tenant = a): Promise<Record<string, number>> {
  return withTenant(tenant.owner, async (tx) => {
    const [r] = await tx.$queryRaw<Record<string, number>[]>`
      SELECT
        (SELECT count(*) FROM orders WHERE customer_id = ${customerId}::uuid)::int AS orders,
        (SELECT count(*) FROM customer_identities WHERE customer_id = ${customerId}::uuid)::int AS identities,
        (SELECT count(*) FROM customer_tags WHERE customer_id = ${customerId}::uuid)::int AS tags,
        (SELECT count(*) FROM members WHERE customer_id = ${customerId}::uuid)::int AS members,
        (SELECT count(*) FROM points_ledger p JOIN members m ON m.tenant_id = p.tenant_id AND m.id = p.member_id WHERE m.customer_id = ${customerId}::uuid)::int AS ledger,
        (SELECT count(*) FROM tier_changes p JOIN members m ON m.tenant_id = p.tenant_id AND m.id = p.member_id WHERE m.customer_id = ${customerId}::uuid)::int AS tier_changes,
        (SELECT count(*) FROM coupons WHERE customer_id = ${customerId}::uuid)::int AS coupons,
        (SELECT count(*) FROM interactions WHERE customer_id = ${customerId}::uuid)::int AS interactions,
        (SELECT count(*) FROM service_tickets WHERE customer_id = ${customerId}::uuid)::int AS tickets,
        (SELECT count(*) FROM referrals WHERE referrer_customer_id = ${customerId}::uuid)::int AS referrals_made,
        (SELECT count(*) FROM referrals WHERE referred_customer_id = ${customerId}::uuid)::int AS referred_by,
        (SELECT count(*) FROM care_tasks WHERE customer_id = ${customerId}::uuid)::int AS care_tasks,
        (SELECT count(*) FROM outbound_messages WHERE customer_id = ${customerId}::uuid)::int AS messages,
        (SELECT count(*) FROM campaign_targets WHERE customer_id = ${customerId}::uuid)::int AS targets,
        (SELECT count(*) FROM segment_members WHERE customer_id = ${customerId}::uuid)::int AS segments,
        (SELECT count(*) FROM customer_scores WHERE customer_id = ${customerId}::uuid)::int AS scores,
        (SELECT count(*) FROM customers WHERE merged_into_id = ${customerId}::uuid)::int AS merged_in`;
    return r!;
  });
}

/** A digest of every tenant-owned row of tenant A (as the superuser), to prove "nothing changed". */
async function digestOf(tenantId: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1");
    const out: Record<string, string> = {};
    for (const { table_name } of tables) {
      if (table_name === "audit_logs") continue;
      const t = pg.escapeIdentifier(table_name);
      const { rows } = await client.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x WHERE tenant_id = $1`, [tenantId]);
      out[table_name] = `${rows[0].n}:${rows[0].h}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

const versionOf = (id: string, tenant = a) => withTenant(tenant.owner, async (tx) => (await tx.customer.findFirstOrThrow({ where: { id } })).version);
const mergeInput = async (survivor: string, other: string) => ({
  customerId: survivor, otherCustomerId: other, customerVersion: await versionOf(survivor), otherVersion: await versionOf(other),
});

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("MergeA"), createTenant("MergeB")]);
  const south = await addDepartment(a, "华南大区", null, "region");
  admin = await addMember(a, "admin");
  sales = await addMember(a, "sales_staff", { departmentId: south.id });
  otherSales = await addMember(a, "sales_staff", { departmentId: south.id });
  manager = await addMember(a, "manager", { departmentId: south.id });
});

describe("merging two records of one person", () => {
  let s: string;
  let o: string;
  let before: { s: Record<string, number>; o: Record<string, number> };
  let pointsBefore: number;
  let referredBy: string;

  beforeAll(async () => {
    const store = await createStore(a, "广州天河店", null, "广州", "广东");
    s = (await createCustomer(a, {
      name: "王小明", phone: "+8613800138000", gender: "U", ownerUserId: sales.userId, createdAt: day("2024-05-01"),
      interests: ["摄影"], lastOrderAt: day("2025-01-10"), firstOrderAt: day("2024-06-01"),
    })).id;
    o = (await createCustomer(a, {
      name: "王晓明", phone: "+8613900139000", email: "wxm@example.com", externalId: "TM-8848", gender: "M", birthday: new Date("1992-03-04T00:00:00Z"),
      city: "广州", province: "广东", homeStoreId: store.id, ownerUserId: otherSales.userId, createdAt: day("2023-11-11"),
      interests: ["游戏", "摄影"], lastOrderAt: day("2025-03-03"), firstOrderAt: day("2023-12-12"),
    })).id;
    // Identities: different channel ids on each (a channel id is unique per tenant).
    await addIdentity(a, s, "wechat", "oWx-s-1");
    await addIdentity(a, o, "tmall", "wxm_tmall");
    await addIdentity(a, o, "store", "VIP-77");
    // Tags: one shared (deduplicated), one only on the other.
    const vip = await createTag(a, "VIP");
    const photo = await createTag(a, "摄影达人");
    await tagCustomer(a, s, vip.id);
    await tagCustomer(a, o, vip.id);
    await tagCustomer(a, o, photo.id);
    // Orders, coupons, interactions, tickets, care tasks, campaign messages.
    await addOrder(a, s, { orderedAt: day("2025-01-10"), items: [{ productName: "手机壳", quantity: 1, unitPrice: "59.00" }] });
    await addOrder(a, o, { orderedAt: day("2024-02-02"), items: [{ productName: "Mate 60", quantity: 1, unitPrice: "5999.00" }] });
    await addOrder(a, o, { orderedAt: day("2025-03-03"), items: [{ productName: "耳机", quantity: 2, unitPrice: "199.00" }] });
    await addCoupon(a, o);
    await addInteraction(a, o, { channel: "call", type: "follow_up", occurredAt: day("2025-02-01") });
    await addInteraction(a, s, { channel: "visit", type: "store_visit", occurredAt: day("2025-01-10") });
    await addTicket(a, o, { kind: "complaint", subject: "屏幕问题", openedAt: day("2025-03-05") });
    await addCareTask(a, o, otherSales.userId);
    await addCampaignTouch(a, o, { campaignName: "春季焕新", channel: "sms", sentAt: day("2025-03-01") });
    // Membership: the other has the higher tier, so its card is kept; points add up.
    const sm = await addMemberOnTier(a, s, { rank: 1, name: "普通会员" }, [
      { delta: 100, reason: "order", at: day("2024-06-01") }, { delta: -30, reason: "redeem", at: day("2024-09-01") },
    ]);
    const om = await addMemberOnTier(a, o, { rank: 3, name: "金卡会员" }, [
      { delta: 500, reason: "order", at: day("2024-02-02") }, { delta: 250, reason: "order", at: day("2025-03-03") },
    ]);
    pointsBefore = sm.balance + om.balance;
    // Referrals: the survivor referred the other (that would become a self-referral), the
    // other referred a friend, and someone referred the survivor.
    const friend = (await createCustomer(a, { name: "朋友" })).id;
    referredBy = (await createCustomer(a, { name: "老客户甲" })).id;
    await addReferral(a, s, o);
    await addReferral(a, o, friend);
    await addReferral(a, referredBy, s);
    // Campaigns: both targeted by one (survivor's arm stands), the other also by another.
    const c1 = await createCampaign(a, "会员日");
    const c2 = await createCampaign(a, "以旧换新");
    await addCampaignTarget(a, c1.id, s, "treatment");
    await addCampaignTarget(a, c1.id, o, "control");
    await addCampaignTarget(a, c2.id, o, "treatment");
    // Segments: both in one, the other also in another.
    const g1 = await createSegment(a, "高价值");
    const g2 = await createSegment(a, "换机意向");
    await addSegmentMember(a, g1.id, s);
    await addSegmentMember(a, g1.id, o);
    await addSegmentMember(a, g2.id, o);
    await addScore(a, o, { asOf: day("2025-03-31"), rfmSegment: "loyal", churnRisk: "low", pAlive: 0.9 });
    // A second day: customer_scores is keyed by day first, and the merge must find the other's rows on every day.
    await addScore(a, o, { asOf: day("2025-04-30"), rfmSegment: "loyal", churnRisk: "low", pAlive: 0.8 });
    await addScore(a, s, { asOf: day("2025-03-31"), rfmSegment: "promising", churnRisk: "medium", pAlive: 0.6 });
    // A record merged into the other earlier.
    await createCustomer(a, { name: "更早的重复", deletedAt: new Date() }).then((c) =>
      withTenant(a.owner, (tx) => tx.customer.update({ where: { tenantId_id: { tenantId: a.tenantId, id: c.id } }, data: { mergedIntoId: o } })));
    before = { s: await countsOf(s), o: await countsOf(o) };
  });

  it("previews exactly what will move, without changing anything", async () => {
    const digest = await digestOf(a.tenantId);
    const preview = await previewMerge((await loadAuthContext(admin))!, s, o);
    expect(preview.survivor.id).toBe(s);
    expect(preview.moves).toMatchObject({
      orders: { moved: 2, dropped: 0 }, customer_identities: { moved: 2, dropped: 0 }, customer_tags: { moved: 1, dropped: 1 },
      points_ledger: { moved: 2, dropped: 0 }, tier_changes: { moved: 1, dropped: 0 }, coupons: { moved: 1, dropped: 0 },
      interactions: { moved: 1, dropped: 0 }, service_tickets: { moved: 1, dropped: 0 }, referrals: { moved: 1, dropped: 1 },
      care_tasks: { moved: 1, dropped: 0 }, outbound_messages: { moved: 1, dropped: 0 }, campaign_targets: { moved: 1, dropped: 1 },
      segment_members: { moved: 1, dropped: 1 }, customer_scores: { moved: 0, dropped: 2 },
    });
    expect(preview.member).toMatchObject({ decision: "keep_other", survivor: { points: 70 }, other: { points: 750, tierName: "金卡会员" } });
    expect(preview.fills.map((f) => f.field)).toEqual(
      ["externalId", "email", "gender", "birthday", "province", "city", "interests", "homeStoreId", "createdAt", "firstOrderAt", "lastOrderAt"]);
    expect(await digestOf(a.tenantId)).toEqual(digest);
  });

  it("moves every kind of row to the survivor in one audited transaction", async () => {
    signInAs(admin);
    const res = await mergeCustomersAction(await mergeInput(s, o));
    expect(res).toMatchObject({ ok: true, data: { survivorId: s, mergedId: o, member: "keep_other", version: 2 } });
    const after = { s: await countsOf(s), o: await countsOf(o) };
    // Nothing is left on the merged-away record…
    expect(Object.entries(after.o).filter(([, n]) => n !== 0)).toEqual([]);
    // …and the survivor holds the union, duplicates counted once.
    expect(after.s).toEqual({
      orders: before.s.orders + before.o.orders,
      identities: before.s.identities + before.o.identities + 1, // + the closed card's number, kept searchable
      tags: 2, // VIP (both) + 摄影达人
      members: 1,
      ledger: before.s.ledger + before.o.ledger,
      tier_changes: before.s.tier_changes + before.o.tier_changes,
      coupons: before.s.coupons + before.o.coupons,
      interactions: before.s.interactions + before.o.interactions,
      tickets: before.s.tickets + before.o.tickets,
      referrals_made: 1, // o → friend moved; s → o dropped (it would be a self-referral)
      referred_by: 1, // the survivor's own referrer stands
      care_tasks: before.s.care_tasks + before.o.care_tasks,
      messages: before.s.messages + before.o.messages,
      targets: 2, // 会员日 once (the survivor's arm) + 以旧换新
      segments: 2,
      scores: before.s.scores, // the other's scores are deleted; the next run rescores the survivor
      merged_in: 2, // the other, and the record merged into it earlier
    });
    expect(before.o.referred_by).toBe(1);
    const self = await withTenant(a.owner, (tx) => tx.referral.count({ where: { referrerCustomerId: s, referredCustomerId: s } }));
    expect(self).toBe(0);
    const referral = await withTenant(a.owner, (tx) => tx.referral.findFirstOrThrow({ where: { referredCustomerId: s } }));
    expect(referral.referrerCustomerId).toBe(referredBy);
    // Segment sizes are recounted where a duplicate membership went away.
    const sizes = await withTenant(a.owner, (tx) => tx.segment.findMany({ orderBy: { name: "asc" }, select: { name: true, memberCount: true } }));
    expect(sizes).toEqual([{ name: "换机意向", memberCount: 1 }, { name: "高价值", memberCount: 1 }]);
    // The survivor's own arm stands in the campaign both were targeted by.
    const arms = await withTenant(a.owner, (tx) => tx.campaignTarget.findMany({ where: { customerId: s } }));
    expect(arms.map((t) => t.arm).sort()).toEqual(["treatment", "treatment"]);
  });

  it("keeps the higher tier's card with the sum of both ledgers, balance_after running over the merged ledger", async () => {
    await withTenant(a.owner, async (tx) => {
      const member = await tx.member.findFirstOrThrow({ where: { customerId: s } });
      const tier = await tx.memberTier.findFirstOrThrow({ where: { id: member.tierId! } });
      expect(tier.name).toBe("金卡会员");
      const ledger = await tx.pointsLedger.findMany({ where: { memberId: member.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      const sum = ledger.reduce((t, l) => t + l.delta, 0);
      expect(sum).toBe(pointsBefore);
      expect(member.pointsBalance).toBe(pointsBefore);
      let running = 0;
      for (const l of ledger) {
        running += l.delta;
        expect(l.balanceAfter).toBe(running);
      }
    });
    const view = (await getCustomer360((await loadAuthContext(admin))!, s))!;
    expect(view.membership).toMatchObject({ allowed: true, data: { pointsBalance: pointsBefore, tier: { name: "金卡会员" } } });
  });

  it("keeps the survivor's fields, fills its empty ones, and soft-deletes the other with a pointer", async () => {
    const [sv, ov] = await withTenant(a.owner, (tx) => Promise.all([
      tx.customer.findFirstOrThrow({ where: { id: s } }), tx.customer.findFirstOrThrow({ where: { id: o } }),
    ]));
    expect(sv).toMatchObject({
      name: "王小明", phone: "+8613800138000", email: "wxm@example.com", externalId: "TM-8848", gender: "M", city: "广州",
      ownerUserId: sales.userId, interests: ["摄影", "游戏"], deletedAt: null, mergedIntoId: null,
    });
    expect(sv.createdAt.toISOString()).toBe(day("2023-11-11").toISOString());
    expect(sv.lastOrderAt!.toISOString()).toBe(day("2025-03-03").toISOString());
    expect(ov).toMatchObject({ deletedAt: expect.any(Date), mergedIntoId: s, externalId: null, version: 2 });
    const ctx = (await loadAuthContext(admin))!;
    expect(await getCustomer360(ctx, o)).toBeNull();
    expect((await listCustomers(ctx, parseListRequest({ q: "王晓明" }).request)).rows).toEqual([]);
    // The other's channel ids and external id now find the survivor.
    expect((await listCustomers(ctx, parseListRequest({ q: "wxm_tmall" }).request)).rows.map((r) => r.id)).toEqual([s]);
    expect((await listCustomers(ctx, parseListRequest({ q: "TM-8848" }).request)).rows.map((r) => r.id)).toEqual([s]);
  });

  it("sends an old link to the merged-away record to the survivor, for those who may read it", async () => {
    const { default: DetailPage } = await import("@/app/(app)/customers/[id]/page");
    const open = (id: string) => Promise.resolve()
      .then(() => DetailPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }))
      .then(() => null, (x: unknown) => String((x as { digest?: string }).digest ?? x));
    signInAs(admin);
    expect(await open(o)).toMatch(new RegExp(`NEXT_REDIRECT;replace;/customers/${s}\\?mergedFrom=1;`));
    signInAs(b.owner);
    expect(await open(o)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
  });

  it("audits the merge with before and after, and the merged-away record with its pointer", async () => {
    const [merge] = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { action: "customer.merge", entityId: s } }));
    expect(merge).toMatchObject({
      actorUserId: admin.userId,
      before: { survivor: { id: s, email: null, version: 1 }, other: { id: o, email: "wxm@example.com", version: 1 } },
      after: { survivor: { id: s, email: "wxm@example.com", version: 2 }, mergedId: o, member: { decision: "keep_other", points: pointsBefore } },
    });
    const [away] = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { action: "customer.merged_away", entityId: o } }));
    expect(away).toMatchObject({ before: { mergedIntoId: null }, after: { mergedIntoId: s } });
  });
});

describe("merges that must not happen", () => {
  let x: string;
  let y: string;
  let gone: string;
  let theirs: string;
  let ofTenantB: string;
  let r1: string;

  beforeAll(async () => {
    x = (await createCustomer(a, { name: "甲一", phone: "+8613711111111", ownerUserId: sales.userId })).id;
    y = (await createCustomer(a, { name: "甲二", phone: "+8613711111111", ownerUserId: sales.userId })).id;
    await addOrder(a, y, { orderedAt: day("2025-01-01") });
    // Both were referred, by different people: a customer is referred once, the survivor's stands.
    r1 = (await createCustomer(a, { name: "推荐人一" })).id;
    await addReferral(a, r1, x);
    await addReferral(a, (await createCustomer(a, { name: "推荐人二" })).id, y);
    gone = (await createCustomer(a, { name: "已删", ownerUserId: sales.userId, deletedAt: new Date() })).id;
    theirs = (await createCustomer(a, { name: "同事的", ownerUserId: otherSales.userId })).id;
    ofTenantB = (await createCustomer(b, { name: "乙方" })).id;
  });

  it("refuses self, deleted, out-of-scope and other-tenant merges with a clear message, changing nothing", async () => {
    const digestA = await digestOf(a.tenantId);
    const digestB = await digestOf(b.tenantId);
    signInAs(sales);
    const self = await mergeCustomersAction({ customerId: x, otherCustomerId: x, customerVersion: 1, otherVersion: 1 });
    expect(self).toMatchObject({ ok: false, code: "validation", message: "A customer cannot be merged with itself: choose a different customer." });
    for (const other of [gone, theirs, ofTenantB]) {
      for (const [s, o] of [[x, other], [other, x]] as const) {
        const res = await mergeCustomersAction({ customerId: s, otherCustomerId: o, customerVersion: 1, otherVersion: 1 });
        expect(res, `${s} ← ${o}`).toMatchObject({ ok: false, code: "not_found" });
        expect((res as { message: string }).message).toContain("Nothing was merged");
      }
    }
    signInAs(b.owner);
    expect(await mergeCustomersAction({ customerId: ofTenantB, otherCustomerId: x, customerVersion: 1, otherVersion: 1 }))
      .toMatchObject({ ok: false, code: "not_found" });
    expect(await digestOf(a.tenantId)).toEqual(digestA);
    expect(await digestOf(b.tenantId)).toEqual(digestB);
  });

  it("refuses a merge whose preview is stale, and roles without customer:update", async () => {
    const digest = await digestOf(a.tenantId);
    signInAs(sales);
    expect(await mergeCustomersAction({ customerId: x, otherCustomerId: y, customerVersion: 1, otherVersion: 5 }))
      .toMatchObject({ ok: false, code: "conflict" });
    signInAs(manager);
    expect(await mergeCustomersAction({ customerId: x, otherCustomerId: y, customerVersion: 1, otherVersion: 1 }))
      .toMatchObject({ ok: false, code: "forbidden" });
    expect(await digestOf(a.tenantId)).toEqual(digest);
  });

  it("lets a sales user merge two of their own customers", async () => {
    signInAs(sales);
    expect(await mergeCustomersAction(await mergeInput(x, y))).toMatchObject({ ok: true, data: { survivorId: x } });
    expect(await countsOf(x)).toMatchObject({ orders: 1, referred_by: 1 });
    expect((await withTenant(a.owner, (tx) => tx.referral.findFirstOrThrow({ where: { referredCustomerId: x } }))).referrerCustomerId).toBe(r1);
    expect(await countsOf(y)).toMatchObject({ orders: 0, referred_by: 0 });
    signInAs(admin);
    expect(await restoreCustomerAction({ customerId: y })).toMatchObject({ ok: false, code: "validation", message: expect.stringContaining("merged into another") });
    signInAs(sales);
    // And the merged-away one cannot be merged again, nor restored.
    expect(await mergeCustomersAction({ customerId: x, otherCustomerId: y, customerVersion: 2, otherVersion: 2 }))
      .toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("the merge policy", () => {
  it("names every column that references a customer", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ ref: string }>(`
        SELECT rel.relname || '.' || att.attname AS ref
        FROM pg_constraint con
        JOIN pg_class rel ON rel.oid = con.conrelid
        JOIN pg_class target ON target.oid = con.confrelid AND target.relname = 'customers'
        CROSS JOIN LATERAL unnest(con.conkey) AS k(attnum)
        JOIN pg_attribute att ON att.attrelid = rel.oid AND att.attnum = k.attnum
        WHERE con.contype = 'f' AND att.attname <> 'tenant_id'
        ORDER BY 1`);
      // Scores (and with them the clusters, a view of them) are derived rows keyed by customer
      // without a foreign key (migration 20261126000000_scoring_derived_keys); the merge still
      // has a policy for them.
      const derived = ["customer_scores.customer_id"];
      expect(rows.map((r) => r.ref).filter((r) => derived.includes(r))).toEqual([]);
      expect([...rows.map((r) => r.ref), ...derived].sort()).toEqual(Object.keys(MERGE_POLICY).sort());
    } finally {
      await client.end();
    }
  });
});
