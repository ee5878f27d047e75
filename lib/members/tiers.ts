// Creating and editing member tiers (member:manage). A tier is tenant-wide
// configuration, not a scoped record. Ranks are unique per tenant: a taken rank is
// refused with a message that names it. Each change is audited with before/after.
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import type { CreateTierInput, UpdateTierInput } from "@/lib/members/schemas";
import type { TenantTx } from "@/lib/db/tenant";

async function refuseTakenRank(tx: TenantTx, tenantId: string, rank: number, exceptId: string | null) {
  const taken = await tx.memberTier.findUnique({ where: { tenantId_rank: { tenantId, rank } }, select: { id: true, name: true } });
  if (taken && taken.id !== exceptId) {
    throw new AppError("conflict", "members.error.rankTaken", { rank, name: taken.name }, { rank: "members.error.rankTakenShort" });
  }
}

const shape = (t: { id: string; rank: number; name: string; threshold: unknown; benefits: string | null }) =>
  ({ id: t.id, rank: t.rank, name: t.name, threshold: String(t.threshold), benefits: t.benefits });

export async function createTier(ctx: AuthContext, input: CreateTierInput): Promise<{ id: string }> {
  return withTenant(ctx, async (tx) => {
    await refuseTakenRank(tx, ctx.tenantId, input.rank, null);
    const tier = await tx.memberTier.create({
      data: { tenantId: ctx.tenantId, rank: input.rank, name: input.name, threshold: input.threshold, benefits: input.benefits || null },
    });
    await writeAudit(tx, ctx, { action: "member_tier.create", entity: "member_tier", entityId: tier.id, after: shape(tier) });
    return { id: tier.id };
  });
}

export async function updateTier(ctx: AuthContext, input: UpdateTierInput): Promise<{ id: string }> {
  return withTenant(ctx, async (tx) => {
    const before = await tx.memberTier.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: input.id } } });
    if (!before) throw new AppError("not_found", "members.error.tierNotFound");
    await refuseTakenRank(tx, ctx.tenantId, input.rank, before.id);
    const after = await tx.memberTier.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: before.id } },
      data: { rank: input.rank, name: input.name, threshold: input.threshold, benefits: input.benefits || null },
    });
    await writeAudit(tx, ctx, { action: "member_tier.update", entity: "member_tier", entityId: before.id, before: shape(before), after: shape(after) });
    return { id: after.id };
  });
}
