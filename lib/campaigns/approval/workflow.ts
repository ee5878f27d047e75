// Submitting a plan for approval and deciding on it (issue 7, point 2).
//
//  * submit (campaign:manage): refused with a clear message when the start is in
//    the past, the audience is empty, or the budget is below the estimated cost.
//    A budget above the tenant's threshold needs two approval levels.
//  * approve / reject (campaign:approve, checked by the guard): never by the person
//    who submitted it, and level 2 never by the level-1 approver; a rejection needs
//    a comment. The final approval freezes the audience into campaign_targets
//    (materializeAudience) in the same transaction.
//  * a computed (dynamic, model, basket) segment is re-evaluated on submission and
//    again just before the audience is frozen, as the requester (audience-refresh.ts);
//    a static segment is used as it is.
// Each step locks the campaign row (FOR UPDATE), so two approvers clicking at once
// cannot both move it; every decision is kept in campaign_approvals and audited.
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { materializeAudience } from "@/lib/campaigns/audience";
import { refreshCampaignSegment, requesterContext } from "@/lib/campaigns/audience-refresh";
import { todayIn } from "@/lib/campaigns/plan/form";
import { planPreview } from "@/lib/campaigns/plan/preview";
import { isCampaignStatus, pendingLevel, type CampaignStatus } from "@/lib/campaigns/status";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError, notFound } from "@/lib/errors";
import { tenantTimeZone } from "@/lib/tenants/time-zone";

const TIMEOUT = 120_000;

async function lockCampaign(tx: TenantTx, tenantId: string, id: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM campaigns WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
  if (!row) throw notFound("campaign");
  return tx.campaign.findFirstOrThrow({ where: { id } });
}

async function assertNotInPast(tx: TenantTx, tenantId: string, startsAt: Date | null) {
  const tz = await tenantTimeZone(tx, tenantId);
  if (!startsAt) throw new AppError("validation", "campaigns.error.noSchedule");
  const startDay = todayIn(tz, startsAt);
  const today = todayIn(tz);
  if (startDay < today) throw new AppError("validation", "campaigns.error.startInPast", { day: startDay, today });
}

const money = (n: number) => n.toFixed(2);

export async function submitCampaign(ctx: AuthContext, id: string): Promise<{ status: CampaignStatus; levels: number }> {
  return withTenant(ctx, async (tx) => {
    const c = await lockCampaign(tx, ctx.tenantId, id);
    if (c.status !== "draft" && c.status !== "rejected") throw new AppError("conflict", "campaigns.error.notSubmittable", { status: c.status });
    await assertNotInPast(tx, ctx.tenantId, c.startsAt);
    if (!c.segmentId) throw new AppError("validation", "campaigns.error.noAudience");
    await refreshCampaignSegment(tx, ctx, { campaignId: id, segmentId: c.segmentId, step: "submit" }, ctx.userId);
    const preview = await planPreview(tx, ctx.tenantId, {
      id: c.id, segmentId: c.segmentId, audienceFrozenAt: c.audienceFrozenAt, controlRatio: Number(c.controlRatio), offerValue: Number(c.offerValue),
    });
    if (preview.audience === 0) throw new AppError("validation", "campaigns.error.emptyAudience");
    const budget = Number(c.budget ?? 0);
    if (budget < preview.estimatedCost) {
      throw new AppError("validation", "campaigns.error.budgetBelowCost", { budget: money(budget), cost: money(preview.estimatedCost) });
    }
    const levels = budget > preview.settings.secondLevelThreshold ? 2 : 1;
    await tx.campaign.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id } },
      data: {
        status: "pending_approval", requestedBy: ctx.userId, requestedAt: new Date(), approvalLevelRequired: levels,
        audienceCount: preview.audience, predictedResponse: preview.predictedResponse.toFixed(5), estimatedCost: money(preview.estimatedCost),
      },
    });
    await tx.campaignApproval.create({ data: { tenantId: ctx.tenantId, campaignId: id, level: 1, decision: "submitted", userId: ctx.userId } });
    await writeAudit(tx, ctx, {
      action: "campaign.submit", entity: "campaign", entityId: id, before: { status: c.status },
      after: { status: "pending_approval", levels, audience: preview.audience, estimatedCost: preview.estimatedCost },
    });
    return { status: "pending_approval" as const, levels };
  }, { timeoutMs: TIMEOUT });
}

async function pending(tx: TenantTx, ctx: AuthContext, id: string) {
  const c = await lockCampaign(tx, ctx.tenantId, id);
  const level = isCampaignStatus(c.status) ? pendingLevel(c.status) : null;
  if (!level) throw new AppError("conflict", "campaigns.error.notPending", { status: c.status });
  if (c.requestedBy === ctx.userId) throw new AppError("forbidden", "campaigns.error.ownRequest");
  if (level === 2) {
    const first = await tx.campaignApproval.findFirst({
      where: { campaignId: id, level: 1, decision: "approved" }, orderBy: { createdAt: "desc" }, select: { userId: true },
    });
    if (first?.userId === ctx.userId) throw new AppError("forbidden", "campaigns.error.sameApprover");
  }
  return { c, level };
}

export async function approveCampaign(ctx: AuthContext, id: string, comment: string): Promise<{ status: CampaignStatus; treatment?: number; control?: number }> {
  return withTenant(ctx, async (tx) => {
    const { c, level } = await pending(tx, ctx, id);
    await tx.campaignApproval.create({ data: { tenantId: ctx.tenantId, campaignId: id, level, decision: "approved", comment: comment || null, userId: ctx.userId } });
    if (level < c.approvalLevelRequired) {
      await tx.campaign.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { status: "pending_approval_2" } });
      await writeAudit(tx, ctx, { action: "campaign.approve", entity: "campaign", entityId: id, before: { status: c.status }, after: { status: "pending_approval_2", level, comment } });
      return { status: "pending_approval_2" as const };
    }
    await assertNotInPast(tx, ctx.tenantId, c.startsAt);
    await tx.campaign.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { status: "approved" } });
    if (c.segmentId && !c.audienceFrozenAt) {
      const requester = await requesterContext(tx, ctx.tenantId, c.requestedBy);
      await refreshCampaignSegment(tx, requester, { campaignId: id, segmentId: c.segmentId, step: "approve" }, ctx.userId);
    }
    const arms = await materializeAudience(tx, ctx.tenantId, id);
    if (arms.treatment + arms.control === 0) throw new AppError("validation", "campaigns.error.emptyAudience");
    await writeAudit(tx, ctx, { action: "campaign.approve", entity: "campaign", entityId: id, before: { status: c.status }, after: { status: "approved", level, comment, ...arms } });
    return { status: "approved" as const, ...arms };
  }, { timeoutMs: TIMEOUT });
}

export async function rejectCampaign(ctx: AuthContext, id: string, comment: string): Promise<{ status: CampaignStatus }> {
  if (!comment.trim()) throw new AppError("validation", "campaigns.error.commentRequired", {}, { comment: "campaigns.error.commentRequired" });
  return withTenant(ctx, async (tx) => {
    const { c, level } = await pending(tx, ctx, id);
    await tx.campaignApproval.create({ data: { tenantId: ctx.tenantId, campaignId: id, level, decision: "rejected", comment, userId: ctx.userId } });
    await tx.campaign.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { status: "rejected" } });
    await writeAudit(tx, ctx, { action: "campaign.reject", entity: "campaign", entityId: id, before: { status: c.status }, after: { status: "rejected", level, comment } });
    return { status: "rejected" as const };
  });
}
