// Each segment kind computes exactly the right members on a small fixture, through
// the real server action (segment:manage) and RLS: dynamic (list filters + scores),
// static (a snapshot, and an uploaded list cleaned like an import), model (churn
// risk AND CLV top p%), basket (bought A, not B). Members shown are scoped and masked
// per the viewer; tenant B's ids are not found.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addIdentity, addMemberWithGrants, createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext } from "@/lib/auth/context";
import { getSegment } from "@/lib/segments/queries";
import { form } from "@/tests/support/form-data";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { createSegmentAction } = await import("@/app/(app)/segments/actions");
const { refreshSegmentAction, deleteSegmentAction } = await import("@/app/(app)/segments/[id]/actions");

type Who = { tenantId: string; userId: string };
let a: TestTenant;
let b: TestTenant;
let planner: Who;
let sales: Who;
let manager: Who;
const c: Record<string, string> = {};
let productA: string;
let productB: string;
let ofB: string;

const members = (segmentId: string) => withTenant(a.owner, async (tx) =>
  (await tx.segmentMember.findMany({ where: { segmentId }, select: { customerId: true } })).map((m) => m.customerId).sort());
const ids = (...names: string[]) => names.map((n) => c[n]!).sort();

async function create(fields: Record<string, string | string[]>) {
  const r = await createSegmentAction(form({ name: `seg-${randomUUID().slice(0, 8)}`, ...fields }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data;
}

async function score(customerId: string, rfm: string, churn: string, clv: number | null, asOf = new Date("2026-11-01")) {
  await withTenant(a.owner, (tx) => tx.customerScore.create({
    data: { tenantId: a.tenantId, customerId, asOf, frequency: 1, monetary: "100", rfmSegment: rfm, churnRisk: churn, predictedClv: clv === null ? null : clv.toFixed(2) },
  }));
}

async function buy(customerId: string, productId: string, opts: { paid?: boolean; refunded?: boolean } = {}) {
  await withTenant(a.owner, async (tx) => {
    const at = new Date("2026-10-01T10:00:00Z");
    const order = await tx.order.create({ data: {
      tenantId: a.tenantId, orderNo: `NO-${randomUUID().slice(0, 10)}`, customerId, channel: "store", orderedAt: at,
      paidAt: opts.paid === false ? null : at, refundedAt: opts.refunded ? at : null, status: opts.refunded ? "refunded" : "paid",
      amount: "100", paidAmount: "100",
    } });
    await tx.orderItem.create({ data: { tenantId: a.tenantId, orderId: order.id, productId, quantity: 1, unitPrice: "100", amount: "100" } });
  });
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("SegA"), createTenant("SegB")]);
  planner = await addMember(a, "marketing_planner");
  sales = await addMember(a, "sales_staff");
  manager = await addMember(a, "manager");
  const mk = async (name: string, extra: Parameters<typeof createCustomer>[1] = {}) => { c[name] = (await createCustomer(a, { name, ...extra })).id; };
  await mk("bj1", { city: "北京", phone: "+8613800000001", ownerUserId: sales.userId });
  await mk("bj2", { city: "北京", phone: "+8613800000002" });
  await mk("sh1", { city: "上海", phone: "+8613800000003", externalId: "EXT-3" });
  await mk("sh2", { city: "上海", phone: "+8613800000004" });
  await mk("gz1", { city: "广州", phone: "+8613800000005" });
  await mk("gone", { city: "北京", phone: "+8613800000006", deletedAt: new Date() });
  for (let i = 1; i <= 10; i++) await mk(`m${i}`, { city: "深圳" });
  await addIdentity(a, c.gz1!, "wechat", "wx-openid-5");
  // Scores: an older run that must be ignored, and the newest successful one.
  await withTenant(a.owner, (tx) => tx.scoringRun.createMany({ data: ["2026-10-01", "2026-11-01"].map((d) => ({ tenantId: a.tenantId, asOf: new Date(d), status: "succeeded" })) }));
  await score(c.bj1!, "champions", "low", 5000, new Date("2026-10-01"));
  await score(c.bj1!, "at_risk", "high", 900);
  await score(c.bj2!, "champions", "low", 800);
  await score(c.sh1!, "at_risk", "high", 300);
  // m1..m10: CLV 100..1000; churn high for odd i.
  for (let i = 1; i <= 10; i++) await score(c[`m${i}`]!, "lost", i % 2 ? "high" : "medium", i * 100);
  await withTenant(a.owner, async (tx) => {
    productA = (await tx.product.create({ data: { tenantId: a.tenantId, sku: "P-A", name: "手机 A", category: "phone" } })).id;
    productB = (await tx.product.create({ data: { tenantId: a.tenantId, sku: "P-B", name: "手机壳 B", category: "case" } })).id;
  });
  await buy(c.bj1!, productA);
  await buy(c.bj2!, productA);
  await buy(c.bj2!, productB);
  await buy(c.sh1!, productA, { paid: false }); // never paid: not a purchase
  await buy(c.sh2!, productA);
  await buy(c.sh2!, productB, { refunded: true }); // refunded B: still "not bought B"
  await buy(c.gz1!, productB);
  ofB = (await createCustomer(b, { name: "B's", city: "北京" })).id;
});

describe("dynamic", () => {
  it("list filters: exactly the Beijing customers, deleted ones excluded", async () => {
    signInAs(planner);
    const { id, memberCount } = await create({ kind: "dynamic", city: "北京" });
    expect(memberCount).toBe(2);
    expect(await members(id)).toEqual(ids("bj1", "bj2"));
  });

  it("filters AND latest scores: churn risk high with CLV ≥ 500 (the older run's scores are ignored)", async () => {
    signInAs(planner);
    const { id } = await create({ kind: "dynamic", churnRisk: ["high"], clvMin: "500" });
    expect(await members(id)).toEqual(ids("bj1", "m5", "m7", "m9"));
    const rfm = await create({ kind: "dynamic", rfmSegments: ["champions"] });
    expect(await members(rfm.id)).toEqual(ids("bj2"));
  });

  it("refresh picks up a change; a user with segment:manage at 'own' scope computes only their own customers", async () => {
    signInAs(planner);
    const { id } = await create({ kind: "dynamic", city: "广州" });
    expect(await members(id)).toEqual(ids("gz1"));
    const newcomer = (await createCustomer(a, { name: "gz2", city: "广州" })).id;
    expect(await refreshSegmentAction({ id })).toMatchObject({ ok: true, data: { memberCount: 2 } });
    expect(await members(id)).toEqual([c.gz1!, newcomer].sort());
    await withTenant(a.owner, (tx) => tx.customer.update({ where: { tenantId_id: { tenantId: a.tenantId, id: newcomer } }, data: { deletedAt: new Date() } }));

    const ownPlanner = await addMemberWithGrants(a, [["segment:read", "own"], ["segment:manage", "own"], ["customer:read", "own"]]);
    signInAs(ownPlanner);
    const mine = await create({ kind: "dynamic", city: "北京" });
    expect(mine.memberCount).toBe(0);
    await withTenant(a.owner, (tx) => tx.customer.update({ where: { tenantId_id: { tenantId: a.tenantId, id: c.bj2! } }, data: { ownerUserId: ownPlanner.userId } }));
    expect(await refreshSegmentAction({ id: mine.id })).toMatchObject({ ok: true, data: { memberCount: 1 } });
    expect(await members(mine.id)).toEqual(ids("bj2"));
    await withTenant(a.owner, (tx) => tx.customer.update({ where: { tenantId_id: { tenantId: a.tenantId, id: c.bj2! } }, data: { ownerUserId: null } }));
  });

  it("refuses a bad filter value and a duplicate name with clear field messages", async () => {
    signInAs(planner);
    const bad = await createSegmentAction(form({ name: "bad", kind: "dynamic", createdFrom: "2026-02-30" }));
    expect(bad).toMatchObject({ ok: false, code: "validation", fieldErrors: { createdFrom: "This filter value is not valid." } });
    await create({ kind: "dynamic", city: "上海", name: "上海客户" });
    const dup = await createSegmentAction(form({ name: "上海客户", kind: "dynamic" }));
    expect(dup).toMatchObject({ ok: false, code: "conflict", message: "A segment named “上海客户” already exists." });
  });
});

describe("static", () => {
  it("an uploaded list: phones cleaned like an import, external and channel ids, unknowns reported", async () => {
    signInAs(planner);
    const list = ["+86 138-0000-0001", "13800000002", "EXT-3", "wx-openid-5", "13900000000", "nobody", "13800000006", ""].join("\n");
    const r = await create({ kind: "static", staticSource: "list", listText: list });
    expect(await members(r.id)).toEqual(ids("bj1", "bj2", "sh1", "gz1"));
    expect(r.unmatched!.sort()).toEqual(["13800000006", "13900000000", "nobody"]);
    // Static members never change: refresh is refused, clearly.
    expect(await refreshSegmentAction({ id: r.id })).toMatchObject({ ok: false, code: "validation", message: "A static segment's members are fixed and are not refreshed." });
  });

  it("an uploaded file works the same as pasted text", async () => {
    signInAs(planner);
    const f = form({ name: "file list", kind: "static", staticSource: "list" });
    f.set("listFile", new File(["\uFEFF手机号\n13800000003\n138 0000 0004\n"], "leads.csv", { type: "text/csv" }));
    const r = await createSegmentAction(f);
    expect(r.ok).toBe(true);
    expect(await members((r as { data: { id: string } }).data.id)).toEqual(ids("sh1", "sh2"));
  });

  it("a snapshot of a filter is fixed at creation", async () => {
    signInAs(planner);
    const r = await create({ kind: "static", staticSource: "snapshot", city: "上海" });
    expect(await members(r.id)).toEqual(ids("sh1", "sh2"));
  });

  it("an empty list is refused", async () => {
    signInAs(planner);
    expect(await createSegmentAction(form({ name: "empty", kind: "static", staticSource: "list", listText: "  \n " })))
      .toMatchObject({ ok: false, fieldErrors: { listText: "Paste or upload at least one phone number or id." } });
  });
});

describe("model", () => {
  it("churn risk high AND CLV in the top 20%: of ten scored 100…1000 plus three others, the top 20% by CLV that are high risk", async () => {
    signInAs(planner);
    // 13 scored customers on the latest run: m1..m10 (100..1000), bj1 900, bj2 800, sh1 300.
    // Top 20% by CLV (cume_dist ≤ 0.2): 1000 (m10), 900 (m9, bj1 tie) → cume_dist of 900 = 3/13 > 0.2, so only m10 is in.
    const top20 = await create({ kind: "model", clvTopPercent: "20" });
    expect(await members(top20.id)).toEqual(ids("m10"));
    // Top 40%: cume_dist ≤ 0.4 → 1000, 900×2, 800×2 = 5/13 ≈ 0.385 → m10, m9, bj1, m8, bj2.
    const top40 = await create({ kind: "model", clvTopPercent: "40" });
    expect(await members(top40.id)).toEqual(ids("m10", "m9", "bj1", "m8", "bj2"));
    const highTop40 = await create({ kind: "model", modelChurnRisk: ["high"], clvTopPercent: "40" });
    expect(await members(highTop40.id)).toEqual(ids("m9", "bj1"));
  });

  it("a model segment with no condition is refused", async () => {
    signInAs(planner);
    expect(await createSegmentAction(form({ name: "nothing", kind: "model" })))
      .toMatchObject({ ok: false, fieldErrors: { modelChurnRisk: "Choose a churn-risk level or a CLV top percentage." } });
  });
});

describe("basket", () => {
  it("bought A, not B: paid orders only; a refunded B does not count as bought", async () => {
    signInAs(planner);
    const r = await create({ kind: "basket", bought: `product:${productA}`, notBought: `product:${productB}` });
    expect(await members(r.id)).toEqual(ids("bj1", "sh2"));
  });

  it("by category, and with a window that excludes every order", async () => {
    signInAs(planner);
    const r = await create({ kind: "basket", bought: "category:case", notBought: "category:phone" });
    expect(await members(r.id)).toEqual(ids("gz1"));
    const old = await create({ kind: "basket", bought: "category:phone", notBought: "category:case", sinceDays: "1" });
    expect(old.memberCount).toBe(0);
  });

  it("A equal to B is refused", async () => {
    signInAs(planner);
    expect(await createSegmentAction(form({ name: "same", kind: "basket", bought: `product:${productA}`, notBought: `product:${productA}` })))
      .toMatchObject({ ok: false, fieldErrors: { notBought: "A and B must differ." } });
  });
});

describe("members shown: scope and masking", () => {
  it("a planner (no customer:unmask) sees masked phones; an owner sees them; sales staff see only their own members", async () => {
    signInAs(planner);
    const { id } = await create({ kind: "dynamic", city: "北京" });
    const asPlanner = await getSegment((await loadAuthContext(planner as never))!, id);
    expect(asPlanner!.masked).toBe(true);
    expect(asPlanner!.sample.map((m) => m.contact.phone)).not.toContain("+86 138 0000 0001");
    expect(asPlanner!.sample.every((m) => m.contact.phone && !m.contact.phone.includes("00000001"))).toBe(true);
    const asOwner = await getSegment((await loadAuthContext(a.owner as never))!, id);
    expect(asOwner!.masked).toBe(false);
    expect(asOwner!.sample.map((m) => m.contact.phone!.replace(/\D/g, ""))).toContain("8613800000001");
    const asManager = await getSegment((await loadAuthContext(manager as never))!, id);
    expect(asManager!.visibleCount).toBe(0);
    expect(asManager!.sample).toEqual([]);
    // A role with segment:read but customer:read on own customers only.
    const ownReader = await addMemberWithGrants(a, [["segment:read", "all"], ["customer:read", "own"]]);
    await withTenant(a.owner, (tx) => tx.customer.update({ where: { tenantId_id: { tenantId: a.tenantId, id: c.bj1! } }, data: { ownerUserId: ownReader.userId } }));
    const own = await getSegment((await loadAuthContext(ownReader as never))!, id);
    expect(own!.memberCount).toBe(2);
    expect(own!.visibleCount).toBe(1);
    expect(own!.sample.map((m) => m.id)).toEqual([c.bj1]);
    const noCustomers = await addMemberWithGrants(a, [["segment:read", "all"]]);
    const none = await getSegment((await loadAuthContext(noCustomers as never))!, id);
    expect(none!.visibleCount).toBeNull();
    expect(none!.sample).toEqual([]);
  });
});

describe("permissions and tenants", () => {
  it("sales staff (no segment:manage) cannot create; B's owner cannot read, refresh or delete A's segment", async () => {
    signInAs(sales);
    expect(await createSegmentAction(form({ name: "x", kind: "dynamic" }))).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(planner);
    const { id } = await create({ kind: "dynamic", city: "北京" });
    signInAs(b.owner);
    expect(await getSegment((await loadAuthContext(b.owner as never))!, id)).toBeNull();
    expect(await refreshSegmentAction({ id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await deleteSegmentAction({ id })).toMatchObject({ ok: false, code: "not_found" });
    expect((await members(id)).length).toBe(2);
    // B's own segment never includes A's customers, even when named by id in a list.
    const r = await createSegmentAction(form({ name: "b-list", kind: "static", staticSource: "list", listText: `EXT-3\n${c.bj1}` }));
    expect(r).toMatchObject({ ok: true, data: { memberCount: 0 } });
    expect(ofB).toBeTruthy();
  });

  it("creation, refresh and deletion are audited", async () => {
    signInAs(planner);
    const { id } = await create({ kind: "dynamic", city: "上海" });
    await refreshSegmentAction({ id });
    expect(await deleteSegmentAction({ id })).toMatchObject({ ok: true });
    const log = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { entityId: id }, orderBy: { createdAt: "asc" } }));
    expect(log.map((l) => l.action)).toEqual(["segment.create", "segment.refresh", "segment.delete"]);
    expect(log.every((l) => l.actorUserId === planner.userId)).toBe(true);
  });
});
