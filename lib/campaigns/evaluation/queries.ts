// Read models of the evaluation and comparison pages (campaign:read). Evaluation
// is aggregate over the whole campaign (no per-customer rows leave the database).
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { evaluateInTx, type CampaignEvaluation } from "@/lib/campaigns/evaluation/evaluate";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const COMPARE_LIMIT = 30;

async function currencyOf(tx: Parameters<Parameters<typeof withTenant>[1]>[0], tenantId: string): Promise<string> {
  const [row] = await tx.$queryRaw<{ currency: string | null }[]>`SELECT currency FROM tenants WHERE id = ${tenantId}::uuid`;
  return row?.currency || "CNY";
}

export async function loadEvaluation(ctx: AuthContext, campaignId: string) {
  if (!UUID.test(campaignId)) return null;
  return withTenant(ctx, async (tx) => {
    const campaign = await tx.campaign.findFirst({ where: { id: campaignId }, select: { id: true, name: true, status: true } });
    if (!campaign) return null;
    const evaluation = await evaluateInTx(tx, ctx.tenantId, campaignId);
    const phases = await tx.$queryRaw<{ id: string; name: string; phase: number }[]>`
      SELECT cp.id::text, cp.name, r.phase FROM campaign_runs r JOIN campaigns cp ON cp.tenant_id = r.tenant_id AND cp.id = r.campaign_id
      WHERE r.tenant_id = ${ctx.tenantId}::uuid AND (r.parent_campaign_id = ${campaignId}::uuid
        OR r.campaign_id = (SELECT parent_campaign_id FROM campaign_runs WHERE tenant_id = ${ctx.tenantId}::uuid AND campaign_id = ${campaignId}::uuid))`;
    return { campaign, evaluation, phases, currency: await currencyOf(tx, ctx.tenantId) };
  }, { timeoutMs: 60_000 });
}

export type ComparisonRow = { id: string; name: string; status: string; evaluation: CampaignEvaluation };

export async function loadComparison(ctx: AuthContext): Promise<{ rows: ComparisonRow[]; currency: string }> {
  return withTenant(ctx, async (tx) => {
    const runs = await tx.$queryRaw<{ id: string; name: string; status: string }[]>`
      SELECT cp.id::text, cp.name, cp.status FROM campaign_runs r JOIN campaigns cp ON cp.tenant_id = r.tenant_id AND cp.id = r.campaign_id
      WHERE r.tenant_id = ${ctx.tenantId}::uuid AND r.launched_at IS NOT NULL ORDER BY r.launched_at DESC, cp.id LIMIT ${COMPARE_LIMIT}`;
    const rows: ComparisonRow[] = [];
    for (const r of runs) {
      const evaluation = await evaluateInTx(tx, ctx.tenantId, r.id);
      if (evaluation) rows.push({ ...r, evaluation });
    }
    return { rows, currency: await currencyOf(tx, ctx.tenantId) };
  }, { timeoutMs: 120_000 });
}
