// Reading segments: the list, one segment with a sample of its members, and what
// the form offers. Members shown are those inside the viewer's customer:read scope,
// with contact details masked unless they hold customer:unmask; a viewer without
// customer:read sees counts only.
import type { AuthContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/context";
import { contactFor, mayUnmask, type Contact } from "@/lib/customers/contact";
import { newestScoringRunSql } from "@/lib/customers/list-query";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import { withTenant } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { readDefinition, type SegmentDefinition } from "@/lib/segments/definition";

export const SAMPLE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SegmentRow = { id: string; name: string; kind: string; memberCount: number; refreshedAt: Date | null; createdAt: Date; createdByName: string | null };

export async function listSegments(ctx: AuthContext): Promise<SegmentRow[]> {
  return withTenant(ctx, async (tx) => {
    const rows = await tx.segment.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 500 });
    const creators = await tx.membership.findMany({
      where: { userId: { in: [...new Set(rows.map((r) => r.createdBy).filter((x): x is string => !!x))] } },
      select: { userId: true, user: { select: { name: true } } },
    });
    const names = new Map(creators.map((c) => [c.userId, c.user.name]));
    return rows.map((r) => ({
      id: r.id, name: r.name, kind: r.kind, memberCount: r.memberCount, refreshedAt: r.refreshedAt, createdAt: r.createdAt,
      createdByName: r.createdBy ? names.get(r.createdBy) ?? null : null,
    }));
  });
}

export type SegmentMemberRow = { id: string; name: string; contact: Contact; city: string | null; rfmSegment: string | null; churnRisk: string | null };
export type SegmentDetail = SegmentRow & {
  definition: SegmentDefinition | null;
  /** members inside the viewer's customer:read scope; null without customer:read */
  visibleCount: number | null;
  sample: SegmentMemberRow[];
  masked: boolean;
};

/** One segment, or null when it is not the tenant's (RLS) or the id is not a uuid. */
export async function getSegment(ctx: AuthContext, id: string): Promise<SegmentDetail | null> {
  if (!UUID.test(id)) return null;
  return withTenant(ctx, async (tx) => {
    const s = await tx.segment.findFirst({ where: { id } });
    if (!s) return null;
    const creator = s.createdBy ? await tx.membership.findFirst({ where: { userId: s.createdBy }, select: { user: { select: { name: true } } } }) : null;
    const base: SegmentRow = {
      id: s.id, name: s.name, kind: s.kind, memberCount: s.memberCount, refreshedAt: s.refreshedAt, createdAt: s.createdAt,
      createdByName: creator?.user.name ?? null,
    };
    const masked = !mayUnmask(ctx);
    if (!can(ctx, "customer:read")) return { ...base, definition: readDefinition(s.kind, s.definition), visibleCount: null, sample: [], masked };
    const scope = scopeSql(await customerScope(tx, ctx, "customer:read"));
    const where = Prisma.sql`sm.tenant_id = ${ctx.tenantId}::uuid AND sm.segment_id = ${s.id}::uuid AND c.deleted_at IS NULL${scope ? Prisma.sql` AND ${scope}` : Prisma.empty}`;
    const [count] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM segment_members sm JOIN customers c ON c.tenant_id = sm.tenant_id AND c.id = sm.customer_id WHERE ${where}`;
    const rows = await tx.$queryRaw<{ id: string; name: string; phone: string | null; email: string | null; city: string | null; rfm_segment: string | null; churn_risk: string | null }[]>`
      SELECT c.id::text, c.name, c.phone, c.email, c.city, s.rfm_segment, s.churn_risk
      FROM segment_members sm
      JOIN customers c ON c.tenant_id = sm.tenant_id AND c.id = sm.customer_id
      LEFT JOIN customer_scores s ON s.tenant_id = c.tenant_id AND s.customer_id = c.id
        AND s.as_of = ${newestScoringRunSql(ctx.tenantId)}
      WHERE ${where}
      ORDER BY c.name, c.id
      LIMIT ${SAMPLE_SIZE}`;
    return {
      ...base,
      definition: readDefinition(s.kind, s.definition),
      visibleCount: count?.n ?? 0,
      masked,
      sample: rows.map((r) => ({ id: r.id, name: r.name, contact: contactFor(!masked, r.phone, r.email), city: r.city, rfmSegment: r.rfm_segment, churnRisk: r.churn_risk })),
    };
  });
}

export type BasketOptions = { products: { id: string; label: string }[]; categories: string[] };

/** Products (up to 1,000, by name) and categories for the basket form; a prefilled product is always included. */
export async function basketOptions(ctx: AuthContext, include: string[] = []): Promise<BasketOptions> {
  return withTenant(ctx, async (tx) => {
    const ids = include.filter((x) => UUID.test(x));
    const products = await tx.product.findMany({ select: { id: true, name: true, sku: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 1000 });
    const extra = ids.length ? await tx.product.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, sku: true } }) : [];
    const categories = await tx.product.findMany({
      where: { category: { not: null } }, distinct: ["category"], select: { category: true }, orderBy: { category: "asc" }, take: 500,
    });
    const all = new Map([...extra, ...products].map((p) => [p.id, { id: p.id, label: `${p.name} (${p.sku})` }]));
    return { products: [...all.values()], categories: categories.map((c) => c.category!).filter(Boolean) };
  });
}
