// Merging two customers who are one person: the survivor keeps its id and its
// fields, fills its empty fields from the other, and receives everything that hangs
// off the other; the other is soft-deleted with a pointer to the survivor.
//
// Security-critical. Both customers must be live and inside the caller's
// customer:update scope, in the caller's tenant (RLS; every statement also names the
// tenant). Merging a customer with itself, a deleted one, one outside the scope or
// another tenant's is refused before anything is written. The merge is ONE
// transaction (withTenant) with both rows locked, audited with before and after.
//
// What happens to each table that references a customer (MERGE_POLICY below; a
// test fails when a new foreign key to customers is not listed here):
// - identities: moved (a channel id is unique per tenant, so two customers never
//   share one; any exact duplicate would be dropped, not doubled).
// - tags, segment members, campaign targets: moved, deduplicated (where both were
//   in, the survivor's row wins: its tag date, its campaign arm). Segment counts of
//   the affected segments are recounted.
// - orders, coupons, interactions, service tickets, care tasks, campaign messages:
//   moved as they are.
// - member record: if only one of them is a member, that record is the survivor's.
//   If both are, the record with the higher tier is kept (a tie keeps the
//   survivor's); the other's points ledger entries and tier history move to it, its
//   member number is kept as a channel id ("member_no") so a search by the old card
//   still finds the customer, and the record is deleted. The balance is then the
//   sum of both ledgers, and balance_after is recomputed along the merged ledger so
//   each line reads right.
// - referrals: moved, except those between the two (they would become
//   self-referrals) and a second "was referred by" (a customer is referred once;
//   the survivor's stands); those are deleted.
// - scores: the other's are deleted: they describe a record that no longer stands
//   alone, and the next scoring run scores the survivor on all the orders.
// - customers merged into the other earlier now point at the survivor.
import type { AuthContext } from "@/lib/auth/context";
import { scopeWhere, type ScopeFilter } from "@/lib/auth/data-scope";
import { writeAudit } from "@/lib/audit/log";
import { contactFor, mayUnmask } from "@/lib/customers/contact";
import { snapshotOf, type CustomerSnapshot } from "@/lib/customers/edit";
import type { MergeCustomersInput } from "@/lib/customers/edit-schema";
import { customerScope, inScope } from "@/lib/customers/scope";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { Prisma, type Customer } from "@/lib/generated/prisma/client.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every column that references customers(id), and what a merge does with its rows. */
export const MERGE_POLICY = {
  "customer_identities.customer_id": "move, dedupe (channel, external id)",
  "customer_tags.customer_id": "move, dedupe",
  "orders.customer_id": "move",
  "members.customer_id": "keep the higher tier; move ledger and tier history",
  "coupons.customer_id": "move",
  "interactions.customer_id": "move",
  "service_tickets.customer_id": "move",
  "referrals.referrer_customer_id": "move, drop self-referrals",
  "referrals.referred_customer_id": "move, drop self-referrals and a second referrer",
  "customer_scores.customer_id": "delete the other's",
  "customer_opt_outs.customer_id": "move, dedupe (an opt-out of either stands for the survivor)",
  "segment_members.customer_id": "move, dedupe, recount",
  "campaign_targets.customer_id": "move, dedupe (survivor's arm wins)",
  "care_tasks.customer_id": "move",
  "outbound_messages.customer_id": "move",
  "customers.merged_into_id": "repoint to the survivor",
} as const;

/** The tables a merge reports on, in the order the preview lists them. */
export const MERGE_TABLES = [
  "orders", "customer_identities", "customer_tags", "points_ledger", "tier_changes", "coupons", "interactions", "service_tickets",
  "referrals", "care_tasks", "outbound_messages", "campaign_targets", "segment_members", "customer_scores",
] as const;
export type MergeTable = (typeof MERGE_TABLES)[number];
/** Rows of the other customer that move to the survivor, and rows dropped as duplicates (or deleted by policy). */
export type MergeMoves = Record<MergeTable, { moved: number; dropped: number }>;

export type MemberPlan =
  | { decision: "none" }
  | { decision: "survivor_only"; survivor: MemberInfo }
  | { decision: "move"; other: MemberInfo }
  | { decision: "keep_survivor" | "keep_other"; survivor: MemberInfo; other: MemberInfo };
export type MemberInfo = { id: string; memberNo: string; tierName: string | null; tierRank: number | null; points: number; joinedAt: Date };

/** A filled field: the survivor had none, the other had this (contact values masked per permission). */
export type MergeFill = { field: string; value: string };

export type MergeSide = {
  id: string; name: string; version: number; phone: string | null; email: string | null; externalId: string | null;
  createdAt: Date; lastOrderAt: Date | null; owner: string | null;
};

export type MergePreview = {
  survivor: MergeSide;
  other: MergeSide;
  fills: MergeFill[];
  moves: MergeMoves;
  member: MemberPlan;
};

export type MergeResult = { survivorId: string; mergedId: string; version: number; moves: MergeMoves; member: MemberPlan["decision"] };

const mergeNotFound = () => new AppError("not_found", "customers.merge.error.notFound");

// ───────────── the plan (shared by the preview and the merge) ─────────────

type Plan = {
  s: Customer; o: Customer;
  fill: Partial<Pick<Customer, "externalId" | "gender" | "birthday" | "phone" | "email" | "province" | "city" | "district" | "address"
    | "occupation" | "interests" | "sourceChannel" | "ownerUserId" | "homeStoreId" | "departmentId" | "createdAt" | "firstOrderAt" | "lastOrderAt">>;
  moves: MergeMoves;
  member: MemberPlan;
};

async function readBoth(tx: TenantTx, ctx: AuthContext, scope: ScopeFilter, ids: [string, string], lock: boolean): Promise<[Customer, Customer]> {
  const [sid, oid] = ids;
  if (!UUID.test(sid) || !UUID.test(oid)) throw mergeNotFound();
  if (sid.toLowerCase() === oid.toLowerCase()) throw new AppError("validation", "customers.merge.error.self", {}, { otherCustomerId: "customers.merge.error.self" });
  if (lock) {
    // Both rows, in id order (two merges of the same pair cannot deadlock), so
    // nothing changes either between the checks and the writes.
    await tx.$queryRaw`SELECT id FROM customers WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ANY(${[sid, oid]}::uuid[]) ORDER BY id FOR UPDATE`;
  }
  const rows = await tx.customer.findMany({
    where: { AND: [{ tenantId: ctx.tenantId, id: { in: [sid, oid] }, deletedAt: null }, scopeWhere(scope, { owner: "ownerUserId", department: "departmentId" })] },
  });
  const s = rows.find((r) => r.id === sid.toLowerCase());
  const o = rows.find((r) => r.id === oid.toLowerCase());
  if (!s || !o) throw mergeNotFound();
  return [s, o];
}

const empty = (v: unknown) => v === null || v === undefined || v === "";

function fillsOf(s: Customer, o: Customer): Plan["fill"] {
  const fill: Plan["fill"] = {};
  for (const k of ["externalId", "birthday", "phone", "email", "province", "city", "district", "address", "occupation", "sourceChannel", "ownerUserId"] as const) {
    if (empty(s[k]) && !empty(o[k])) (fill as Record<string, unknown>)[k] = o[k];
  }
  if ((empty(s.gender) || s.gender === "U") && (o.gender === "M" || o.gender === "F")) fill.gender = o.gender;
  // The home store decides the department; a store filled from the other brings its department.
  if (empty(s.homeStoreId) && !empty(o.homeStoreId)) {
    fill.homeStoreId = o.homeStoreId;
    if (o.departmentId) fill.departmentId = o.departmentId;
  } else if (empty(s.departmentId) && !empty(o.departmentId)) {
    fill.departmentId = o.departmentId;
  }
  const extra = o.interests.filter((i) => !s.interests.includes(i));
  if (extra.length) fill.interests = [...s.interests, ...extra];
  // Facts about the person, not choices: the earliest start, the full order span.
  if (o.createdAt < s.createdAt) fill.createdAt = o.createdAt;
  if (o.firstOrderAt && (!s.firstOrderAt || o.firstOrderAt < s.firstOrderAt)) fill.firstOrderAt = o.firstOrderAt;
  if (o.lastOrderAt && (!s.lastOrderAt || o.lastOrderAt > s.lastOrderAt)) fill.lastOrderAt = o.lastOrderAt;
  return fill;
}

async function memberOf(tx: TenantTx, tenantId: string, customerId: string): Promise<MemberInfo | null> {
  const [m] = await tx.$queryRaw<{ id: string; member_no: string; tier_name: string | null; tier_rank: number | null; points: number; joined_at: Date }[]>`
    SELECT m.id::text, m.member_no, t.name AS tier_name, t.rank AS tier_rank, m.joined_at,
      coalesce((SELECT sum(p.delta) FROM points_ledger p WHERE p.tenant_id = m.tenant_id AND p.member_id = m.id), 0)::int AS points
    FROM members m LEFT JOIN member_tiers t ON t.tenant_id = m.tenant_id AND t.id = m.tier_id
    WHERE m.tenant_id = ${tenantId}::uuid AND m.customer_id = ${customerId}::uuid`;
  return m ? { id: m.id, memberNo: m.member_no, tierName: m.tier_name, tierRank: m.tier_rank, points: m.points, joinedAt: new Date(m.joined_at) } : null;
}

function memberPlan(survivor: MemberInfo | null, other: MemberInfo | null): MemberPlan {
  if (!other) return survivor ? { decision: "survivor_only", survivor } : { decision: "none" };
  if (!survivor) return { decision: "move", other };
  const rank = (m: MemberInfo) => m.tierRank ?? Number.NEGATIVE_INFINITY;
  return { decision: rank(other) > rank(survivor) ? "keep_other" : "keep_survivor", survivor, other };
}

async function countMoves(tx: TenantTx, t: string, s: string, o: string, member: MemberPlan): Promise<MergeMoves> {
  const [r] = await tx.$queryRaw<Record<string, number>[]>`
    SELECT
      (SELECT count(*) FROM orders WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid)::int AS orders,
      (SELECT count(*) FROM customer_identities x WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid)::int AS identities,
      (SELECT count(*) FROM customer_identities x WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid AND EXISTS (
        SELECT 1 FROM customer_identities y WHERE y.tenant_id = x.tenant_id AND y.customer_id = ${s}::uuid
          AND y.channel = x.channel AND y.external_id = x.external_id))::int AS identities_dup,
      (SELECT count(*) FROM customer_tags WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid)::int AS tags,
      (SELECT count(*) FROM customer_tags x WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid AND EXISTS (
        SELECT 1 FROM customer_tags y WHERE y.tenant_id = x.tenant_id AND y.customer_id = ${s}::uuid AND y.tag_id = x.tag_id))::int AS tags_dup,
      (SELECT count(*) FROM coupons WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid)::int AS coupons,
      (SELECT count(*) FROM interactions WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid)::int AS interactions,
      (SELECT count(*) FROM service_tickets WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid)::int AS tickets,
      (SELECT count(*) FROM care_tasks WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid)::int AS care_tasks,
      (SELECT count(*) FROM outbound_messages WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid)::int AS messages,
      (SELECT count(*) FROM referrals WHERE tenant_id = ${t}::uuid
        AND (referrer_customer_id = ${o}::uuid OR referred_customer_id = ${o}::uuid))::int AS referrals,
      (SELECT count(*) FROM referrals WHERE tenant_id = ${t}::uuid AND (
        (referrer_customer_id = ${o}::uuid AND referred_customer_id = ${s}::uuid)
        OR (referrer_customer_id = ${s}::uuid AND referred_customer_id = ${o}::uuid)
        OR (referred_customer_id = ${o}::uuid AND EXISTS (
          SELECT 1 FROM referrals y WHERE y.tenant_id = ${t}::uuid AND y.referred_customer_id = ${s}::uuid))))::int AS referrals_drop,
      (SELECT count(*) FROM campaign_targets WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid)::int AS targets,
      (SELECT count(*) FROM campaign_targets x WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid AND EXISTS (
        SELECT 1 FROM campaign_targets y WHERE y.tenant_id = x.tenant_id AND y.customer_id = ${s}::uuid AND y.campaign_id = x.campaign_id))::int AS targets_dup,
      (SELECT count(*) FROM segment_members WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid)::int AS segments,
      (SELECT count(*) FROM segment_members x WHERE tenant_id = ${t}::uuid AND customer_id = ${o}::uuid AND EXISTS (
        SELECT 1 FROM segment_members y WHERE y.tenant_id = x.tenant_id AND y.customer_id = ${s}::uuid AND y.segment_id = x.segment_id))::int AS segments_dup,
      (SELECT count(*) FROM unnest(tenant_days('customer_scores', ${t}::uuid)) d(as_of)
        JOIN customer_scores x ON x.tenant_id = ${t}::uuid AND x.as_of = d.as_of AND x.customer_id = ${o}::uuid)::int AS scores`;
  const row = r!;
  // The other's ledger entries and tier history end up under the survivor, whichever
  // member record is kept (with its record, or moved into the survivor's).
  const otherMember = member.decision === "move" || member.decision === "keep_survivor" || member.decision === "keep_other" ? member.other.id : null;
  const [m] = otherMember
    ? await tx.$queryRaw<{ ledger: number; tiers: number }[]>`
        SELECT (SELECT count(*) FROM points_ledger WHERE tenant_id = ${t}::uuid AND member_id = ${otherMember}::uuid)::int AS ledger,
               (SELECT count(*) FROM tier_changes WHERE tenant_id = ${t}::uuid AND member_id = ${otherMember}::uuid)::int AS tiers`
    : [{ ledger: 0, tiers: 0 }];
  const moved = (all: number, dup = 0) => ({ moved: all - dup, dropped: dup });
  return {
    orders: moved(row.orders!),
    customer_identities: moved(row.identities!, row.identities_dup),
    customer_tags: moved(row.tags!, row.tags_dup),
    points_ledger: moved(m!.ledger),
    tier_changes: moved(m!.tiers),
    coupons: moved(row.coupons!),
    interactions: moved(row.interactions!),
    service_tickets: moved(row.tickets!),
    referrals: moved(row.referrals!, row.referrals_drop),
    care_tasks: moved(row.care_tasks!),
    outbound_messages: moved(row.messages!),
    campaign_targets: moved(row.targets!, row.targets_dup),
    segment_members: moved(row.segments!, row.segments_dup),
    customer_scores: { moved: 0, dropped: row.scores! },
  };
}

async function plan(tx: TenantTx, ctx: AuthContext, survivorId: string, otherId: string, lock: boolean): Promise<Plan & { scope: ScopeFilter }> {
  const scope = await customerScope(tx, ctx, "customer:update");
  const [s, o] = await readBoth(tx, ctx, scope, [survivorId, otherId], lock);
  const fill = fillsOf(s, o);
  const merged = { ownerUserId: fill.ownerUserId ?? s.ownerUserId, departmentId: fill.departmentId ?? s.departmentId };
  // Both were inside the scope; the merged record must be too.
  if (!inScope(scope, merged)) throw new AppError("validation", "customers.edit.error.wouldLeaveScope");
  const member = memberPlan(await memberOf(tx, ctx.tenantId, s.id), await memberOf(tx, ctx.tenantId, o.id));
  const moves = await countMoves(tx, ctx.tenantId, s.id, o.id, member);
  return { s, o, fill, moves, member, scope };
}

// ───────────── preview ─────────────

const FILL_LABEL_ORDER = ["externalId", "phone", "email", "gender", "birthday", "province", "city", "district", "address", "occupation",
  "interests", "sourceChannel", "ownerUserId", "homeStoreId", "createdAt", "firstOrderAt", "lastOrderAt"] as const;

export async function previewMerge(ctx: AuthContext, survivorId: string, otherId: string): Promise<MergePreview> {
  return withTenant(ctx, async (tx) => {
    const p = await plan(tx, ctx, survivorId, otherId, false);
    const unmasked = mayUnmask(ctx);
    const userIds = [p.s.ownerUserId, p.o.ownerUserId].filter((x): x is string => Boolean(x));
    const users = userIds.length ? await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
    const storeIds = [p.fill.homeStoreId].filter((x): x is string => Boolean(x));
    const stores = storeIds.length ? await tx.store.findMany({ where: { id: { in: storeIds } }, select: { id: true, name: true } }) : [];
    const userName = (id: string | null) => (id ? users.find((u) => u.id === id)?.name ?? "—" : null);
    const side = (c: Customer): MergeSide => {
      const contact = contactFor(unmasked, c.phone, c.email);
      return {
        id: c.id, name: c.name, version: c.version, phone: contact.phone, email: contact.email, externalId: c.externalId,
        createdAt: c.createdAt, lastOrderAt: c.lastOrderAt, owner: userName(c.ownerUserId),
      };
    };
    const fills: MergeFill[] = [];
    const filled = p.fill as Record<string, unknown>;
    for (const field of FILL_LABEL_ORDER) {
      if (!(field in filled)) continue;
      const v = filled[field];
      let value: string;
      if (field === "phone") value = contactFor(unmasked, v as string, null).phone ?? "";
      else if (field === "email") value = contactFor(unmasked, null, v as string).email ?? "";
      else if (field === "ownerUserId") value = userName(v as string) ?? "";
      else if (field === "homeStoreId") value = stores.find((s) => s.id === v)?.name ?? "";
      else if (field === "birthday") value = (v as Date).toISOString().slice(0, 10);
      else if (v instanceof Date) value = v.toISOString();
      else if (Array.isArray(v)) value = v.join(", ");
      else value = String(v);
      fills.push({ field, value });
    }
    return { survivor: side(p.s), other: side(p.o), fills, moves: p.moves, member: p.member };
  });
}

// ───────────── the merge ─────────────

export async function mergeCustomers(ctx: AuthContext, input: MergeCustomersInput): Promise<MergeResult> {
  return withTenant(ctx, async (tx) => {
    const p = await plan(tx, ctx, input.customerId, input.otherCustomerId, true);
    const { s, o, member } = p;
    if (s.version !== input.customerVersion || o.version !== input.otherVersion) {
      throw new AppError("conflict", "customers.merge.error.stale");
    }
    const t = ctx.tenantId;
    const before = { survivor: audited(s), other: audited(o) };

    // Channel ids: move (an exact duplicate cannot exist under the unique key; drop one if it did).
    await tx.$executeRaw`DELETE FROM customer_identities x USING customer_identities y
      WHERE x.tenant_id = ${t}::uuid AND x.customer_id = ${o.id}::uuid AND y.tenant_id = ${t}::uuid AND y.customer_id = ${s.id}::uuid
        AND y.channel = x.channel AND y.external_id = x.external_id`;
    await tx.$executeRaw`UPDATE customer_identities SET customer_id = ${s.id}::uuid WHERE tenant_id = ${t}::uuid AND customer_id = ${o.id}::uuid`;

    // Tags, segments, campaign targets: union; where both had a row, the survivor's stands.
    await tx.$executeRaw`INSERT INTO customer_tags (tenant_id, customer_id, tag_id, created_at)
      SELECT tenant_id, ${s.id}::uuid, tag_id, created_at FROM customer_tags WHERE tenant_id = ${t}::uuid AND customer_id = ${o.id}::uuid
      ON CONFLICT DO NOTHING`;
    await tx.$executeRaw`DELETE FROM customer_tags WHERE tenant_id = ${t}::uuid AND customer_id = ${o.id}::uuid`;
    const segmentIds = await tx.$queryRaw<{ id: string }[]>`SELECT segment_id::text AS id FROM segment_members
      WHERE tenant_id = ${t}::uuid AND customer_id = ${o.id}::uuid`;
    await tx.$executeRaw`INSERT INTO segment_members (tenant_id, segment_id, customer_id, added_at)
      SELECT tenant_id, segment_id, ${s.id}::uuid, added_at FROM segment_members WHERE tenant_id = ${t}::uuid AND customer_id = ${o.id}::uuid
      ON CONFLICT DO NOTHING`;
    await tx.$executeRaw`DELETE FROM segment_members WHERE tenant_id = ${t}::uuid AND customer_id = ${o.id}::uuid`;
    if (segmentIds.length) {
      await tx.$executeRaw`UPDATE segments g SET member_count = (SELECT count(*) FROM segment_members m
          WHERE m.tenant_id = g.tenant_id AND m.segment_id = g.id), updated_at = now()
        WHERE g.tenant_id = ${t}::uuid AND g.id = ANY(${segmentIds.map((x) => x.id)}::uuid[])`;
    }
    await tx.$executeRaw`INSERT INTO campaign_targets (tenant_id, campaign_id, customer_id, arm, assigned_at, contacted_at)
      SELECT tenant_id, campaign_id, ${s.id}::uuid, arm, assigned_at, contacted_at FROM campaign_targets
      WHERE tenant_id = ${t}::uuid AND customer_id = ${o.id}::uuid
      ON CONFLICT DO NOTHING`;
    await tx.$executeRaw`DELETE FROM campaign_targets WHERE tenant_id = ${t}::uuid AND customer_id = ${o.id}::uuid`;

    // History that simply belongs to the person.
    for (const table of ["orders", "coupons", "interactions", "service_tickets", "care_tasks", "outbound_messages"] as const) {
      await tx.$executeRaw`UPDATE ${Prisma.raw(table)} SET customer_id = ${s.id}::uuid WHERE tenant_id = ${t}::uuid AND customer_id = ${o.id}::uuid`;
    }

    // Referrals: none between the two (self-referrals), and one referrer at most (the survivor's).
    await tx.$executeRaw`DELETE FROM referrals WHERE tenant_id = ${t}::uuid AND (
        (referrer_customer_id = ${o.id}::uuid AND referred_customer_id = ${s.id}::uuid)
        OR (referrer_customer_id = ${s.id}::uuid AND referred_customer_id = ${o.id}::uuid))`;
    await tx.$executeRaw`DELETE FROM referrals WHERE tenant_id = ${t}::uuid AND referred_customer_id = ${o.id}::uuid
        AND EXISTS (SELECT 1 FROM referrals y WHERE y.tenant_id = ${t}::uuid AND y.referred_customer_id = ${s.id}::uuid)`;
    await tx.$executeRaw`UPDATE referrals SET referred_customer_id = ${s.id}::uuid WHERE tenant_id = ${t}::uuid AND referred_customer_id = ${o.id}::uuid`;
    await tx.$executeRaw`UPDATE referrals SET referrer_customer_id = ${s.id}::uuid WHERE tenant_id = ${t}::uuid AND referrer_customer_id = ${o.id}::uuid`;

    // Membership and points.
    await mergeMembership(tx, t, s.id, member);

    // customer_scores is keyed by day first: one probe per day the tenant has.
    await tx.$executeRaw`DELETE FROM customer_scores s USING unnest(tenant_days('customer_scores', ${t}::uuid)) d(as_of)
      WHERE s.tenant_id = ${t}::uuid AND s.as_of = d.as_of AND s.customer_id = ${o.id}::uuid`;
    // Whoever asked not to be contacted, on either record, is not contacted as the survivor.
    await tx.$executeRaw`INSERT INTO customer_opt_outs (tenant_id, customer_id, channel, reason, created_at)
      SELECT tenant_id, ${s.id}::uuid, channel, reason, created_at FROM customer_opt_outs WHERE tenant_id = ${t}::uuid AND customer_id = ${o.id}::uuid
      ON CONFLICT DO NOTHING`;
    await tx.$executeRaw`DELETE FROM customer_opt_outs WHERE tenant_id = ${t}::uuid AND customer_id = ${o.id}::uuid`;
    await tx.$executeRaw`UPDATE customers SET merged_into_id = ${s.id}::uuid, updated_at = now()
      WHERE tenant_id = ${t}::uuid AND merged_into_id = ${o.id}::uuid`;

    // The other goes first: it gives up its external id (unique) before the survivor may take it.
    const now = new Date();
    const gone = await tx.customer.updateMany({
      where: { tenantId: t, id: o.id, version: o.version, deletedAt: null },
      data: { deletedAt: now, mergedIntoId: s.id, version: { increment: 1 }, updatedAt: now, ...(p.fill.externalId ? { externalId: null } : {}) },
    });
    const kept = await tx.customer.updateMany({
      where: { tenantId: t, id: s.id, version: s.version, deletedAt: null },
      data: { ...p.fill, version: { increment: 1 }, updatedAt: now },
    });
    if (gone.count !== 1 || kept.count !== 1) throw new AppError("conflict", "customers.merge.error.stale");

    const after = await tx.customer.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t, id: s.id } } });
    const memberAudit = member.decision === "keep_survivor" || member.decision === "keep_other"
      ? { decision: member.decision, kept: member.decision === "keep_other" ? member.other.memberNo : member.survivor.memberNo,
        dropped: member.decision === "keep_other" ? member.survivor.memberNo : member.other.memberNo,
        points: member.survivor.points + member.other.points }
      : { decision: member.decision };
    await writeAudit(tx, ctx, {
      action: "customer.merge", entity: "customer", entityId: s.id,
      before,
      after: { survivor: audited(after), mergedId: o.id, filled: Object.keys(p.fill), moves: p.moves, member: memberAudit },
    });
    await writeAudit(tx, ctx, {
      action: "customer.merged_away", entity: "customer", entityId: o.id,
      before: { ...audited(o), deletedAt: null, mergedIntoId: null },
      after: { deletedAt: now, mergedIntoId: s.id, version: o.version + 1 },
    });
    return { survivorId: s.id, mergedId: o.id, version: after.version, moves: p.moves, member: member.decision };
  });
}

function audited(c: Customer): CustomerSnapshot & { id: string; externalId: string | null; version: number; createdAt: Date; firstOrderAt: Date | null; lastOrderAt: Date | null } {
  return { id: c.id, ...snapshotOf(c), externalId: c.externalId, version: c.version, createdAt: c.createdAt, firstOrderAt: c.firstOrderAt, lastOrderAt: c.lastOrderAt };
}

async function mergeMembership(tx: TenantTx, t: string, survivorId: string, member: MemberPlan): Promise<void> {
  if (member.decision === "none" || member.decision === "survivor_only") return;
  if (member.decision === "move") {
    await tx.$executeRaw`UPDATE members SET customer_id = ${survivorId}::uuid WHERE tenant_id = ${t}::uuid AND id = ${member.other.id}::uuid`;
    return;
  }
  const keep = member.decision === "keep_other" ? member.other : member.survivor;
  const drop = member.decision === "keep_other" ? member.survivor : member.other;
  // Lock both member rows: a points write elsewhere waits for the merge, then sees one member.
  await tx.$queryRaw`SELECT id FROM members WHERE tenant_id = ${t}::uuid AND id = ANY(${[keep.id, drop.id]}::uuid[]) ORDER BY id FOR UPDATE`;
  await tx.$executeRaw`UPDATE points_ledger SET member_id = ${keep.id}::uuid WHERE tenant_id = ${t}::uuid AND member_id = ${drop.id}::uuid`;
  await tx.$executeRaw`UPDATE tier_changes SET member_id = ${keep.id}::uuid WHERE tenant_id = ${t}::uuid AND member_id = ${drop.id}::uuid`;
  await tx.$executeRaw`DELETE FROM members WHERE tenant_id = ${t}::uuid AND id = ${drop.id}::uuid`;
  await tx.$executeRaw`UPDATE members SET customer_id = ${survivorId}::uuid,
      joined_at = LEAST(joined_at, ${drop.joinedAt}::timestamptz)
    WHERE tenant_id = ${t}::uuid AND id = ${keep.id}::uuid`;
  // The old card number still finds the customer.
  await tx.$executeRaw`INSERT INTO customer_identities (tenant_id, customer_id, channel, external_id)
    VALUES (${t}::uuid, ${survivorId}::uuid, 'member_no', ${drop.memberNo}) ON CONFLICT DO NOTHING`;
  // One ledger: each line's balance_after is the running sum, and the member's balance the total.
  await tx.$executeRaw`UPDATE points_ledger p SET balance_after = r.running
    FROM (SELECT id, (sum(delta) OVER (ORDER BY created_at, id))::int AS running
          FROM points_ledger WHERE tenant_id = ${t}::uuid AND member_id = ${keep.id}::uuid) r
    WHERE p.tenant_id = ${t}::uuid AND p.id = r.id AND p.balance_after IS DISTINCT FROM r.running`;
  await tx.$executeRaw`UPDATE members m SET points_balance = coalesce((SELECT sum(delta) FROM points_ledger p
      WHERE p.tenant_id = m.tenant_id AND p.member_id = m.id), 0)
    WHERE m.tenant_id = ${t}::uuid AND m.id = ${keep.id}::uuid`;
}
