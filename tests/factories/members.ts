// Members with a tier and an opening points balance, for the members, points and
// service tests, written through the tenant-bound path (withTenant, RLS on).
import { randomUUID } from "node:crypto";
import { withTenant } from "@/lib/db/tenant";
import type { TestTenant } from "@/tests/factories/tenants";

export async function createTier(tenant: TestTenant, input: { rank: number; name: string; threshold?: string; benefits?: string | null }) {
  return withTenant(tenant.owner, (tx) => tx.memberTier.create({
    data: { tenantId: tenant.tenantId, rank: input.rank, name: input.name, threshold: input.threshold ?? "0", benefits: input.benefits ?? null },
  }));
}

/** A member on `tierId` whose ledger opens with `opening` points (none when 0). */
export async function createMember(tenant: TestTenant, customerId: string, opts: { tierId?: string | null; opening?: number; joinedAt?: Date; memberNo?: string } = {}) {
  return withTenant(tenant.owner, async (tx) => {
    const opening = opts.opening ?? 0;
    const member = await tx.member.create({
      data: {
        tenantId: tenant.tenantId, customerId, memberNo: opts.memberNo ?? `M${randomUUID().slice(0, 8)}`, tierId: opts.tierId ?? null,
        joinedAt: opts.joinedAt ?? new Date(), pointsBalance: opening,
      },
    });
    if (opening) {
      await tx.pointsLedger.create({ data: { tenantId: tenant.tenantId, memberId: member.id, delta: opening, balanceAfter: opening, reason: "adjustment" } });
    }
    return member;
  });
}
