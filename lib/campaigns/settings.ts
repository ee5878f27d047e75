// The tenant's campaign settings (one row in campaign_settings; none = defaults):
// the budget above which a campaign needs a second approval, the default control
// share, and the what-if's stated default assumptions.
import { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant, type TenantTx } from "@/lib/db/tenant";

export type CampaignSettings = {
  secondLevelThreshold: number;
  defaultControlRatio: number;
  baselineResponseRate: number;
  defaultResponseRate: number;
  grossMargin: number;
};

export const DEFAULT_SETTINGS: CampaignSettings = {
  secondLevelThreshold: 50_000, defaultControlRatio: 0.1, baselineResponseRate: 0.02, defaultResponseRate: 0.05, grossMargin: 0.3,
};

export async function readCampaignSettings(tx: TenantTx): Promise<CampaignSettings> {
  const row = await tx.campaignSettings.findFirst();
  if (!row) return DEFAULT_SETTINGS;
  return {
    secondLevelThreshold: Number(row.secondLevelThreshold), defaultControlRatio: Number(row.defaultControlRatio),
    baselineResponseRate: Number(row.baselineResponseRate), defaultResponseRate: Number(row.defaultResponseRate), grossMargin: Number(row.grossMargin),
  };
}

const percent = (max: number) => z.coerce.number({ error: "campaigns.error.number" }).min(0, "campaigns.error.percent").max(max, "campaigns.error.percent");
/** The settings form, percentages as typed (10 = 10%). */
export const settingsFormSchema = z.object({
  secondLevelThreshold: z.coerce.number({ error: "campaigns.error.number" }).min(0, "campaigns.error.number").max(1e12, "campaigns.error.number"),
  defaultControlPercent: percent(90),
  baselinePercent: percent(100),
  defaultResponsePercent: percent(100),
  grossMarginPercent: percent(100),
});

export async function saveCampaignSettings(ctx: AuthContext, input: z.output<typeof settingsFormSchema>): Promise<CampaignSettings> {
  return withTenant(ctx, async (tx) => {
    const before = await readCampaignSettings(tx);
    const data = {
      secondLevelThreshold: input.secondLevelThreshold.toFixed(2),
      defaultControlRatio: (input.defaultControlPercent / 100).toFixed(3),
      baselineResponseRate: (input.baselinePercent / 100).toFixed(5),
      defaultResponseRate: (input.defaultResponsePercent / 100).toFixed(5),
      grossMargin: (input.grossMarginPercent / 100).toFixed(3),
    };
    await tx.campaignSettings.upsert({ where: { tenantId: ctx.tenantId }, create: { tenantId: ctx.tenantId, ...data }, update: data });
    const after = await readCampaignSettings(tx);
    await writeAudit(tx, ctx, { action: "campaign.settings", entity: "campaign_settings", entityId: ctx.tenantId, before, after });
    return after;
  });
}
