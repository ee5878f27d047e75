// A campaign re-evaluates a computed segment when it uses it (submission and final
// approval), through the real actions: a dynamic segment picks up a customer who
// started matching after its last refresh, while a static snapshot of the same filter
// stays frozen. The recompute runs as the requester (their segment:manage scope) and
// is audited as the approver's decision; a requester who has left is refused clearly.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { todayIn } from "@/lib/campaigns/plan/form";
import { materializeAudience } from "@/lib/campaigns/audience";
import { form } from "@/tests/support/form-data";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { createCampaignAction } = await import("@/app/(app)/campaigns/actions");
const { submitCampaignAction, approveCampaignAction } = await import("@/app/(app)/campaigns/[id]/actions");
const { createSegmentAction } = await import("@/app/(app)/segments/actions");

type Who = { tenantId: string; userId: string };
let a: TestTenant;
let planner: Who;
let manager: Who;
let today: string;
const city = "杭州";
const original: string[] = [];

async function segment(fields: Record<string, string>): Promise<string> {
  signInAs(planner);
  const r = await createSegmentAction(form({ name: `seg-${randomUUID().slice(0, 8)}`, city, ...fields }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data.id;
}
async function submitted(segmentId: string, by: Who = planner): Promise<string> {
  signInAs(by);
  const r = await createCampaignAction(form({
    name: `camp-${randomUUID().slice(0, 6)}`, channels: ["sms"], offerValue: "0", budget: "100",
    startsOn: today, endsOn: today, ownerUserId: by.userId, segmentId, controlPercent: "0",
  }));
  if (!r.ok) throw new Error(JSON.stringify(r));
  expect(await submitCampaignAction({ id: r.data.id })).toMatchObject({ ok: true });
  return r.data.id;
}
const newcomer = async () => (await createCustomer(a, { name: `new-${randomUUID().slice(0, 4)}`, city })).id;
const targets = (campaignId: string) => withTenant(a.owner, async (tx) =>
  (await tx.campaignTarget.findMany({ where: { campaignId }, select: { customerId: true } })).map((t) => t.customerId).sort());
const members = (segmentId: string) => withTenant(a.owner, async (tx) =>
  (await tx.segmentMember.findMany({ where: { segmentId }, select: { customerId: true } })).map((m) => m.customerId).sort());
const campaign = (id: string) => withTenant(a.owner, (tx) => tx.campaign.findFirstOrThrow({ where: { id } }));

beforeAll(async () => {
  a = await createTenant("CampSeg");
  [planner, manager] = await Promise.all([addMember(a, "marketing_planner"), addMember(a, "manager")]);
  today = todayIn("Asia/Shanghai");
  for (let i = 0; i < 2; i++) original.push((await createCustomer(a, { name: `orig${i}`, city })).id);
  await createCustomer(a, { name: "elsewhere", city: "苏州" });
});

describe("a campaign refreshes its dynamic segment", () => {
  it("on submission and again on approval; a static snapshot of the same filter stays frozen", async () => {
    const dynamicId = await segment({ kind: "dynamic" });
    const staticId = await segment({ kind: "static", staticSource: "snapshot" });
    expect(await members(dynamicId)).toEqual([...original].sort());

    // One more customer matches after the segments were computed.
    const first = await newcomer();
    const dyn = await submitted(dynamicId);
    const sta = await submitted(staticId);
    expect((await campaign(dyn)).audienceCount).toBe(3);
    expect((await campaign(sta)).audienceCount).toBe(2);

    // And another between submission and approval.
    const second = await newcomer();
    signInAs(manager);
    expect(await approveCampaignAction({ id: dyn, comment: "ok" })).toMatchObject({ ok: true, data: { status: "approved", treatment: 4, control: 0 } });
    expect(await approveCampaignAction({ id: sta, comment: "ok" })).toMatchObject({ ok: true, data: { status: "approved", treatment: 2 } });
    expect(await targets(dyn)).toEqual([...original, first, second].sort());
    expect(await targets(sta)).toEqual([...original].sort());
    expect(await members(dynamicId)).toEqual([...original, first, second].sort());
    expect(await members(staticId)).toEqual([...original].sort());

    // Audited as the approver's decision, computed as the requester.
    const audit = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { entity: "segment", entityId: dynamicId, action: "segment.refresh" }, orderBy: { createdAt: "asc" } }));
    expect(audit.map((r) => [r.actorUserId, (r.after as { cause: string }).cause])).toEqual([
      [planner.userId, "campaign.submit"], [manager.userId, "campaign.approve"],
    ]);
    expect(audit[1]!.after).toMatchObject({ memberCount: 4, campaignId: dyn, computedAs: planner.userId });
  });

  it("a frozen audience is not recomputed: a customer matching after approval is not added", async () => {
    const dynamicId = await segment({ kind: "dynamic" });
    const id = await submitted(dynamicId);
    signInAs(manager);
    expect(await approveCampaignAction({ id, comment: "ok" })).toMatchObject({ ok: true });
    const before = await targets(id);
    await newcomer();
    await withTenant(a.owner, (tx) => materializeAudience(tx, a.tenantId, id));
    expect(await targets(id)).toEqual(before);
  });

  it("refuses the approval, clearly and changing nothing, when the requester has left", async () => {
    const leaver = await addMember(a, "marketing_planner");
    const dynamicId = await segment({ kind: "dynamic" });
    const id = await submitted(dynamicId, leaver);
    const membersBefore = await members(dynamicId);
    await newcomer();
    await withTenant(a.owner, (tx) => tx.membership.update({ where: { tenantId_userId: { tenantId: a.tenantId, userId: leaver.userId } }, data: { status: "disabled" } }));
    signInAs(manager);
    const r = await approveCampaignAction({ id, comment: "ok" });
    expect(r).toMatchObject({ ok: false, code: "conflict" });
    expect((r as { message: string }).message).toContain("is recomputed each time a campaign uses it");
    expect((await campaign(id)).status).toBe("pending_approval");
    expect(await targets(id)).toEqual([]);
    expect(await members(dynamicId)).toEqual(membersBefore);
  });
});
