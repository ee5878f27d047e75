// A campaign's audience, and freezing it (the contract with execution).
//
// Until final approval the audience is the members of the campaign's segment (not
// deleted customers). On final approval materializeAudience writes it into
// campaign_targets in the approval's transaction, each customer in an arm:
// 'control' when a hash of (campaign id, customer id) falls below control_ratio,
// else 'treatment'. The hash makes the split deterministic (the same campaign and
// customers give the same arms every time, on any machine) and independent of
// everything else about the customer, so the control group is a random holdout.
// The control group is never contacted: execution reads arm = 'treatment' only.
// Once audience_frozen_at is set the targets never change.
import type { TenantTx } from "@/lib/db/tenant";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client.ts";

/** A uniform number in [0, 1) from (campaign, customer): the first 32 bits of md5. */
export const armHashSql = (campaignId: Prisma.Sql, customerId: Prisma.Sql) =>
  Prisma.sql`(('x' || substr(md5(${campaignId}::text || ':' || ${customerId}::text), 1, 8))::bit(32)::bigint::float8 / 4294967296.0)`;

/** Customer ids (`customer_id`) of the audience of a campaign not yet frozen: its segment's live members. */
export function segmentAudienceSql(tenantId: string, segmentId: string | null): Prisma.Sql {
  if (!segmentId) return Prisma.sql`SELECT NULL::uuid AS customer_id WHERE false`;
  return Prisma.sql`SELECT sm.customer_id FROM segment_members sm
    JOIN customers c ON c.tenant_id = sm.tenant_id AND c.id = sm.customer_id AND c.deleted_at IS NULL
    WHERE sm.tenant_id = ${tenantId}::uuid AND sm.segment_id = ${segmentId}::uuid`;
}

/** The audience as it stands: the frozen targets once materialized, else the segment's members. */
export function audienceSql(tenantId: string, c: { id: string; segmentId: string | null; audienceFrozenAt: Date | null }): Prisma.Sql {
  if (c.audienceFrozenAt) {
    return Prisma.sql`SELECT ct.customer_id FROM campaign_targets ct WHERE ct.tenant_id = ${tenantId}::uuid AND ct.campaign_id = ${c.id}::uuid`;
  }
  return segmentAudienceSql(tenantId, c.segmentId);
}

export type Materialized = { treatment: number; control: number };

/**
 * Freezes the audience into campaign_targets (call inside the final approval's
 * transaction, tenant set). Idempotent: a campaign already frozen returns its counts
 * unchanged.
 */
export async function materializeAudience(tx: TenantTx, tenantId: string, campaignId: string): Promise<Materialized> {
  const campaign = await tx.campaign.findFirst({ where: { id: campaignId }, select: { id: true, segmentId: true, controlRatio: true, audienceFrozenAt: true } });
  if (!campaign) throw notFound("campaign");
  if (!campaign.audienceFrozenAt) {
    if (!campaign.segmentId) throw new AppError("validation", "campaigns.error.noAudience");
    await tx.$executeRaw`DELETE FROM campaign_targets WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid`;
    await tx.$executeRaw`INSERT INTO campaign_targets (tenant_id, campaign_id, customer_id, arm)
      SELECT ${tenantId}::uuid, ${campaignId}::uuid, a.customer_id,
        CASE WHEN ${armHashSql(Prisma.sql`${campaignId}::uuid`, Prisma.sql`a.customer_id`)} < ${Number(campaign.controlRatio)}::float8
          THEN 'control' ELSE 'treatment' END
      FROM (${segmentAudienceSql(tenantId, campaign.segmentId)}) a`;
    await tx.campaign.update({ where: { tenantId_id: { tenantId, id: campaignId } }, data: { audienceFrozenAt: new Date() } });
  }
  const rows = await tx.$queryRaw<{ arm: string; n: number }[]>`
    SELECT arm, count(*)::int AS n FROM campaign_targets WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid GROUP BY arm`;
  const of = (arm: string) => rows.find((r) => r.arm === arm)?.n ?? 0;
  return { treatment: of("treatment"), control: of("control") };
}
