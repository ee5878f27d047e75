// Reading campaigns for the planning pages: the list, one campaign with its plan,
// approval history and audience preview, and what the plan form offers.
import type { AuthContext } from "@/lib/auth/context";
import { planPreview, type Preview } from "@/lib/campaigns/plan/preview";
import { readCampaignSettings, type CampaignSettings } from "@/lib/campaigns/settings";
import { isCampaignStatus, type CampaignStatus } from "@/lib/campaigns/status";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { tenantTimeZone } from "@/lib/tenants/time-zone";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CampaignRow = {
  id: string; name: string; status: string; channels: string[]; budget: number | null; startsAt: Date | null; endsAt: Date | null;
  ownerName: string | null; audienceCount: number | null; createdAt: Date;
};

async function userNames(tx: TenantTx, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await tx.membership.findMany({ where: { userId: { in: wanted } }, select: { userId: true, user: { select: { name: true } } } });
  return new Map(rows.map((r) => [r.userId, r.user.name]));
}

export async function listCampaigns(ctx: AuthContext, status?: CampaignStatus): Promise<{ rows: CampaignRow[]; timeZone: string }> {
  return withTenant(ctx, async (tx) => {
    const rows = await tx.campaign.findMany({ where: status ? { status } : {}, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 200 });
    const names = await userNames(tx, rows.map((r) => r.ownerUserId));
    return {
      timeZone: await tenantTimeZone(tx, ctx.tenantId),
      rows: rows.map((r) => ({
        id: r.id, name: r.name, status: r.status, channels: r.channels, budget: r.budget === null ? null : Number(r.budget),
        startsAt: r.startsAt, endsAt: r.endsAt, ownerName: r.ownerUserId ? names.get(r.ownerUserId) ?? null : null,
        audienceCount: r.audienceCount, createdAt: r.createdAt,
      })),
    };
  });
}

export type ApprovalRow = { id: string; level: number; decision: string; comment: string | null; userName: string | null; userId: string | null; createdAt: Date };
export type CampaignDetail = {
  id: string; name: string; goal: string | null; status: CampaignStatus; channels: string[]; offerDescription: string | null; offerValue: number;
  budget: number | null; startsAt: Date | null; endsAt: Date | null; controlRatio: number; ownerUserId: string | null; ownerName: string | null;
  segment: { id: string; name: string; kind: string; refreshedAt: Date | null } | null;
  requestedBy: string | null; requestedByName: string | null; requestedAt: Date | null; approvalLevelRequired: number;
  estimatedCost: number | null; audienceCount: number | null; audienceFrozenAt: Date | null;
  approvals: ApprovalRow[];
  preview: Preview;
  timeZone: string;
};

/** One campaign, or null when it is not the tenant's (RLS) or the id is not a uuid. */
export async function getCampaign(ctx: AuthContext, id: string, offerLevels?: number[]): Promise<CampaignDetail | null> {
  if (!UUID.test(id)) return null;
  return withTenant(ctx, async (tx) => {
    const c = await tx.campaign.findFirst({ where: { id } });
    if (!c) return null;
    const approvals = await tx.campaignApproval.findMany({ where: { campaignId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const names = await userNames(tx, [c.ownerUserId, c.requestedBy, ...approvals.map((a) => a.userId)]);
    const segment = c.segmentId ? await tx.segment.findFirst({ where: { id: c.segmentId }, select: { id: true, name: true, kind: true, refreshedAt: true } }) : null;
    const preview = await planPreview(tx, ctx.tenantId, {
      id: c.id, segmentId: c.segmentId, audienceFrozenAt: c.audienceFrozenAt, controlRatio: Number(c.controlRatio), offerValue: Number(c.offerValue),
    }, offerLevels);
    const offer = c.offer as { description?: unknown } | null;
    return {
      id: c.id, name: c.name, goal: c.goal, status: isCampaignStatus(c.status) ? c.status : "draft", channels: c.channels,
      offerDescription: typeof offer?.description === "string" ? offer.description : null, offerValue: Number(c.offerValue),
      budget: c.budget === null ? null : Number(c.budget), startsAt: c.startsAt, endsAt: c.endsAt, controlRatio: Number(c.controlRatio),
      ownerUserId: c.ownerUserId, ownerName: c.ownerUserId ? names.get(c.ownerUserId) ?? null : null,
      segment, requestedBy: c.requestedBy, requestedByName: c.requestedBy ? names.get(c.requestedBy) ?? null : null, requestedAt: c.requestedAt,
      approvalLevelRequired: c.approvalLevelRequired, estimatedCost: c.estimatedCost === null ? null : Number(c.estimatedCost),
      audienceCount: c.audienceCount, audienceFrozenAt: c.audienceFrozenAt,
      approvals: approvals.map((a) => ({ id: a.id, level: a.level, decision: a.decision, comment: a.comment, userId: a.userId, userName: a.userId ? names.get(a.userId) ?? null : null, createdAt: a.createdAt })),
      preview,
      timeZone: await tenantTimeZone(tx, ctx.tenantId),
    };
  }, { timeoutMs: 60_000 });
}

export type PlanFormOptions = {
  segments: { id: string; name: string; kind: string; memberCount: number }[];
  owners: { id: string; name: string }[];
  settings: CampaignSettings;
  timeZone: string;
};

export async function planFormOptions(ctx: AuthContext): Promise<PlanFormOptions> {
  return withTenant(ctx, async (tx) => {
    const segments = await tx.segment.findMany({ select: { id: true, name: true, kind: true, memberCount: true }, orderBy: [{ name: "asc" }], take: 500 });
    const members = await tx.membership.findMany({ where: { status: "active" }, select: { userId: true, user: { select: { name: true } } } });
    return {
      segments,
      owners: members.map((m) => ({ id: m.userId, name: m.user.name })).sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
      settings: await readCampaignSettings(tx),
      timeZone: await tenantTimeZone(tx, ctx.tenantId),
    };
  });
}

/** The plan as the edit form shows it (days in the tenant's zone, the end day inclusive). */
export async function planFormValues(ctx: AuthContext, id: string) {
  if (!UUID.test(id)) return null;
  return withTenant(ctx, async (tx) => {
    const c = await tx.campaign.findFirst({ where: { id } });
    if (!c) return null;
    const tz = await tenantTimeZone(tx, ctx.tenantId);
    const day = (d: Date | null, minusOne = false) => {
      if (!d) return "";
      const t = new Date(d.getTime() - (minusOne ? 1 : 0));
      return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(t);
    };
    const offer = c.offer as { description?: unknown } | null;
    return {
      id: c.id, status: c.status,
      values: {
        name: c.name, goal: c.goal ?? "", channels: c.channels, offerDescription: typeof offer?.description === "string" ? offer.description : "",
        offerValue: Number(c.offerValue).toString(), budget: c.budget === null ? "" : Number(c.budget).toString(),
        startsOn: day(c.startsAt), endsOn: day(c.endsAt, true), ownerUserId: c.ownerUserId ?? "", segmentId: c.segmentId ?? "",
        controlPercent: String(Math.round(Number(c.controlRatio) * 1000) / 10),
      },
    };
  });
}
