// Running a campaign (issue 7, point 4): launch, more batches, cancel, complete.
// Every change runs in the caller's tenant (RLS), needs campaign:execute (the
// actions say so), is audited in the same transaction, and is safe to repeat:
//   * launching a campaign that is already running is a no-op that says so;
//   * a batch form carries a one-time request key, unique per campaign: a double
//     click makes one batch (the second answer is the first batch);
//   * a time in the past is refused with a field message, never silently "now".
// Jobs are enqueued after the commit; their ids derive from (batch, step), so a
// repeated enqueue (resume) is one job.
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { tenantTimeZone } from "@/lib/tenants/time-zone";
import { enqueueBatchStep } from "@/lib/campaigns/execution/enqueue";
import type { BatchInput, LaunchInput } from "@/lib/campaigns/execution/schemas";
import { capFor, generateCareTasks } from "@/lib/care-tasks/generate";
import { OUTCOMES_CTE } from "@/lib/campaigns/evaluation/outcomes.sql";

/** Channels sent in batches ("store": the in-store list, nothing is sent). */
export const MESSAGE_CHANNELS = ["sms", "email", "wechat", "store"] as const;
export const CALL_CHANNEL = "call";
const SCHEDULE_GRACE_MS = 60_000;

const notFound = () => new AppError("not_found", "campaignRun.error.notFound");

type CampaignRow = { id: string; status: string; channels: string[]; name: string };

async function lockCampaign(tx: TenantTx, tenantId: string, campaignId: string): Promise<CampaignRow> {
  const [row] = await tx.$queryRaw<CampaignRow[]>`
    SELECT id::text, status, channels, name FROM campaigns WHERE tenant_id = ${tenantId}::uuid AND id = ${campaignId}::uuid FOR UPDATE`;
  if (!row) throw notFound();
  return row;
}

/** The send time: now, or the local time given read in the tenant's zone; the past is refused. */
async function sendTime(tx: TenantTx, tenantId: string, input: { sendMode: "now" | "schedule"; scheduledAt?: string }): Promise<Date> {
  if (input.sendMode === "now" || !input.scheduledAt) return new Date();
  const zone = await tenantTimeZone(tx, tenantId);
  const [row] = await tx.$queryRaw<{ at: Date }[]>`SELECT (${input.scheduledAt}::timestamp AT TIME ZONE ${zone}) AS at`;
  const at = new Date(row!.at);
  if (at.getTime() < Date.now() - SCHEDULE_GRACE_MS) {
    throw new AppError("validation", "campaignRun.error.scheduleInPast", {}, { scheduledAt: "campaignRun.error.scheduleInPast" });
  }
  return at;
}

type PlannedBatch = { id: string; scheduledAt: Date };

export type LaunchResult = {
  alreadyRunning: boolean;
  batches: number;
  tasks: number;
  skippedTaskOptOut: number;
  skippedTaskCap: number;
  unsupportedChannels: string[];
};

export async function launchCampaign(ctx: AuthContext, input: LaunchInput): Promise<LaunchResult> {
  const planned: PlannedBatch[] = [];
  const result = await withTenant(ctx, async (tx): Promise<LaunchResult> => {
    const campaign = await lockCampaign(tx, ctx.tenantId, input.campaignId);
    const none = { batches: 0, tasks: 0, skippedTaskOptOut: 0, skippedTaskCap: 0, unsupportedChannels: [] };
    if (campaign.status === "running") return { alreadyRunning: true, ...none };
    if (campaign.status !== "approved") throw new AppError("conflict", "campaignRun.error.notApproved", { status: campaign.status });
    const treatment = await tx.campaignTarget.count({ where: { campaignId: campaign.id, arm: "treatment" } });
    if (treatment === 0) throw new AppError("validation", "campaignRun.error.noTargets");
    const at = await sendTime(tx, ctx.tenantId, input);

    let excluded: string[] = [];
    if (input.parentCampaignId) {
      if (input.parentCampaignId === campaign.id) throw new AppError("validation", "campaignRun.error.parent", {}, { parentCampaignId: "campaignRun.error.parent" });
      const parent = await tx.campaignRun.findFirst({ where: { campaignId: input.parentCampaignId, launchedAt: { not: null } } });
      if (!parent) throw new AppError("validation", "campaignRun.error.parent", {}, { parentCampaignId: "campaignRun.error.parent" });
      if (input.retarget === "non_responders") {
        const rows = await tx.$queryRawUnsafe<{ customer_id: string }[]>(
          `WITH ${OUTCOMES_CTE} SELECT customer_id::text FROM outcome WHERE converted`, ctx.tenantId, input.parentCampaignId);
        excluded = rows.map((r) => r.customer_id);
      }
    }
    await tx.$executeRaw`UPDATE campaigns SET status = 'running', updated_at = now() WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${campaign.id}::uuid`;
    const settings = {
      parentCampaignId: input.parentCampaignId ?? null, phase: input.parentCampaignId ? 2 : 1,
      retarget: input.parentCampaignId ? input.retarget : "all", excludedCustomerIds: excluded,
      messageTemplate: input.messageTemplate, callScript: input.callScript, assignment: input.assignment,
      taskDueDays: input.taskDueDays, attributionDays: input.attributionDays, costPerMessage: input.costPerMessage,
      costPerCall: input.costPerCall, fixedCost: input.fixedCost, launchedAt: new Date(), launchedBy: ctx.userId,
    };
    await tx.campaignRun.upsert({
      where: { tenantId_campaignId: { tenantId: ctx.tenantId, campaignId: campaign.id } },
      create: { tenantId: ctx.tenantId, campaignId: campaign.id, ...settings },
      update: settings,
    });

    let tasks = { created: 0, skippedOptOut: 0, skippedCap: 0 };
    if (campaign.channels.includes(CALL_CHANNEL)) {
      const cap = await capFor(tx);
      tasks = await generateCareTasks(tx, {
        tenantId: ctx.tenantId, campaignId: campaign.id, assignment: input.assignment, dueDays: input.taskDueDays,
        assignedBy: ctx.userId, capMax: cap.maxContacts, capDays: cap.windowDays,
      });
    }
    for (const channel of MESSAGE_CHANNELS.filter((c) => campaign.channels.includes(c))) {
      const batch = await tx.campaignBatch.create({
        data: {
          tenantId: ctx.tenantId, campaignId: campaign.id, channel, scheduledAt: at, throttlePerHour: input.throttlePerHour,
          requestKey: `launch-${channel}`, createdBy: ctx.userId,
        },
      });
      planned.push({ id: batch.id, scheduledAt: at });
    }
    const unsupportedChannels = campaign.channels.filter((c) => c !== CALL_CHANNEL && !(MESSAGE_CHANNELS as readonly string[]).includes(c));
    await writeAudit(tx, ctx, {
      action: "campaign.launch", entity: "campaign", entityId: campaign.id, before: { status: campaign.status },
      after: { status: "running", batches: planned.length, tasks: tasks.created, scheduledAt: at, throttlePerHour: input.throttlePerHour, phase: settings.phase },
    });
    return { alreadyRunning: false, batches: planned.length, tasks: tasks.created, skippedTaskOptOut: tasks.skippedOptOut, skippedTaskCap: tasks.skippedCap, unsupportedChannels };
  }, { timeoutMs: 60_000 });
  for (const b of planned) await enqueueBatchStep(ctx.tenantId, b.id, 0, b.scheduledAt.getTime() - Date.now());
  return result;
}

export async function createBatch(ctx: AuthContext, input: BatchInput): Promise<{ batchId: string; duplicate: boolean }> {
  let enqueue: PlannedBatch | null = null;
  const out = await withTenant(ctx, async (tx) => {
    const campaign = await lockCampaign(tx, ctx.tenantId, input.campaignId);
    const existing = await tx.campaignBatch.findFirst({ where: { campaignId: campaign.id, requestKey: input.requestKey } });
    if (existing) return { batchId: existing.id, duplicate: true };
    if (campaign.status !== "running") throw new AppError("conflict", "campaignRun.error.notRunning");
    if (!campaign.channels.includes(input.channel)) throw new AppError("validation", "campaignRun.error.channel", {}, { channel: "campaignRun.error.channel" });
    const at = await sendTime(tx, ctx.tenantId, input);
    const batch = await tx.campaignBatch.create({
      data: {
        tenantId: ctx.tenantId, campaignId: campaign.id, channel: input.channel, scheduledAt: at, throttlePerHour: input.throttlePerHour,
        sizeLimit: input.sizeLimit, requestKey: input.requestKey, createdBy: ctx.userId,
      },
    });
    await writeAudit(tx, ctx, { action: "campaign.batch.create", entity: "campaign", entityId: campaign.id,
      after: { batchId: batch.id, channel: input.channel, scheduledAt: at, throttlePerHour: input.throttlePerHour, sizeLimit: input.sizeLimit } });
    enqueue = { id: batch.id, scheduledAt: at };
    return { batchId: batch.id, duplicate: false };
  });
  const e = enqueue as PlannedBatch | null;
  if (e) await enqueueBatchStep(ctx.tenantId, e.id, 0, e.scheduledAt.getTime() - Date.now());
  return out;
}

/** Stops a running campaign: its batches stop after the message in hand, open tasks are cancelled. */
export async function cancelCampaign(ctx: AuthContext, campaignId: string): Promise<{ changed: boolean }> {
  return withTenant(ctx, async (tx) => {
    const campaign = await lockCampaign(tx, ctx.tenantId, campaignId);
    if (campaign.status === "cancelled") return { changed: false };
    if (campaign.status !== "running" && campaign.status !== "approved") throw new AppError("conflict", "campaignRun.error.notRunning");
    await tx.$executeRaw`UPDATE campaigns SET status = 'cancelled', updated_at = now() WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${campaign.id}::uuid`;
    await tx.campaignBatch.updateMany({ where: { campaignId: campaign.id, status: { in: ["scheduled", "running"] } }, data: { status: "cancelled", finishedAt: new Date() } });
    const { count } = await tx.careTask.updateMany({ where: { campaignId: campaign.id, status: "open" }, data: { status: "cancelled" } });
    await tx.campaignRun.updateMany({ where: { campaignId: campaign.id }, data: { finishedAt: new Date() } });
    await writeAudit(tx, ctx, { action: "campaign.cancel", entity: "campaign", entityId: campaign.id, before: { status: campaign.status }, after: { status: "cancelled", tasksCancelled: count } });
    return { changed: true };
  });
}

/** Marks a running campaign completed (evaluation keeps counting purchases in the attribution window). */
export async function completeCampaign(ctx: AuthContext, campaignId: string): Promise<{ changed: boolean }> {
  return withTenant(ctx, async (tx) => {
    const campaign = await lockCampaign(tx, ctx.tenantId, campaignId);
    if (campaign.status === "completed") return { changed: false };
    if (campaign.status !== "running") throw new AppError("conflict", "campaignRun.error.notRunning");
    const busy = await tx.campaignBatch.count({ where: { campaignId: campaign.id, status: { in: ["scheduled", "running"] } } });
    if (busy > 0) throw new AppError("conflict", "campaignRun.error.batchesBusy", { count: busy });
    await tx.$executeRaw`UPDATE campaigns SET status = 'completed', updated_at = now() WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${campaign.id}::uuid`;
    await tx.campaignRun.updateMany({ where: { campaignId: campaign.id }, data: { finishedAt: new Date() } });
    await writeAudit(tx, ctx, { action: "campaign.complete", entity: "campaign", entityId: campaign.id, before: { status: "running" }, after: { status: "completed" } });
    return { changed: true };
  });
}

/** Enqueues again every unfinished batch (after a Redis outage, say); job ids make it a no-op otherwise. */
export async function resumeCampaign(ctx: AuthContext, campaignId: string): Promise<{ batches: number }> {
  const batches = await withTenant(ctx, async (tx) => {
    const campaign = await lockCampaign(tx, ctx.tenantId, campaignId);
    if (campaign.status !== "running") throw new AppError("conflict", "campaignRun.error.notRunning");
    return tx.campaignBatch.findMany({ where: { campaignId: campaign.id, status: { in: ["scheduled", "running"] } }, select: { id: true, scheduledAt: true } });
  });
  // A fresh step number: the finished steps' ids are taken.
  const step = Math.floor(Date.now() / 1000) % 100_000;
  for (const b of batches) await enqueueBatchStep(ctx.tenantId, b.id, step, b.scheduledAt.getTime() - Date.now());
  return { batches: batches.length };
}
