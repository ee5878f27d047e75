// Approval (issue 7, points 2, 3, 9) through the real actions: one or two levels by
// the tenant's budget threshold, the requester never approves their own campaign,
// level 2 needs another approver, a user without campaign:approve is refused,
// rejection needs a comment and editing takes it back to draft, the history is kept
// and audited, the final approval freezes the audience with its control group, and
// tenant B's owner gets "not found" for A's ids.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { todayIn } from "@/lib/campaigns/plan/form";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { createCampaignAction, saveCampaignSettingsAction } = await import("@/app/(app)/campaigns/actions");
const { submitCampaignAction, approveCampaignAction, rejectCampaignAction, updateCampaignAction } = await import("@/app/(app)/campaigns/[id]/actions");

type Who = { tenantId: string; userId: string };
let a: TestTenant;
let b: TestTenant;
let planner: Who;
let manager1: Who;
let manager2: Who;
let sales: Who;
let segmentId: string;
let today: string;

function plan(fields: Record<string, string | string[]>): FormData {
  const base: Record<string, string | string[]> = {
    name: `camp-${randomUUID().slice(0, 6)}`, channels: ["sms", "wechat"], offerValue: "0", budget: "500",
    startsOn: today, endsOn: today, ownerUserId: planner.userId, segmentId, controlPercent: "20",
  };
  const f = new FormData();
  for (const [k, v] of Object.entries({ ...base, ...fields })) {
    if (Array.isArray(v)) for (const x of v) f.append(`${k}[]`, x);
    else f.set(k, v);
  }
  return f;
}
async function submitted(fields: Record<string, string | string[]> = {}): Promise<string> {
  signInAs(planner);
  const r = await createCampaignAction(plan(fields));
  if (!r.ok) throw new Error(JSON.stringify(r));
  expect(await submitCampaignAction({ id: r.data.id })).toMatchObject({ ok: true });
  return r.data.id;
}
const campaign = (id: string) => withTenant(a.owner, (tx) => tx.campaign.findFirstOrThrow({ where: { id } }));
const history = (id: string) => withTenant(a.owner, async (tx) =>
  (await tx.campaignApproval.findMany({ where: { campaignId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map((x) => [x.level, x.decision, x.userId, x.comment]));
const targets = (id: string) => withTenant(a.owner, (tx) => tx.campaignTarget.findMany({ where: { campaignId: id } }));

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("ApprA"), createTenant("ApprB")]);
  [planner, manager1, manager2, sales] = await Promise.all([
    addMember(a, "marketing_planner"), addMember(a, "manager"), addMember(a, "manager"), addMember(a, "sales_staff"),
  ]);
  today = todayIn("Asia/Shanghai");
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) ids.push((await createCustomer(a, { name: `a${i}` })).id);
  segmentId = await withTenant(a.owner, async (tx) => {
    const s = await tx.segment.create({ data: { tenantId: a.tenantId, name: "target", kind: "static", definition: { source: "snapshot" }, memberCount: 30 } });
    await tx.segmentMember.createMany({ data: ids.map((customerId) => ({ tenantId: a.tenantId, segmentId: s.id, customerId })) });
    return s.id;
  });
  // Second level above ¥1,000.
  signInAs(a.owner);
  expect(await saveCampaignSettingsAction({ secondLevelThreshold: "1000", defaultControlPercent: "10", baselinePercent: "2", defaultResponsePercent: "5", grossMarginPercent: "30" }))
    .toMatchObject({ ok: true, data: { secondLevelThreshold: 1000 } });
});

describe("one level", () => {
  it("a budget within the threshold: one approval freezes the audience with its control group", async () => {
    const id = await submitted({ budget: "1000" });
    expect((await campaign(id)).approvalLevelRequired).toBe(1);
    signInAs(manager1);
    const r = await approveCampaignAction({ id, comment: "go" });
    expect(r).toMatchObject({ ok: true, data: { status: "approved" } });
    const c = await campaign(id);
    expect(c.status).toBe("approved");
    expect(c.audienceFrozenAt).not.toBeNull();
    const t = await targets(id);
    expect(t).toHaveLength(30);
    const { treatment, control } = (r as { data: { treatment: number; control: number } }).data;
    expect([treatment + control, t.filter((x) => x.arm === "control").length]).toEqual([30, control]);
    expect(await history(id)).toEqual([[1, "submitted", planner.userId, null], [1, "approved", manager1.userId, "go"]]);
    // Approving again is refused clearly.
    expect(await approveCampaignAction({ id, comment: "" })).toMatchObject({ ok: false, code: "conflict", message: "This campaign is not waiting for approval (status: approved)." });
  });
});

describe("two levels", () => {
  it("a budget above the threshold needs two different approvers; nothing is frozen before the second", async () => {
    const id = await submitted({ budget: "1000.01" });
    expect((await campaign(id)).approvalLevelRequired).toBe(2);
    signInAs(manager1);
    expect(await approveCampaignAction({ id, comment: "level one ok" })).toMatchObject({ ok: true, data: { status: "pending_approval_2" } });
    expect(await targets(id)).toHaveLength(0);
    expect(await approveCampaignAction({ id, comment: "" })).toMatchObject({
      ok: false, code: "forbidden", message: "You approved the first level; the second level needs a different approver.",
    });
    signInAs(manager2);
    expect(await approveCampaignAction({ id, comment: "" })).toMatchObject({ ok: true, data: { status: "approved" } });
    expect(await targets(id)).toHaveLength(30);
    expect((await history(id)).map(([level, decision]) => `${level}:${decision}`)).toEqual(["1:submitted", "1:approved", "2:approved"]);
    const audit = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { entityId: id }, orderBy: { createdAt: "asc" } }));
    expect(audit.map((x) => x.action)).toEqual(["campaign.create", "campaign.submit", "campaign.approve", "campaign.approve"]);
  });
});

describe("who may decide", () => {
  it("the requester cannot approve or reject their own campaign, even holding campaign:approve", async () => {
    signInAs(a.owner);
    const r = await createCampaignAction(plan({ ownerUserId: a.ownerUserId }));
    const id = (r as { data: { id: string } }).data.id;
    expect(await submitCampaignAction({ id })).toMatchObject({ ok: true });
    const own = "You submitted this campaign, so you cannot approve or reject it; another approver must decide.";
    expect(await approveCampaignAction({ id, comment: "" })).toMatchObject({ ok: false, code: "forbidden", message: own });
    expect(await rejectCampaignAction({ id, comment: "no" })).toMatchObject({ ok: false, code: "forbidden", message: own });
    expect((await campaign(id)).status).toBe("pending_approval");
  });

  it("users without campaign:approve (planner, sales staff) are refused by the guard", async () => {
    const id = await submitted();
    for (const who of [planner, sales]) {
      signInAs(who);
      expect(await approveCampaignAction({ id, comment: "" })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await rejectCampaignAction({ id, comment: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect((await campaign(id)).status).toBe("pending_approval");
    expect(await history(id)).toHaveLength(1);
  });

  it("tenant B's owner gets not found for A's campaign; nothing of A changes", async () => {
    const id = await submitted();
    signInAs(b.owner);
    expect(await approveCampaignAction({ id, comment: "" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await rejectCampaignAction({ id, comment: "x" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await submitCampaignAction({ id })).toMatchObject({ ok: false, code: "not_found" });
    expect((await campaign(id)).status).toBe("pending_approval");
    expect(await history(id)).toHaveLength(1);
  });
});

describe("rejection", () => {
  it("needs a comment; the planner edits (back to draft) and submits again; the history keeps every step", async () => {
    const id = await submitted();
    signInAs(manager1);
    expect(await rejectCampaignAction({ id, comment: "  " })).toMatchObject({ ok: false, code: "validation", message: "Give a reason when rejecting a campaign." });
    expect(await rejectCampaignAction({ id, comment: "offer too small" })).toMatchObject({ ok: true, data: { status: "rejected" } });
    signInAs(planner);
    const f = plan({ name: "revised", offerValue: "5" });
    f.set("id", id);
    expect(await updateCampaignAction(f)).toMatchObject({ ok: true });
    const edited = await campaign(id);
    expect([edited.status, edited.name, Number(edited.offerValue), edited.requestedBy]).toEqual(["draft", "revised", 5, null]);
    expect(await submitCampaignAction({ id })).toMatchObject({ ok: true });
    signInAs(manager2);
    expect(await approveCampaignAction({ id, comment: "" })).toMatchObject({ ok: true, data: { status: "approved" } });
    expect((await history(id)).map(([level, decision]) => `${level}:${decision}`)).toEqual(["1:submitted", "1:rejected", "1:submitted", "1:approved"]);
    expect((await history(id))[1]![3]).toBe("offer too small");
    // An approved campaign is frozen: no more edits.
    signInAs(planner);
    expect(await updateCampaignAction(f)).toMatchObject({ ok: false, code: "conflict" });
  });
});
