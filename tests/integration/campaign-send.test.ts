// Campaign execution end to end through the real server actions, BullMQ and a real
// worker: a launched batch messages every eligible treatment customer exactly once
// (even when the job runs again, or twice at the same time), never the control group;
// opted-out, frequency-capped and address-less customers are skipped and counted; a
// double-clicked launch or batch form changes nothing twice; a past schedule is
// refused; a throttled batch sends its first slice and leaves a delayed next step;
// a user without campaign:execute and another tenant's owner change nothing.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { createApprovedCampaign, type TargetSpec, optOut, pastContact, setFrequencyCap } from "@/tests/factories/campaigns";
import { withTenant } from "@/lib/db/tenant";
import { runBatchStep } from "@/lib/campaigns/execution/send";
import { enqueueBatchStep, sendJobId } from "@/lib/campaigns/execution/enqueue";
import { campaignSendJob } from "@/lib/jobs/definitions";
import { queueFor } from "@/lib/jobs/queues";
import { withTestWorker } from "@/tests/support/test-worker";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { launchCampaignAction, createBatchAction } = await import("@/app/(app)/campaigns/[id]/execution/actions");

let a: TestTenant;
let b: TestTenant;
let planner: { tenantId: string; userId: string };
let sales: { tenantId: string; userId: string };
const ids = { eligible: [] as string[], control: [] as string[], optedOut: "", capped: "", noPhone: "" };
let campaignId = "";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 150));
  }
}

const messagesOf = (campaign: string) => withTenant(a.owner, (tx) => tx.outboundMessage.findMany({ where: { campaignId: campaign } }));
const batchesOf = (campaign: string) => withTenant(a.owner, (tx) => tx.campaignBatch.findMany({ where: { campaignId: campaign } }));
const sentEvents = (campaign: string) => withTenant(a.owner, async (tx) => {
  const msgs = await tx.outboundMessage.findMany({ where: { campaignId: campaign }, select: { id: true } });
  return tx.outboundMessageEvent.findMany({ where: { messageId: { in: msgs.map((m) => m.id) }, status: "sent" } });
});

withTestWorker();

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("SendA"), createTenant("SendB")]);
  planner = await addMember(a, "marketing_planner");
  sales = await addMember(a, "sales_staff");
  for (let i = 0; i < 6; i++) ids.eligible.push((await createCustomer(a, { name: `客户${i}`, phone: `+861380013800${i}` })).id);
  for (let i = 0; i < 3; i++) ids.control.push((await createCustomer(a, { name: `对照${i}`, phone: `+861390013900${i}` })).id);
  ids.optedOut = (await createCustomer(a, { name: "退订", phone: "+8613700137000" })).id;
  ids.capped = (await createCustomer(a, { name: "打扰过多", phone: "+8613700137001" })).id;
  ids.noPhone = (await createCustomer(a, { name: "无手机", phone: null })).id;
  await optOut(a, ids.optedOut, "sms");
  await setFrequencyCap(a, 2, 7);
  await pastContact(a, ids.capped, 1);
  await pastContact(a, ids.capped, 3);
  campaignId = (await createApprovedCampaign(a, {
    name: "双十一回馈", channels: ["sms"],
    targets: [...ids.eligible, ids.optedOut, ids.capped, ids.noPhone].map((customerId): TargetSpec => ({ customerId, arm: "treatment" }))
      .concat(ids.control.map((customerId): TargetSpec => ({ customerId, arm: "control" }))),
  })).id;
});

describe("launching and sending a batch", () => {
  it("refuses a user without campaign:execute and another tenant's owner, changing nothing", async () => {
    signInAs({ userId: sales.userId, tenantId: a.tenantId });
    const bySales = await launchCampaignAction(form({ campaignId }));
    expect(bySales).toMatchObject({ ok: false, code: "forbidden" });
    signInAs({ userId: b.owner.userId, tenantId: b.tenantId });
    const byB = await launchCampaignAction(form({ campaignId }));
    expect(byB).toMatchObject({ ok: false, code: "not_found" });
    const campaign = await withTenant(a.owner, (tx) => tx.campaign.findFirst({ where: { id: campaignId } }));
    expect(campaign!.status).toBe("approved");
    expect(await batchesOf(campaignId)).toHaveLength(0);
  });

  it("refuses a schedule in the past with a field message", async () => {
    signInAs({ userId: planner.userId, tenantId: a.tenantId });
    const r = await launchCampaignAction(form({ campaignId, sendMode: "schedule", scheduledAt: "2020-01-01T09:00" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors?.scheduledAt).toBeTruthy();
    expect((await withTenant(a.owner, (tx) => tx.campaign.findFirst({ where: { id: campaignId } })))!.status).toBe("approved");
  });

  it("a double-clicked launch starts one batch; the worker messages each eligible treatment customer once", async () => {
    signInAs({ userId: planner.userId, tenantId: a.tenantId });
    const f = { campaignId, messageTemplate: "{name}，双十一专享券已到账", costPerMessage: "0.05" };
    const [r1, r2] = await Promise.all([launchCampaignAction(form(f)), launchCampaignAction(form(f))]);
    expect(r1.ok && r2.ok).toBe(true);
    const results = [r1, r2].map((r) => (r.ok ? r.data : null));
    expect(results.filter((r) => r?.alreadyRunning)).toHaveLength(1);
    const batches = await batchesOf(campaignId);
    expect(batches).toHaveLength(1);
    const batch = await waitFor(async () => (await batchesOf(campaignId)).find((x) => x.status === "done"));
    const msgs = await messagesOf(campaignId);
    const delivered = msgs.filter((m) => m.status === "delivered");
    expect(delivered.map((m) => m.customerId).sort()).toEqual([...ids.eligible].sort());
    expect(delivered.every((m) => m.provider === "dev" && m.body.endsWith("双十一专享券已到账"))).toBe(true);
    expect(delivered.find((m) => m.customerId === ids.eligible[0])!.body).toBe("客户0，双十一专享券已到账");
    expect(msgs.some((m) => ids.control.includes(m.customerId))).toBe(false);
    const skipped = Object.fromEntries(msgs.filter((m) => m.status === "skipped").map((m) => [m.customerId, m.skipReason]));
    expect(skipped).toEqual({ [ids.optedOut]: "opt_out", [ids.capped]: "frequency_cap", [ids.noPhone]: "no_address" });
    expect(batch).toMatchObject({ sentCount: 6, plannedCount: 6, skippedOptOut: 1, skippedCap: 1, skippedNoAddress: 1, failedCount: 0 });
    const targets = await withTenant(a.owner, (tx) => tx.campaignTarget.findMany({ where: { campaignId } }));
    expect(targets.filter((t) => t.contactedAt).map((t) => t.customerId).sort()).toEqual([...ids.eligible].sort());
    expect(targets.filter((t) => t.arm === "control").every((t) => t.contactedAt === null)).toBe(true);
    const audit = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { action: "campaign.launch", entityId: campaignId } }));
    expect(audit).toHaveLength(1);
  });

  it("running the batch's job again, or twice at once, sends nothing twice", async () => {
    const [batch] = await batchesOf(campaignId);
    const before = await sentEvents(campaignId);
    await Promise.all([runBatchStep(a.tenantId, batch!.id), runBatchStep(a.tenantId, batch!.id)]);
    const job = await enqueueBatchStep(a.tenantId, batch!.id, 77);
    await waitFor(async () => (await job.getState()) === "completed");
    expect(await sentEvents(campaignId)).toHaveLength(before.length);
    expect(before).toHaveLength(6);
    expect(await messagesOf(campaignId)).toHaveLength(9);
  });

  it("a batch re-planned after a crash between claim and send sends the claimed rows once", async () => {
    const c = (await createApprovedCampaign(a, {
      channels: ["sms"], status: "running",
      targets: ids.eligible.slice(0, 2).map((customerId): TargetSpec => ({ customerId, arm: "treatment" })),
    })).id;
    const batch = await withTenant(a.owner, (tx) => tx.campaignBatch.create({ data: { tenantId: a.tenantId, campaignId: c, channel: "sms", scheduledAt: new Date() } }));
    // Two workers start the same step at the same moment.
    const results = await Promise.all([runBatchStep(a.tenantId, batch.id), runBatchStep(a.tenantId, batch.id), runBatchStep(a.tenantId, batch.id)]);
    const sentTotal = results.reduce((s, r) => s + ("sent" in r ? r.sent : 0), 0);
    expect(sentTotal).toBe(2);
    expect(await sentEvents(c)).toHaveLength(2);
    expect(await messagesOf(c)).toHaveLength(2);
  });

  it("a double-submitted batch form makes one batch; a new batch finds nobody left to message", async () => {
    signInAs({ userId: planner.userId, tenantId: a.tenantId });
    const f = form({ campaignId, channel: "sms", requestKey: `rk-${randomUUID()}` });
    const [r1, r2] = await Promise.all([createBatchAction(f), createBatchAction(f)]);
    expect(r1.ok && r2.ok).toBe(true);
    if (r1.ok && r2.ok) expect(r1.data.batchId).toBe(r2.data.batchId);
    expect(await batchesOf(campaignId)).toHaveLength(2);
    await waitFor(async () => (await batchesOf(campaignId)).every((x) => x.status === "done"));
    const msgs = await messagesOf(campaignId);
    expect(msgs.filter((m) => m.status === "delivered")).toHaveLength(6);
  });

  it("a throttled batch sends one slice now and leaves a delayed next step on the {prefix} queue", async () => {
    const customers = await Promise.all([0, 1, 2, 3, 4].map((i) => createCustomer(a, { name: `限速${i}`, phone: `+861360013600${i}` })));
    const c = (await createApprovedCampaign(a, { channels: ["sms"], targets: customers.map((x) => ({ customerId: x.id, arm: "treatment" as const })) })).id;
    signInAs({ userId: planner.userId, tenantId: a.tenantId });
    const r = await launchCampaignAction(form({ campaignId: c, throttlePerHour: "24" }));
    expect(r.ok).toBe(true);
    const [batch] = await batchesOf(c);
    await waitFor(async () => (await queueFor(campaignSendJob).getJob(sendJobId(batch!.id, 1))) ?? null);
    const next = await queueFor(campaignSendJob).getJob(sendJobId(batch!.id, 1));
    expect(await next!.getState()).toBe("delayed");
    expect(queueFor(campaignSendJob).opts.prefix).toMatch(/^\{.+\}$/);
    const msgs = await messagesOf(c);
    expect(msgs.filter((m) => m.status === "delivered")).toHaveLength(2);
    expect(msgs.filter((m) => m.status === "queued")).toHaveLength(3);
    await next!.remove();
  });
});
