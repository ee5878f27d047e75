// Creating, refreshing and deleting segments. Members are computed set-based in the
// same transaction as the definition (INSERT … SELECT over membersWhere), within
// the caller's data scope of segment:manage; every change is audited.
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { readDefinition, type SegmentDefinition, type StaticDefinition } from "@/lib/segments/definition";
import type { SegmentForm } from "@/lib/segments/form";
import { matchList, parseList } from "@/lib/segments/list-upload";
import { COMPUTE_PERMISSION, membersWhere } from "@/lib/segments/members-sql";

const TIMEOUT = 120_000;

async function replaceMembers(tx: TenantTx, tenantId: string, segmentId: string, where: Prisma.Sql): Promise<number> {
  await tx.$executeRaw`DELETE FROM segment_members WHERE tenant_id = ${tenantId}::uuid AND segment_id = ${segmentId}::uuid`;
  const n = await tx.$executeRaw`INSERT INTO segment_members (tenant_id, segment_id, customer_id)
    SELECT ${tenantId}::uuid, ${segmentId}::uuid, c.id FROM customers c WHERE ${where}`;
  await tx.segment.update({
    where: { tenantId_id: { tenantId, id: segmentId } },
    data: { memberCount: n, refreshedAt: new Date() },
  });
  return n;
}

async function assertNameFree(tx: TenantTx, name: string, exceptId?: string) {
  const clash = await tx.segment.findFirst({ where: { name, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw new AppError("conflict", "segments.error.nameTaken", { name }, { name: "segments.error.nameTakenField" });
}

export async function createSegment(ctx: AuthContext, form: SegmentForm): Promise<{ id: string; memberCount: number; unmatched?: string[] }> {
  return withTenant(ctx, async (tx) => {
    await assertNameFree(tx, form.name);
    let definition: unknown;
    let unmatched: string[] | undefined;
    let listIds: string[] | null = null;
    if (form.kind === "static" && form.source === "list") {
      const parsed = parseList(form.listText);
      const match = await matchList(tx, ctx.tenantId, parsed);
      unmatched = match.unmatched;
      listIds = match.customerIds;
      definition = {
        source: "list",
        listReport: { lines: parsed.lines, matched: match.customerIds.length, unmatched: match.unmatched.slice(0, 50), unmatchedCount: match.unmatched.length },
      } satisfies StaticDefinition;
    } else if (form.kind === "static") {
      definition = { source: "snapshot", snapshot: form.snapshot } satisfies StaticDefinition;
    } else {
      definition = form.def;
    }
    const segment = await tx.segment.create({
      data: { tenantId: ctx.tenantId, name: form.name, kind: form.kind, definition: definition as Prisma.InputJsonValue, createdBy: ctx.userId },
    });
    let where: Prisma.Sql;
    if (listIds) {
      const scope = scopeSql(await customerScope(tx, ctx, COMPUTE_PERMISSION));
      where = Prisma.sql`c.tenant_id = ${ctx.tenantId}::uuid AND c.deleted_at IS NULL AND c.id = ANY(${listIds}::uuid[])${scope ? Prisma.sql` AND ${scope}` : Prisma.empty}`;
    } else {
      const seg: Exclude<SegmentDefinition, { kind: "static" }> =
        form.kind === "static" && form.source === "snapshot" ? { kind: "dynamic", def: form.snapshot } : (form as Exclude<SegmentDefinition, { kind: "static" }>);
      where = await membersWhere(tx, ctx, seg);
    }
    const memberCount = await replaceMembers(tx, ctx.tenantId, segment.id, where);
    await writeAudit(tx, ctx, { action: "segment.create", entity: "segment", entityId: segment.id, after: { name: form.name, kind: form.kind, definition, memberCount } });
    return { id: segment.id, memberCount, unmatched };
  }, { timeoutMs: TIMEOUT });
}

async function findSegment(tx: TenantTx, id: string) {
  const segment = await tx.segment.findFirst({ where: { id } });
  if (!segment) throw notFound("segment");
  return segment;
}

/**
 * Recomputes a computed (dynamic, model or basket) segment's members in the caller's
 * transaction, within ctx's scope of segment:manage, and audits it (as `audit.actor`,
 * ctx by default, with `audit.cause` noted); null for a static segment, whose members
 * never change. The segment row is locked first, so two refreshes of one segment (a
 * button and a campaign approval) run one after the other instead of colliding on
 * its member rows.
 */
export async function recomputeMembers(
  tx: TenantTx, ctx: AuthContext, id: string, audit: { actor?: { tenantId: string; userId: string }; cause?: Record<string, string> } = {},
): Promise<{ memberCount: number } | null> {
  await tx.$queryRaw`SELECT 1 FROM segments WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
  const segment = await findSegment(tx, id);
  const def = readDefinition(segment.kind, segment.definition);
  if (!def) throw new AppError("validation", "segments.error.definitionUnreadable");
  if (def.kind === "static") return null;
  const before = segment.memberCount;
  const memberCount = await replaceMembers(tx, ctx.tenantId, segment.id, await membersWhere(tx, ctx, def));
  await writeAudit(tx, audit.actor ?? ctx, {
    action: "segment.refresh", entity: "segment", entityId: segment.id, before: { memberCount: before }, after: { memberCount, ...audit.cause },
  });
  return { memberCount };
}

/** Recomputes a dynamic, model or basket segment's members now; a static one never changes. */
export async function refreshSegment(ctx: AuthContext, id: string): Promise<{ memberCount: number }> {
  return withTenant(ctx, async (tx) => {
    const done = await recomputeMembers(tx, ctx, id);
    if (!done) throw new AppError("validation", "segments.error.staticNoRefresh");
    return done;
  }, { timeoutMs: TIMEOUT });
}

/** Deletes a segment unless a campaign uses it (its audience came, or will come, from it). */
export async function deleteSegment(ctx: AuthContext, id: string): Promise<{ deleted: true }> {
  return withTenant(ctx, async (tx) => {
    const segment = await findSegment(tx, id);
    const used = await tx.campaign.count({ where: { segmentId: id } });
    if (used) throw new AppError("conflict", "segments.error.inUse", { count: used });
    await tx.segment.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
    await writeAudit(tx, ctx, { action: "segment.delete", entity: "segment", entityId: id, before: { name: segment.name, kind: segment.kind, memberCount: segment.memberCount } });
    return { deleted: true };
  });
}
