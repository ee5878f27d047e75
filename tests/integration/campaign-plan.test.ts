// Planning a campaign (issue 7, points 1, 3, 8, 9) through the real actions:
// validation refusals with clear messages, the audience preview (count, overlap,
// estimated cost), the deterministic control group, and the what-if numbers on a
// fixture computed by hand.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { materializeAudience } from "@/lib/campaigns/audience";
import { todayIn } from "@/lib/campaigns/plan/form";
import { planPreview } from "@/lib/campaigns/plan/preview";
import { responseHistory } from "@/lib/campaigns/whatif/history";
import { getCampaign } from "@/lib/campaigns/queries";
import { loadAuthContext } from "@/lib/auth/context";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { createCampaignAction } = await import("@/app/(app)/campaigns/actions");
const { submitCampaignAction, updateCampaignAction } = await import("@/app/(app)/campaigns/[id]/actions");

type Who = { tenantId: string; userId: string };
let a: TestTenant;
let fresh: TestTenant;
let planner: Who;
let today: string;

/** A static segment with these members, written directly (the segment kinds have their own tests). */
async function segmentOf(t: TestTenant, customerIds: string[]) {
  return withTenant(t.owner, async (tx) => {
    const s = await tx.segment.create({ data: { tenantId: t.tenantId, name: `s-${randomUUID().slice(0, 8)}`, kind: "static", definition: { source: "snapshot" }, memberCount: customerIds.length } });
    if (customerIds.length) await tx.segmentMember.createMany({ data: customerIds.map((customerId) => ({ tenantId: t.tenantId, segmentId: s.id, customerId })) });
    return s.id;
  });
}
/** Customers, scored `rfm` by a run on `asOf` with that `status` ("succeeded" unless told). */
async function customers(t: TestTenant, n: number, rfm: string | null = null, asOf = "2026-11-01", status = "succeeded") {
  const out: string[] = [];
  if (rfm) await scoringRun(t, asOf, status);
  for (let i = 0; i < n; i++) {
    const id = (await createCustomer(t, { name: `c${i}` })).id;
    if (rfm) await withTenant(t.owner, (tx) => tx.customerScore.create({ data: { tenantId: t.tenantId, customerId: id, asOf: new Date(asOf), rfmSegment: rfm } }));
    out.push(id);
  }
  return out;
}
/** The scoring run of `asOf` (readers use the newest one that succeeded), created once. */
async function scoringRun(t: TestTenant, asOf: string, status: string) {
  await withTenant(t.owner, (tx) => tx.scoringRun.upsert({
    where: { tenantId_asOf: { tenantId: t.tenantId, asOf: new Date(asOf) } }, create: { tenantId: t.tenantId, asOf: new Date(asOf), status }, update: {},
  }));
}
/** More score rows of `asOf` for existing customers. */
async function rescore(t: TestTenant, ids: string[], asOf: string, rfm: string) {
  await withTenant(t.owner, (tx) => tx.customerScore.createMany({ data: ids.map((customerId) => ({ tenantId: t.tenantId, customerId, asOf: new Date(asOf), rfmSegment: rfm })) }));
}
function plan(fields: Record<string, string | string[]>): FormData {
  const base: Record<string, string | string[]> = {
    name: `camp-${randomUUID().slice(0, 6)}`, goal: "win back", channels: ["sms"], offerDescription: "¥20 coupon", offerValue: "20",
    budget: "10000", startsOn: today, endsOn: today, ownerUserId: planner.userId, controlPercent: "10",
  };
  const f = new FormData();
  for (const [k, v] of Object.entries({ ...base, ...fields })) {
    if (Array.isArray(v)) for (const x of v) f.append(`${k}[]`, x);
    else f.set(k, v);
  }
  return f;
}
async function created(fields: Record<string, string | string[]>): Promise<string> {
  const r = await createCampaignAction(plan(fields));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data.id;
}

beforeAll(async () => {
  [a, fresh] = await Promise.all([createTenant("PlanA"), createTenant("PlanFresh")]);
  planner = await addMember(a, "marketing_planner");
  today = todayIn("Asia/Shanghai");
});

describe("plan validation", () => {
  it("refuses a start in the past, a missing segment, no channel, a bad budget and an end before the start, field by field", async () => {
    signInAs(planner);
    const seg = await segmentOf(a, await customers(a, 2));
    const past = await createCampaignAction(plan({ segmentId: seg, startsOn: "2020-01-01" }));
    expect(past).toMatchObject({ ok: false, code: "validation", fieldErrors: { startsOn: "This day is in the past." } });
    expect((past as { message: string }).message).toBe(`The campaign is scheduled to start on 2020-01-01, which is in the past (today is ${today}). Choose today or a later day.`);
    const bad = await createCampaignAction(plan({ segmentId: "", channels: [], budget: "lots", endsOn: "2020-01-01" }));
    expect(bad).toMatchObject({
      ok: false, code: "validation",
      fieldErrors: {
        segmentId: "Choose the segment to target.", channels: "Choose at least one channel.",
        budget: "Enter the budget as an amount, e.g. 10000.",
      },
    });
    const reversed = await createCampaignAction(plan({ segmentId: seg, endsOn: "2020-01-01" }));
    expect(reversed).toMatchObject({ ok: false, fieldErrors: { endsOn: "The campaign ends before it starts." } });
  });

  it("refuses to submit an empty audience", async () => {
    signInAs(planner);
    const id = await created({ segmentId: await segmentOf(a, []) });
    expect(await submitCampaignAction({ id })).toMatchObject({
      ok: false, code: "validation", message: "The audience is empty: the chosen segment has no members. Refresh the segment or choose another.",
    });
    expect((await withTenant(a.owner, (tx) => tx.campaign.findFirstOrThrow({ where: { id } }))).status).toBe("draft");
  });

  it("refuses to submit a budget below the estimated cost, naming both amounts", async () => {
    signInAs(planner);
    // No history: 100 customers, 10% control → 90 contacted × ¥20 × 5% default response = ¥90.
    const seg = await segmentOf(a, await customers(a, 100));
    const id = await created({ segmentId: seg, budget: "89.99" });
    expect(await submitCampaignAction({ id })).toMatchObject({
      ok: false, code: "validation", message: "The budget 89.99 is below the estimated cost 90.00. Raise the budget or lower the offer.",
    });
    expect(await submitCampaignAction({ id: await created({ segmentId: seg, budget: "90" }) })).toMatchObject({ ok: true, data: { status: "pending_approval", levels: 1 } });
  });

  it("refuses to submit when the schedule has passed since the draft was saved", async () => {
    signInAs(planner);
    const id = await created({ segmentId: await segmentOf(a, await customers(a, 1)) });
    await withTenant(a.owner, (tx) => tx.campaign.update({ where: { tenantId_id: { tenantId: a.tenantId, id } }, data: { startsAt: new Date("2025-01-01T00:00:00+08:00") } }));
    expect(await submitCampaignAction({ id })).toMatchObject({ ok: false, code: "validation", message: expect.stringContaining("2025-01-01, which is in the past") });
  });

  it("a campaign waiting for approval cannot be edited; B's owner cannot touch A's campaign", async () => {
    signInAs(planner);
    const seg = await segmentOf(a, await customers(a, 1));
    const id = await created({ segmentId: seg });
    expect(await submitCampaignAction({ id })).toMatchObject({ ok: true });
    const f = plan({ segmentId: seg, name: "changed" });
    f.set("id", id);
    expect(await updateCampaignAction(f)).toMatchObject({ ok: false, code: "conflict" });
    signInAs(fresh.owner);
    expect(await submitCampaignAction({ id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await updateCampaignAction(f)).toMatchObject({ ok: false });
    expect(await getCampaign((await loadAuthContext(fresh.owner as never))!, id)).toBeNull();
    // B's own campaign cannot use A's segment.
    const forged = await createCampaignAction(plan({ segmentId: seg, ownerUserId: fresh.ownerUserId }));
    expect(forged).toMatchObject({ ok: false, code: "validation", fieldErrors: { segmentId: "That segment does not exist (any more)." } });
    const row = await withTenant(a.owner, (tx) => tx.campaign.findFirstOrThrow({ where: { id } }));
    expect([row.name.startsWith("camp-"), row.status]).toEqual([true, "pending_approval"]);
  });
});

describe("control group", () => {
  it("is deterministic (same arms twice) and 10% within tolerance on 10,000 customers; another campaign splits differently", { timeout: 600_000 }, async () => {
    const t = await createTenant("Control");
    // Generous timeouts: set-based statements over 10,000 rows, on a machine that may be busy.
    const slow = { timeoutMs: 180_000 };
    await withTenant(t.owner, (tx) => tx.$executeRaw`INSERT INTO customers (tenant_id, name) SELECT ${t.tenantId}::uuid, 'bulk-' || g FROM generate_series(1, 10000) g`, slow);
    const segmentId = await withTenant(t.owner, async (tx) => {
      const s = await tx.segment.create({ data: { tenantId: t.tenantId, name: "all", kind: "static", definition: { source: "snapshot" } } });
      await tx.$executeRaw`INSERT INTO segment_members (tenant_id, segment_id, customer_id) SELECT tenant_id, ${s.id}::uuid, id FROM customers WHERE tenant_id = ${t.tenantId}::uuid`;
      return s.id;
    }, slow);
    const campaign = (id: string) => withTenant(t.owner, (tx) => tx.campaign.create({ data: { tenantId: t.tenantId, id, name: id, segmentId, status: "approved" } }));
    const arms = (id: string) => withTenant(t.owner, async (tx) =>
      (await tx.campaignTarget.findMany({ where: { campaignId: id }, orderBy: { customerId: "asc" }, select: { customerId: true, arm: true } })));
    const first = randomUUID();
    await campaign(first);
    const once = await withTenant(t.owner, (tx) => materializeAudience(tx, t.tenantId, first), slow);
    expect(once.treatment + once.control).toBe(10_000);
    // ±4 standard deviations of a binomial(10000, 0.1): 10% ± 1.2%.
    expect(once.control).toBeGreaterThan(880);
    expect(once.control).toBeLessThan(1120);
    const before = await arms(first);
    // Frozen: a second call changes nothing.
    expect(await withTenant(t.owner, (tx) => materializeAudience(tx, t.tenantId, first), slow)).toEqual(once);
    // Recomputed from scratch, the same campaign gives the same arms.
    await withTenant(t.owner, async (tx) => {
      await tx.campaignTarget.deleteMany({ where: { campaignId: first } });
      await tx.campaign.update({ where: { tenantId_id: { tenantId: t.tenantId, id: first } }, data: { audienceFrozenAt: null } });
      await materializeAudience(tx, t.tenantId, first);
    }, slow);
    expect(await arms(first)).toEqual(before);
    const second = randomUUID();
    await campaign(second);
    await withTenant(t.owner, (tx) => materializeAudience(tx, t.tenantId, second), slow);
    const other = await arms(second);
    const differ = other.filter((r, i) => r.arm !== before[i]!.arm).length;
    expect(differ).toBeGreaterThan(1000);
  });
});

describe("what-if", () => {
  it("from a past campaign, by segment, computed by hand at ¥0 / ¥10 / ¥20 / ¥50", async () => {
    const t = await createTenant("WhatIf");
    const past = await customers(t, 20, "at_risk");
    const audience = await customers(t, 10, "at_risk");
    // The past campaign: ¥20, Sept 2026; 10 treated (3 bought ¥200 in the window, 1 bought after it), 10 held out (1 bought).
    const pastId = await withTenant(t.owner, async (tx) => {
      const c = await tx.campaign.create({ data: {
        tenantId: t.tenantId, name: "past", status: "completed", offerValue: "20", startsAt: new Date("2026-09-01T00:00:00Z"),
        endsAt: new Date("2026-10-01T00:00:00Z"), audienceFrozenAt: new Date("2026-08-31T00:00:00Z"),
      } });
      await tx.campaignTarget.createMany({ data: past.map((customerId, i) => ({ tenantId: t.tenantId, campaignId: c.id, customerId, arm: i < 10 ? "treatment" : "control" })) });
      const order = (customerId: string, at: string) => tx.order.create({ data: {
        tenantId: t.tenantId, orderNo: randomUUID().slice(0, 12), customerId, channel: "store", orderedAt: new Date(at), paidAt: new Date(at), status: "paid", amount: "200", paidAmount: "200",
      } });
      for (const i of [0, 1, 2]) await order(past[i]!, "2026-09-10T00:00:00Z");
      await order(past[3]!, "2026-10-15T00:00:00Z");
      await order(past[10]!, "2026-09-20T00:00:00Z");
      return c.id;
    });
    const segmentId = await segmentOf(t, audience);
    const p = await withTenant(t.owner, (tx) => planPreview(tx, t.tenantId, { id: null, segmentId, audienceFrozenAt: null, controlRatio: 0.1, offerValue: 20 }, [0, 10, 50]));
    expect(pastId).toBeTruthy();
    // baseline 1/10; ¥20 → 3/10; ¥10 interpolated → 0.2; ¥50 flat → 0.3. Contacted 9; AOV 600/3 = 200; margin 30%.
    const rows = p.whatIf.levels.map((l) => [l.offer, l.contacted, l.responders, l.incrementalResponders, l.incrementalRevenue, l.cost, l.profit].map((x) => Math.round(x * 1000) / 1000));
    expect(rows).toEqual([
      [0, 9, 0.9, 0, 0, 0, 0],
      [10, 9, 1.8, 0.9, 180, 18, 36],
      [20, 9, 2.7, 1.8, 360, 54, 54],
      [50, 9, 2.7, 1.8, 360, 135, -27],
    ]);
    expect(p.audience).toBe(10);
    expect(p.estimatedCost).toBe(54);
    expect(p.predictedResponse).toBeCloseTo(0.3, 10);
    expect(p.whatIf.hasHistory).toBe(true);
    expect(p.whatIf.assumptions.map((x) => x.key)).toContain("campaigns.whatif.assume.history");
    expect(p.whatIf.assumptions.find((x) => x.key === "campaigns.whatif.assume.aov")?.params).toEqual({ aov: 200 });
  });

  it("splits the audience and the history by the newest successful scoring run's segments, not a later failed run's", async () => {
    const t = await createTenant("WhatIfRuns");
    // D1 = 2026-10-01 succeeded: everyone at_risk. D2 = 2026-10-15 failed after writing rows that say champions.
    const past = await customers(t, 4, "at_risk", "2026-10-01");
    const audience = await customers(t, 6, "at_risk", "2026-10-01");
    await scoringRun(t, "2026-10-15", "failed");
    await rescore(t, [...past, ...audience], "2026-10-15", "champions");
    await withTenant(t.owner, async (tx) => {
      const c = await tx.campaign.create({ data: {
        tenantId: t.tenantId, name: "past", status: "completed", offerValue: "20", startsAt: new Date("2026-09-01T00:00:00Z"),
        endsAt: new Date("2026-10-01T00:00:00Z"), audienceFrozenAt: new Date("2026-08-31T00:00:00Z"),
      } });
      await tx.campaignTarget.createMany({ data: past.map((customerId, i) => ({ tenantId: t.tenantId, campaignId: c.id, customerId, arm: i < 2 ? "treatment" : "control" })) });
    });
    const segmentId = await segmentOf(t, audience);
    const p = await withTenant(t.owner, (tx) => planPreview(tx, t.tenantId, { id: null, segmentId, audienceFrozenAt: null, controlRatio: 0.1, offerValue: 20 }));
    expect(p.bySegment).toEqual({ at_risk: 6 });
    const history = await withTenant(t.owner, (tx) => responseHistory(tx, t.tenantId, null));
    expect(history.cells.map((c) => [c.segment, c.arm, c.n]).sort()).toEqual([["at_risk", "control", 2], ["at_risk", "treatment", 2]]);
  });

  it("without any past campaign says so and uses the stated defaults", async () => {
    const segmentId = await segmentOf(fresh, await customers(fresh, 10));
    const p = await withTenant(fresh.owner, (tx) => planPreview(tx, fresh.tenantId, { id: null, segmentId, audienceFrozenAt: null, controlRatio: 0.1, offerValue: 20 }));
    expect(p.whatIf.hasHistory).toBe(false);
    expect(p.whatIf.assumptions.map((x) => x.key).slice(0, 2)).toEqual(["campaigns.whatif.assume.noHistory", "campaigns.whatif.assume.defaultRates"]);
    const at20 = p.whatIf.levels.find((l) => l.offer === 20)!;
    // 9 contacted × 5% = 0.45 responders; incremental 9 × (5% − 2%) = 0.27; cost 0.45 × 20 = 9.
    expect([at20.responders, at20.incrementalResponders, at20.cost].map((x) => Math.round(x * 1000) / 1000)).toEqual([0.45, 0.27, 9]);
    expect(p.whatIf.levels.map((l) => l.offer)).toEqual([0, 20, 50]);
  });

  it("the preview counts the overlap with other approved or running campaigns", async () => {
    const t = await createTenant("Overlap");
    const cs = await customers(t, 5);
    const segmentId = await segmentOf(t, cs);
    await withTenant(t.owner, async (tx) => {
      const live = await tx.campaign.create({ data: { tenantId: t.tenantId, name: "live", status: "running" } });
      const done = await tx.campaign.create({ data: { tenantId: t.tenantId, name: "done", status: "completed" } });
      await tx.campaignTarget.createMany({ data: [cs[0]!, cs[1]!].map((customerId) => ({ tenantId: t.tenantId, campaignId: live.id, customerId, arm: "treatment" })) });
      await tx.campaignTarget.createMany({ data: cs.map((customerId) => ({ tenantId: t.tenantId, campaignId: done.id, customerId, arm: "treatment" })) });
    });
    const p = await withTenant(t.owner, (tx) => planPreview(tx, t.tenantId, { id: null, segmentId, audienceFrozenAt: null, controlRatio: 0.1, offerValue: 0 }));
    expect(p.overlapCustomers).toBe(2);
    expect(p.overlaps.map((o) => [o.name, o.customers])).toEqual([["live", 2]]);
  });
});
