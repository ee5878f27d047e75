// What the members page reads: the tiers with how many members each holds, and
// the members themselves, both inside the data scope of the caller's member:read
// grant (a member is in scope when their customer is; lib/customers/scope.ts).
// Balances are the sum of each member's ledger, the same number the 360 view shows.
import type { AuthContext } from "@/lib/auth/context";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import { withTenant } from "@/lib/db/tenant";
import { tenantTimeZone } from "@/lib/tenants/time-zone";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { MemberFilters } from "@/lib/members/schemas";

export const MEMBERS_PAGE_SIZE = 50;

export type TierRow = { id: string; rank: number; name: string; threshold: string; benefits: string | null; members: number };
export type MemberRow = {
  id: string; memberNo: string; customerId: string; customerName: string;
  tierName: string | null; points: number; joinedAt: Date;
};
export type MembersOverview = {
  tiers: TierRow[]; withoutTier: number; total: number;
  rows: MemberRow[]; hasNext: boolean; timeZone: string;
};

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export async function membersOverview(ctx: AuthContext, filters: MemberFilters): Promise<MembersOverview> {
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "member:read");
    const inScope = scopeSql(scope) ?? Prisma.sql`true`;
    const live = Prisma.sql`c.tenant_id = m.tenant_id AND c.id = m.customer_id AND c.deleted_at IS NULL AND ${inScope}`;
    const timeZone = await tenantTimeZone(tx, ctx.tenantId);

    const tiers = await tx.$queryRaw<{ id: string; rank: number; name: string; threshold: string; benefits: string | null; members: number }[]>`
      SELECT t.id::text, t.rank, t.name, t.threshold::text, t.benefits,
        (SELECT count(*)::int FROM members m JOIN customers c ON ${live} WHERE m.tenant_id = t.tenant_id AND m.tier_id = t.id) AS members
      FROM member_tiers t WHERE t.tenant_id = ${ctx.tenantId}::uuid ORDER BY t.rank`;
    const [counts] = await tx.$queryRaw<{ total: number; without_tier: number }[]>`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE m.tier_id IS NULL)::int AS without_tier
      FROM members m JOIN customers c ON ${live} WHERE m.tenant_id = ${ctx.tenantId}::uuid`;

    const conds: Prisma.Sql[] = [Prisma.sql`m.tenant_id = ${ctx.tenantId}::uuid`];
    if (filters.tierId === "none") conds.push(Prisma.sql`m.tier_id IS NULL`);
    else if (filters.tierId) conds.push(Prisma.sql`m.tier_id = ${filters.tierId}::uuid`);
    if (filters.q) {
      const prefix = `${escapeLike(filters.q)}%`;
      conds.push(Prisma.sql`(m.member_no = ${filters.q} OR m.member_no ILIKE ${prefix} OR c.name LIKE ${prefix})`);
    }
    const offset = (filters.page - 1) * MEMBERS_PAGE_SIZE;
    const rows = await tx.$queryRaw<{ id: string; member_no: string; customer_id: string; customer_name: string; tier_name: string | null; points: number; joined_at: Date }[]>`
      SELECT m.id::text, m.member_no, m.customer_id::text, c.name AS customer_name, t.name AS tier_name, m.joined_at,
        coalesce((SELECT sum(p.delta) FROM points_ledger p WHERE p.tenant_id = m.tenant_id AND p.member_id = m.id), 0)::int AS points
      FROM members m
      JOIN customers c ON ${live}
      LEFT JOIN member_tiers t ON t.tenant_id = m.tenant_id AND t.id = m.tier_id
      WHERE ${Prisma.join(conds, " AND ")}
      ORDER BY m.joined_at DESC, m.id DESC
      LIMIT ${MEMBERS_PAGE_SIZE + 1}::int OFFSET ${offset}::int`;

    return {
      tiers: tiers.map((t) => ({ ...t })),
      withoutTier: counts?.without_tier ?? 0,
      total: counts?.total ?? 0,
      rows: rows.slice(0, MEMBERS_PAGE_SIZE).map((r) => ({
        id: r.id, memberNo: r.member_no, customerId: r.customer_id, customerName: r.customer_name,
        tierName: r.tier_name, points: r.points, joinedAt: new Date(r.joined_at),
      })),
      hasNext: rows.length > MEMBERS_PAGE_SIZE,
      timeZone,
    };
  });
}

export type MemberDetail = {
  id: string; memberNo: string; customerId: string; customerName: string; tierName: string | null; joinedAt: Date;
  points: number; ledger: { id: string; delta: number; balanceAfter: number; reason: string; createdAt: Date }[];
  timeZone: string;
};

export const LEDGER_PAGE_SIZE = 100;

/** One member in the caller's member:read scope, or null (absent, another tenant's, out of scope). */
export async function memberDetail(ctx: AuthContext, memberId: string): Promise<MemberDetail | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(memberId)) return null;
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "member:read");
    const inScope = scopeSql(scope) ?? Prisma.sql`true`;
    const [m] = await tx.$queryRaw<{ id: string; member_no: string; customer_id: string; customer_name: string; tier_name: string | null; joined_at: Date }[]>`
      SELECT m.id::text, m.member_no, m.customer_id::text, c.name AS customer_name, t.name AS tier_name, m.joined_at
      FROM members m
      JOIN customers c ON c.tenant_id = m.tenant_id AND c.id = m.customer_id AND c.deleted_at IS NULL AND ${inScope}
      LEFT JOIN member_tiers t ON t.tenant_id = m.tenant_id AND t.id = m.tier_id
      WHERE m.tenant_id = ${ctx.tenantId}::uuid AND m.id = ${memberId}::uuid`;
    if (!m) return null;
    const sum = await tx.pointsLedger.aggregate({ where: { tenantId: ctx.tenantId, memberId: m.id }, _sum: { delta: true } });
    const ledger = await tx.pointsLedger.findMany({
      where: { tenantId: ctx.tenantId, memberId: m.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: LEDGER_PAGE_SIZE,
    });
    return {
      id: m.id, memberNo: m.member_no, customerId: m.customer_id, customerName: m.customer_name, tierName: m.tier_name,
      joinedAt: new Date(m.joined_at), points: sum._sum.delta ?? 0,
      ledger: ledger.map((l) => ({ id: l.id, delta: l.delta, balanceAfter: l.balanceAfter, reason: l.reason, createdAt: l.createdAt })),
      timeZone: await tenantTimeZone(tx, ctx.tenantId),
    };
  });
}
