// The audience preview of a plan (issue 7, point 1) and its what-if (point 8):
// how many customers, how many of them are already in other live campaigns (and
// which), and the estimated cost = contacted audience × offer × predicted
// redemption, with the predicted redemption taken from the what-if model.
import { audienceSql } from "@/lib/campaigns/audience";
import { readCampaignSettings, type CampaignSettings } from "@/lib/campaigns/settings";
import { LIVE_STATUSES } from "@/lib/campaigns/status";
import { audienceBySegment, meanOrderValue, responseHistory } from "@/lib/campaigns/whatif/history";
import { whatIf, type WhatIf } from "@/lib/campaigns/whatif/model";
import type { TenantTx } from "@/lib/db/tenant";

export const DEFAULT_OFFER_LEVELS = [0, 20, 50];
export const MAX_OFFER_LEVELS = 6;

export type PlanRef = { id: string | null; segmentId: string | null; audienceFrozenAt: Date | null; controlRatio: number; offerValue: number };
export type Overlap = { campaignId: string; name: string; status: string; customers: number };
export type Preview = {
  audience: number;
  bySegment: Record<string, number>;
  overlapCustomers: number;
  overlaps: Overlap[];
  predictedResponse: number;
  estimatedCost: number;
  whatIf: WhatIf;
  settings: CampaignSettings;
};

export async function planPreview(tx: TenantTx, tenantId: string, plan: PlanRef, offerLevels: number[] = DEFAULT_OFFER_LEVELS): Promise<Preview> {
  const audience = audienceSql(tenantId, { id: plan.id ?? "00000000-0000-0000-0000-000000000000", segmentId: plan.segmentId, audienceFrozenAt: plan.audienceFrozenAt });
  const settings = await readCampaignSettings(tx);
  const bySegment = await audienceBySegment(tx, tenantId, audience);
  const total = Object.values(bySegment).reduce((a, b) => a + b, 0);
  const exceptSelf = plan.id ?? "00000000-0000-0000-0000-000000000000";
  const overlaps = await tx.$queryRaw<{ id: string; name: string; status: string; n: number }[]>`
    SELECT cp.id::text, cp.name, cp.status, count(*)::int AS n
    FROM campaign_targets ct
    JOIN campaigns cp ON cp.tenant_id = ct.tenant_id AND cp.id = ct.campaign_id
    WHERE ct.tenant_id = ${tenantId}::uuid AND cp.status = ANY(${[...LIVE_STATUSES]}::text[]) AND cp.id <> ${exceptSelf}::uuid
      AND ct.customer_id IN (${audience})
    GROUP BY cp.id, cp.name, cp.status ORDER BY n DESC, cp.name LIMIT 10`;
  const [overlapAll] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT ct.customer_id)::int AS n FROM campaign_targets ct
    JOIN campaigns cp ON cp.tenant_id = ct.tenant_id AND cp.id = ct.campaign_id
    WHERE ct.tenant_id = ${tenantId}::uuid AND cp.status = ANY(${[...LIVE_STATUSES]}::text[]) AND cp.id <> ${exceptSelf}::uuid
      AND ct.customer_id IN (${audience})`;
  const history = await responseHistory(tx, tenantId, plan.id);
  const fallbackOrderValue = await meanOrderValue(tx, tenantId);
  // The asked levels (at most MAX_OFFER_LEVELS) plus the plan's own offer, which the estimated cost needs.
  const levels = [...new Set([...offerLevels.slice(0, MAX_OFFER_LEVELS), plan.offerValue])].sort((a, b) => a - b);
  const model = whatIf(bySegment, plan.controlRatio, levels, history.cells, history.campaigns, {
    baselineRate: settings.baselineResponseRate, defaultRate: settings.defaultResponseRate, grossMargin: settings.grossMargin, fallbackOrderValue,
  });
  const atOffer = model.levels.find((l) => l.offer === plan.offerValue)!;
  return {
    audience: total,
    bySegment,
    overlapCustomers: overlapAll?.n ?? 0,
    overlaps: overlaps.map((o) => ({ campaignId: o.id, name: o.name, status: o.status, customers: o.n })),
    predictedResponse: atOffer.responseRate,
    estimatedCost: Math.round(atOffer.cost * 100) / 100,
    whatIf: model,
    settings,
  };
}
