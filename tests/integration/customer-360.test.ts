// The 360 view's content, read through lib/customers/detail.ts: profile with the age
// from the birthday, identities, tags, membership with the points balance as the sum
// of the ledger, latest orders with items, recent tickets, the merged timeline,
// scores only when a scoring run wrote them, and sections a role may not read.
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import {
  addCampaignTouch, addIdentity, addInteraction, addMembership, addOrder, addScore, addTicket, createCustomer, createTag, tagCustomer,
} from "@/tests/factories/customers";
import { loadAuthContext, type AuthContext } from "@/lib/auth/context";
import { getCustomer360 } from "@/lib/customers/detail";
import { withTenant } from "@/lib/db/tenant";
import { ageOn, todayIn } from "@/lib/format/age";

let a: TestTenant;
let admin: AuthContext;
let planner: AuthContext;
let sales: AuthContext;
let customerId: string;
let bareId: string;

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  [a] = await Promise.all([createTenant("C360")]);
  admin = (await loadAuthContext(await addMember(a, "admin")))!;
  planner = (await loadAuthContext(await addMember(a, "marketing_planner")))!;
  const salesMember = await addMember(a, "sales_staff");
  sales = (await loadAuthContext(salesMember))!;

  const customer = await createCustomer(a, {
    name: "林晓", gender: "F", birthday: at("1990-06-15T00:00:00Z"), phone: "+8613800138000", email: "lin@example.com",
    occupation: "教师", interests: ["摄影", "旅行"], province: "广东", city: "广州", sourceChannel: "tmall",
    ownerUserId: salesMember.userId, createdAt: at("2023-01-10T02:00:00Z"),
    firstOrderAt: at("2023-02-01T02:00:00Z"), lastOrderAt: at("2024-12-01T02:00:00Z"),
  });
  customerId = customer.id;
  bareId = (await createCustomer(a, { name: "新客", ownerUserId: salesMember.userId })).id;

  await addIdentity(a, customerId, "tmall", "tb_lin_88");
  await addIdentity(a, customerId, "wechat", "oXlin0001");
  for (const name of ["VIP", "摄影爱好者"]) await tagCustomer(a, customerId, (await createTag(a, name)).id);
  await addMembership(a, customerId, "金卡", [
    { delta: 500, reason: "order", at: at("2023-02-01T03:00:00Z") },
    { delta: -200, reason: "redeem", at: at("2023-06-01T03:00:00Z") },
    { delta: 50, reason: "interaction", at: at("2024-01-01T03:00:00Z") },
  ]);
  for (let i = 0; i < 12; i++) {
    await addOrder(a, customerId, {
      orderNo: `TM${String(i).padStart(4, "0")}`, channel: "tmall", status: i === 11 ? "refunded" : "received",
      orderedAt: new Date(Date.UTC(2023, 1 + i, 1, 2)), paidAt: new Date(Date.UTC(2023, 1 + i, 1, 3)),
      shippedAt: new Date(Date.UTC(2023, 1 + i, 2)), receivedAt: new Date(Date.UTC(2023, 1 + i, 4)),
      reviewedAt: i === 11 ? new Date(Date.UTC(2023, 1 + i, 5)) : null, refundedAt: i === 11 ? new Date(Date.UTC(2023, 1 + i, 9)) : null,
      items: [{ productName: `手机 ${i}`, quantity: 1, unitPrice: "2999.00" }, { productName: "钢化膜", quantity: 2, unitPrice: "29.90" }],
    });
  }
  await addInteraction(a, customerId, { channel: "call", type: "care", occurredAt: at("2024-06-15T02:00:00Z"), note: "生日关怀电话" });
  await addTicket(a, customerId, { kind: "complaint", subject: "屏幕有划痕", openedAt: at("2024-01-05T02:00:00Z"), closedAt: at("2024-01-07T02:00:00Z") });
  await addTicket(a, customerId, { kind: "consultation", subject: "以旧换新", openedAt: at("2024-11-20T02:00:00Z") });
  await addCampaignTouch(a, customerId, { campaignName: "双十一会员日", channel: "sms", sentAt: at("2024-11-01T02:00:00Z") });
});

describe("the 360 view", () => {
  it("shows the profile, with the age from the birthday in the tenant's calendar", async () => {
    const v = (await getCustomer360(admin, customerId))!;
    expect(v.profile).toMatchObject({
      name: "林晓", gender: "F", occupation: "教师", interests: ["摄影", "旅行"], province: "广东", city: "广州", sourceChannel: "tmall",
      phone: "+86 138 0013 8000", email: "lin@example.com", owner: { id: sales.userId },
    });
    expect(v.profile.age).toBe(ageOn(at("1990-06-15T00:00:00Z"), todayIn("Asia/Shanghai")));
    expect(v.identities.map((i) => `${i.channel}:${i.externalId}`)).toEqual(["tmall:tb_lin_88", "wechat:oXlin0001"]);
    expect(v.tags.map((t) => t.name).sort()).toEqual(["VIP", "摄影爱好者"]);
  });

  it("takes the points balance from the ledger, with its latest entries", async () => {
    const v = (await getCustomer360(admin, customerId))!;
    expect(v.membership).toMatchObject({ allowed: true, data: { tier: { name: "金卡" }, pointsBalance: 350 } });
    const data = (v.membership as { data: { ledger: { delta: number }[] } }).data;
    expect(data.ledger.map((l) => l.delta)).toEqual([50, -200, 500]);
  });

  it("lists the latest orders with their items, and how many there are in all", async () => {
    const v = (await getCustomer360(admin, customerId))!;
    if (!v.orders.allowed) throw new Error("orders hidden");
    expect(v.orders.data.total).toBe(12);
    expect(v.orders.data.latest).toHaveLength(10);
    expect(v.orders.data.latest[0]).toMatchObject({ orderNo: "TM0011", status: "refunded", paidAmount: "3058.8" });
    expect(v.orders.data.latest[0]!.items.map((i) => `${i.productName}×${i.quantity}`).sort()).toEqual(["手机 11×1", "钢化膜×2"]);
  });

  it("merges a timeline of orders' steps, interactions, tickets and campaign touches, newest first", async () => {
    const v = (await getCustomer360(admin, customerId))!;
    const times = v.timeline.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const head = v.timeline.slice(0, 9).map((e) => ("step" in e ? `${e.kind}:${e.step}` : e.kind));
    expect(head).toEqual([
      "ticket:opened", "touch", "interaction", "order:refunded", "ticket:closed", "ticket:opened", "order:reviewed",
      "order:received", "order:shipped",
    ]);
    const kinds = new Set(v.timeline.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(["interaction", "order", "registered", "ticket", "touch"]);
    expect(v.timeline.find((e) => e.kind === "touch")).toMatchObject({ campaignName: "双十一会员日", channel: "sms" });
    expect(v.tickets).toMatchObject({ allowed: true, data: [{ subject: "以旧换新", status: "open" }, { subject: "屏幕有划痕", status: "closed" }] });
  });

  it("says scores are not computed until a scoring run succeeded, then shows the newest successful run's, never a failed run's", async () => {
    expect((await getCustomer360(admin, customerId))!.scores).toBeNull();
    const D1 = at("2024-12-01T00:00:00Z");
    const D2 = at("2025-01-01T00:00:00Z");
    await addScore(a, customerId, { asOf: D1, rfmSegment: "loyal", churnRisk: "high", pAlive: 0.2 });
    await addScore(a, customerId, { asOf: D2, rfmSegment: "at_risk", churnRisk: "medium", pAlive: 0.4 });
    // Rows without a successful run behind them are not scores yet.
    expect((await getCustomer360(admin, customerId))!.scores).toBeNull();
    // D1 succeeded, D2 failed after writing its rows: the card shows D1.
    await withTenant(a.owner, (tx) => tx.scoringRun.createMany({ data: [
      { tenantId: a.tenantId, asOf: D1, status: "succeeded" }, { tenantId: a.tenantId, asOf: D2, status: "failed" },
    ] }));
    expect((await getCustomer360(admin, customerId))!.scores).toMatchObject({ asOf: D1, rfmSegment: "loyal", churnRisk: "high", pAlive: 0.2 });
    // Once D2 succeeds, it is the latest.
    await withTenant(a.owner, (tx) => tx.scoringRun.update({ where: { tenantId_asOf: { tenantId: a.tenantId, asOf: D2 } }, data: { status: "succeeded" } }));
    expect((await getCustomer360(admin, customerId))!.scores).toMatchObject({ asOf: D2, rfmSegment: "at_risk", churnRisk: "medium", pAlive: 0.4 });
  });

  it("a customer with nothing yet has empty sections, not invented ones", async () => {
    const v = (await getCustomer360(admin, bareId))!;
    expect(v.membership).toEqual({ allowed: true, data: null });
    expect(v.orders).toEqual({ allowed: true, data: { total: 0, latest: [] } });
    expect(v.scores).toBeNull();
    expect(v.timeline.map((e) => e.kind)).toEqual(["registered"]);
  });

  it("hides what a role may not read: a planner has no ticket:read", async () => {
    const v = (await getCustomer360(planner, customerId))!;
    expect(v.tickets).toEqual({ allowed: false });
    expect(v.timelineSources.tickets).toBe(false);
    expect(v.timeline.some((e) => e.kind === "ticket")).toBe(false);
    expect(v.orders.allowed).toBe(true);
    expect(v.profile.phone).toBe("+86 138****8000");
  });

  it("the owner (sales staff, own scope) sees their customer's sections, masked contact", async () => {
    const v = (await getCustomer360(sales, customerId))!;
    expect([v.membership.allowed, v.orders.allowed, v.tickets.allowed]).toEqual([true, true, true]);
    expect(v.profile).toMatchObject({ phone: "+86 138****8000", email: "l***@example.com" });
  });
});
