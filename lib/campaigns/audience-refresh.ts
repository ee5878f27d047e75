// A campaign reads its segment's members at two moments: on submission (the audience
// count and estimated cost the budget is checked against) and on final approval
// (the audience frozen into campaign_targets, audience.ts). A computed segment
// (dynamic, model, basket) is re-evaluated at both, in the same transaction, so the
// campaign targets who matches now rather than who matched at the last press of
// "refresh"; a static segment keeps the members it was frozen with.
//
// Members are computed as the campaign's requester, within their scope of
// segment:manage, exactly as their own refresh would be. At approval the requester
// is read with their permissions as they are now (as an export does): if they have
// left or lost segment:manage, the approval is refused with a message saying why,
// never computed in someone else's (wider or narrower) scope.
import { can, readAuthContext, type AuthContext } from "@/lib/auth/context";
import type { TenantTx } from "@/lib/db/tenant";
import { AppError, notFound } from "@/lib/errors";
import { recomputeMembers } from "@/lib/segments/mutations";

export type CampaignUse = { campaignId: string; segmentId: string; step: "submit" | "approve" };

/**
 * Re-evaluates the campaign's segment unless it is static. `requester` is the
 * campaign's requester (null when they are no longer an active member). Returns the
 * new member count, or null when the segment is static and was left alone.
 */
export async function refreshCampaignSegment(
  tx: TenantTx, requester: AuthContext | null, use: CampaignUse, decidedBy: string,
): Promise<{ memberCount: number } | null> {
  const segment = await tx.segment.findFirst({ where: { id: use.segmentId }, select: { kind: true, name: true } });
  if (!segment) throw notFound("segment");
  if (segment.kind === "static") return null;
  if (!requester || !can(requester, "segment:manage")) {
    throw new AppError("conflict", "campaigns.error.segmentRefreshRequester", { segment: segment.name });
  }
  return recomputeMembers(tx, requester, use.segmentId, {
    actor: { tenantId: requester.tenantId, userId: decidedBy },
    cause: { cause: `campaign.${use.step}`, campaignId: use.campaignId, computedAs: requester.userId },
  });
}

/** The requester's context with their permissions as they are now (read in tx); null when they have left the tenant. */
export function requesterContext(tx: TenantTx, tenantId: string, requestedBy: string | null): Promise<AuthContext | null> {
  return requestedBy ? readAuthContext(tx, { tenantId, userId: requestedBy }) : Promise.resolve(null);
}
