// Care tasks through the real launch and server actions: tasks for a call campaign
// are generated for treatment customers only, by round robin (evenly) or by owner;
// opted-out customers get none; a sales user lists only their own tasks and cannot
// complete or reassign another's (forged post: not found, nothing changes); a
// manager with care_task:assign reassigns within scope; another tenant's owner
// changes nothing; outcomes mark the target contacted and are audited.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { createApprovedCampaign, type TargetSpec, optOut } from "@/tests/factories/campaigns";
import { withTenant } from "@/lib/db/tenant";
import { loadAuthContext } from "@/lib/auth/context";
import { listCareTasks } from "@/lib/care-tasks/queries";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { launchCampaignAction } = await import("@/app/(app)/campaigns/[id]/execution/actions");
const { recordOutcomeAction, reassignTaskAction } = await import("@/app/(app)/care-tasks/actions");

type Who = { tenantId: string; userId: string };
let a: TestTenant;
let b: TestTenant;
let planner: Who;
let s1: Who;
let s2: Who;
let s3: Who;
let manager: Who;
let rrCampaign = "";
let ownerCampaign = "";
const control: string[] = [];
let optedOut = "";

function form(fields: Record<string, string | number>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, String(v));
  return f;
}
const tasksOf = (campaignId: string) => withTenant(a.owner, (tx) => tx.careTask.findMany({ where: { campaignId }, orderBy: { customerId: "asc" } }));

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("CareA"), createTenant("CareB")]);
  planner = await addMember(a, "marketing_planner");
  s1 = await addMember(a, "sales_staff");
  s2 = await addMember(a, "sales_staff");
  s3 = await addMember(a, "sales_staff");
  manager = await addMember(a, "manager");
  const treat: string[] = [];
  for (let i = 0; i < 9; i++) treat.push((await createCustomer(a, { name: `回访${i}`, phone: `+86138001380${10 + i}`, ownerUserId: [s1, s2, s3][i % 3]!.userId })).id);
  for (let i = 0; i < 2; i++) control.push((await createCustomer(a, { name: `对照${i}`, phone: `+86139001390${10 + i}` })).id);
  optedOut = (await createCustomer(a, { name: "不要来电", phone: "+8613700137010" })).id;
  await optOut(a, optedOut, "call");
  const targets = [...treat, optedOut].map((customerId): TargetSpec => ({ customerId, arm: "treatment" }))
    .concat(control.map((customerId): TargetSpec => ({ customerId, arm: "control" })));
  rrCampaign = (await createApprovedCampaign(a, { name: "流失回访", channels: ["call"], targets })).id;
  ownerCampaign = (await createApprovedCampaign(a, { name: "专属顾问回访", channels: ["call"], targets })).id;
  signInAs(planner);
  const r1 = await launchCampaignAction(form({ campaignId: rrCampaign, assignment: "round_robin", callScript: "您好，我是您的专属顾问……" }));
  const r2 = await launchCampaignAction(form({ campaignId: ownerCampaign, assignment: "owner" }));
  expect(r1.ok && r2.ok).toBe(true);
});

describe("care task generation", () => {
  it("round robin: one task per treatment customer, none for control or opted-out, spread evenly over the staff", async () => {
    const tasks = await tasksOf(rrCampaign);
    expect(tasks).toHaveLength(9);
    expect(tasks.some((t) => control.includes(t.customerId) || t.customerId === optedOut)).toBe(false);
    const counts = new Map<string, number>();
    for (const t of tasks) counts.set(t.assigneeUserId!, (counts.get(t.assigneeUserId!) ?? 0) + 1);
    // Staff = holders of care_task:update: the owner, and three sales users → 9 tasks over 4 people: 3,2,2,2.
    expect([...counts.values()].sort()).toEqual([2, 2, 2, 3]);
    expect(tasks.every((t) => t.dueAt && t.dueAt.getTime() > Date.now())).toBe(true);
  });

  it("by owner: each task goes to the customer's owner", async () => {
    const tasks = await tasksOf(ownerCampaign);
    const owners = await withTenant(a.owner, (tx) => tx.customer.findMany({ where: { id: { in: tasks.map((t) => t.customerId) } } }));
    const ownerOf = new Map(owners.map((c) => [c.id, c.ownerUserId]));
    expect(tasks).toHaveLength(9);
    expect(tasks.every((t) => t.assigneeUserId === ownerOf.get(t.customerId))).toBe(true);
  });
});

describe("working tasks", () => {
  it("a sales user lists only their own tasks, with the script and their customer's phone", async () => {
    const ctx = (await loadAuthContext({ userId: s1.userId, tenantId: a.tenantId }))!;
    const list = await listCareTasks(ctx, { status: "open" });
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((t) => t.assigneeUserId === s1.userId)).toBe(true);
    const fromRr = list.find((t) => t.campaignId === rrCampaign)!;
    expect(fromRr.callScript).toBe("您好，我是您的专属顾问……");
    expect(fromRr.customer.phone).not.toContain("*");
  });

  it("a forged post completing another user's task is refused and changes nothing", async () => {
    const theirs = (await tasksOf(ownerCampaign)).find((t) => t.assigneeUserId === s2.userId)!;
    signInAs(s1);
    const r = await recordOutcomeAction(form({ taskId: theirs.id, outcome: "purchased", version: theirs.version }));
    expect(r).toMatchObject({ ok: false, code: "not_found" });
    const reassign = await reassignTaskAction(form({ taskId: theirs.id, assigneeUserId: s1.userId }));
    expect(reassign).toMatchObject({ ok: false, code: "forbidden" });
    signInAs({ userId: b.owner.userId, tenantId: b.tenantId });
    expect(await recordOutcomeAction(form({ taskId: theirs.id, outcome: "purchased", version: theirs.version }))).toMatchObject({ ok: false, code: "not_found" });
    const after = await withTenant(a.owner, (tx) => tx.careTask.findFirst({ where: { id: theirs.id } }));
    expect(after).toMatchObject({ status: "open", outcome: null, assigneeUserId: s2.userId, version: theirs.version });
  });

  it("the assignee records an outcome once; the target is marked contacted and the change audited", async () => {
    const mine = (await tasksOf(ownerCampaign)).find((t) => t.assigneeUserId === s1.userId)!;
    signInAs(s1);
    const bad = await recordOutcomeAction(form({ taskId: mine.id, outcome: "maybe", version: mine.version }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors?.outcome).toBeTruthy();
    const ok = await recordOutcomeAction(form({ taskId: mine.id, outcome: "interested", note: "下周到店", version: mine.version }));
    expect(ok.ok).toBe(true);
    const again = await recordOutcomeAction(form({ taskId: mine.id, outcome: "refused", version: mine.version }));
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    const task = await withTenant(a.owner, (tx) => tx.careTask.findFirst({ where: { id: mine.id } }));
    expect(task).toMatchObject({ status: "done", outcome: "interested", note: "下周到店" });
    const target = await withTenant(a.owner, (tx) => tx.campaignTarget.findFirst({ where: { campaignId: ownerCampaign, customerId: mine.customerId } }));
    expect(target!.contactedAt).not.toBeNull();
    expect(target!.contactChannel).toBe("call");
    const audit = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { action: "care_task.complete", entityId: mine.id } }));
    expect(audit).toHaveLength(1);
  });

  it("a manager (care_task:assign) reassigns an open task with a new due date; the new assignee then sees it", async () => {
    const task = (await tasksOf(rrCampaign)).find((t) => t.assigneeUserId === s2.userId && t.status === "open")!;
    signInAs(manager);
    const r = await reassignTaskAction(form({ taskId: task.id, assigneeUserId: s3.userId, dueDate: "2030-01-15" }));
    expect(r.ok).toBe(true);
    const after = await withTenant(a.owner, (tx) => tx.careTask.findFirst({ where: { id: task.id } }));
    expect(after!.assigneeUserId).toBe(s3.userId);
    expect(after!.dueAt!.toISOString().slice(0, 10)).toBe("2030-01-15");
    const ctx3 = (await loadAuthContext({ userId: s3.userId, tenantId: a.tenantId }))!;
    expect((await listCareTasks(ctx3, { status: "open" })).some((t) => t.id === task.id)).toBe(true);
    const ctx2 = (await loadAuthContext({ userId: s2.userId, tenantId: a.tenantId }))!;
    expect((await listCareTasks(ctx2, { status: "open" })).some((t) => t.id === task.id)).toBe(false);
    const toOtherTenant = await reassignTaskAction(form({ taskId: task.id, assigneeUserId: b.owner.userId }));
    expect(toOtherTenant).toMatchObject({ ok: false, code: "validation" });
  });

  it("shows the customer's segment and churn risk from the newest successful scoring run, not a later failed one", async () => {
    const ctx = (await loadAuthContext({ userId: s1.userId, tenantId: a.tenantId }))!;
    const [first, second] = (await listCareTasks(ctx, { status: "all" })).map((t) => t.customer.id).filter((id, i, all) => all.indexOf(id) === i);
    expect(first && second).toBeTruthy();
    const D1 = new Date("2026-10-01");
    const D2 = new Date("2026-10-15");
    await withTenant(a.owner, async (tx) => {
      await tx.scoringRun.createMany({ data: [{ tenantId: a.tenantId, asOf: D1, status: "succeeded" }, { tenantId: a.tenantId, asOf: D2, status: "failed" }] });
      // first: scored by both runs (the failed one says the opposite); second: only by the failed run.
      await tx.customerScore.createMany({ data: [
        { tenantId: a.tenantId, customerId: first!, asOf: D1, rfmSegment: "at_risk", churnRisk: "high" },
        { tenantId: a.tenantId, customerId: first!, asOf: D2, rfmSegment: "champions", churnRisk: "low" },
        { tenantId: a.tenantId, customerId: second!, asOf: D2, rfmSegment: "champions", churnRisk: "low" },
      ] });
    });
    const byCustomer = new Map((await listCareTasks(ctx, { status: "all" })).map((t) => [t.customer.id, [t.customer.rfmSegment, t.customer.churnRisk]]));
    expect(byCustomer.get(first!)).toEqual(["at_risk", "high"]);
    expect(byCustomer.get(second!)).toEqual([null, null]);
  });
});
