// Creating and editing a campaign plan (campaign:manage). A plan is saved as a
// draft; editing a rejected campaign takes it back to draft (its approval history
// stays). Refused with a clear message: a start in the past, a segment or owner
// that is not the tenant's, editing a campaign that is waiting for or past approval.
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { EDITABLE_STATUSES, isCampaignStatus } from "@/lib/campaigns/status";
import { todayIn, type PlanForm } from "@/lib/campaigns/plan/form";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError, notFound } from "@/lib/errors";
import { tenantTimeZone } from "@/lib/tenants/time-zone";

/** The message quotes the values; the field's own note is a short key without parameters. */
const fieldError = (field: string, key: string, params: Record<string, string | number> = {}, fieldKey = key) =>
  new AppError("validation", key, params, { [field]: fieldKey });

/** The instant a calendar day starts in the tenant's zone. */
async function dayStart(tx: TenantTx, day: string, tz: string): Promise<Date> {
  const [row] = await tx.$queryRaw<{ t: Date }[]>`SELECT ((${day}::date)::timestamp AT TIME ZONE ${tz}) AS t`;
  return row!.t;
}

/** The checks every save and every submission repeats; returns the stored form of the plan. */
export async function checkedPlan(tx: TenantTx, ctx: AuthContext, form: PlanForm) {
  const tz = await tenantTimeZone(tx, ctx.tenantId);
  const today = todayIn(tz);
  if (form.startsOn < today) throw fieldError("startsOn", "campaigns.error.startInPast", { day: form.startsOn, today }, "campaigns.error.startInPastField");
  const segment = await tx.segment.findFirst({ where: { id: form.segmentId }, select: { id: true, kind: true, name: true } });
  if (!segment) throw fieldError("segmentId", "campaigns.error.segmentNotFound");
  const owner = await tx.membership.findFirst({ where: { userId: form.ownerUserId, status: "active" }, select: { userId: true } });
  if (!owner) throw fieldError("ownerUserId", "campaigns.error.owner");
  // The end day is inclusive: the campaign runs until the next day starts.
  const next = new Date(`${form.endsOn}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return {
    name: form.name,
    goal: form.goal || null,
    channels: form.channels,
    offer: form.offerDescription ? { description: form.offerDescription } : undefined,
    offerValue: form.offerValue.toFixed(2),
    budget: form.budget.toFixed(2),
    startsAt: await dayStart(tx, form.startsOn, tz),
    endsAt: await dayStart(tx, next.toISOString().slice(0, 10), tz),
    ownerUserId: form.ownerUserId,
    segmentId: segment.id,
    targetSource: { kind: "segment", segmentKind: segment.kind, segmentName: segment.name },
    controlRatio: (form.controlPercent / 100).toFixed(3),
  };
}

export async function createCampaign(ctx: AuthContext, form: PlanForm): Promise<{ id: string }> {
  return withTenant(ctx, async (tx) => {
    const plan = await checkedPlan(tx, ctx, form);
    const campaign = await tx.campaign.create({ data: { tenantId: ctx.tenantId, ...plan, status: "draft", createdBy: ctx.userId } });
    await writeAudit(tx, ctx, { action: "campaign.create", entity: "campaign", entityId: campaign.id, after: plan });
    return { id: campaign.id };
  });
}

export async function updateCampaign(ctx: AuthContext, id: string, form: PlanForm): Promise<{ id: string }> {
  return withTenant(ctx, async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM campaigns WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    if (!locked) throw notFound("campaign");
    if (!isCampaignStatus(locked.status) || !EDITABLE_STATUSES.includes(locked.status)) {
      throw new AppError("conflict", "campaigns.error.notEditable", { status: locked.status });
    }
    const before = await tx.campaign.findFirstOrThrow({ where: { id } });
    const plan = await checkedPlan(tx, ctx, form);
    await tx.campaign.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id } },
      data: { ...plan, status: "draft", requestedBy: null, requestedAt: null, approvalLevelRequired: 1, estimatedCost: null, audienceCount: null, predictedResponse: null },
    });
    await writeAudit(tx, ctx, { action: "campaign.update", entity: "campaign", entityId: id, before, after: plan });
    return { id };
  });
}
