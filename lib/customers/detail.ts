// The customer 360° view. The customer is read inside the caller's tenant (RLS)
// and the data scope of their customer:read grant; absent, soft-deleted, another
// tenant's or outside the scope all give the same answer, null (the page's 404).
// Each further section needs its own read permission (orders: order:read, …)
// with this customer inside that grant's scope; without it the section says so
// rather than showing an empty list that would read as "no orders".
import type { AuthContext } from "@/lib/auth/context";
import { scopeOf } from "@/lib/auth/context";
import type { DataScope, PermissionKey } from "@/lib/auth/catalog";
import { resolveDataScope, scopeWhere, type ScopeFilter } from "@/lib/auth/data-scope";
import { contactFor, mayUnmask } from "@/lib/customers/contact";
import { newestScoringRunSql } from "@/lib/customers/list-query";
import { customerScope, inScope } from "@/lib/customers/scope";
import { buildTimeline, type TimelineEvent } from "@/lib/customers/timeline";
import { usableTimeZone } from "@/lib/customers/time-zone";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { ageOn, todayIn } from "@/lib/format/age";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LATEST_ORDERS = 10;
const LATEST_LEDGER = 10;
const RECENT_TICKETS = 5;
const TIMELINE_PER_SOURCE = 30;

/** A section the caller may not see for this customer, or its data. */
export type Section<T> = { allowed: false } | { allowed: true; data: T };

export type Customer360 = {
  id: string;
  version: number;
  profile: {
    name: string; externalId: string | null; gender: string | null; birthday: Date | null; age: number | null;
    phone: string | null; email: string | null; contactMasked: boolean;
    occupation: string | null; interests: string[]; province: string | null; city: string | null; district: string | null;
    sourceChannel: string | null; owner: { id: string; name: string } | null; homeStore: { id: string; name: string } | null;
    createdAt: Date; firstOrderAt: Date | null; lastOrderAt: Date | null;
  };
  identities: { id: string; channel: string; externalId: string; createdAt: Date }[];
  tags: { id: string; name: string; kind: string }[];
  membership: Section<{
    id: string; memberNo: string; joinedAt: Date; tier: { name: string; rank: number } | null;
    /** The sum of the ledger, the source of truth for points. */
    pointsBalance: number;
    ledger: { id: string; delta: number; balanceAfter: number; reason: string; createdAt: Date }[];
  } | null>;
  orders: Section<{
    total: number;
    latest: {
      id: string; orderNo: string; channel: string; status: string; orderedAt: Date; amount: string; paidAmount: string;
      items: { id: string; productName: string; sku: string; quantity: number; unitPrice: string; amount: string }[];
    }[];
  }>;
  tickets: Section<{ id: string; kind: string; status: string; subject: string; openedAt: Date; closedAt: Date | null }[]>;
  /** RFM, churn and value scores of the newest successful scoring run, or null when it has no row for this customer. */
  scores: {
    asOf: Date; computedAt: Date; recencyDays: number | null; frequency: number; monetary: string;
    rScore: number | null; fScore: number | null; mScore: number | null; rfmSegment: string | null;
    pAlive: number | null; expectedPurchases90: number | null; predictedClv: string | null; churnRisk: string | null;
  } | null;
  timeline: TimelineEvent[];
  /** What the timeline could include (sections the caller may not read are left out). */
  timelineSources: { orders: boolean; interactions: boolean; tickets: boolean };
  /** What the caller may change on this customer (the actions check again). */
  may: { editTags: boolean; logInteraction: boolean };
  timeZone: string;
  currency: string;
};

/** Per-permission scope checks for one customer, resolving each scope kind once. */
function sectionGate(tx: TenantTx, ctx: AuthContext, customer: { ownerUserId: string | null; departmentId: string | null }) {
  const resolved = new Map<DataScope, Promise<ScopeFilter>>();
  return async (permission: PermissionKey): Promise<boolean> => {
    const scope = scopeOf(ctx, permission);
    if (!scope) return false;
    if (!resolved.has(scope)) resolved.set(scope, resolveDataScope(tx, ctx, scope));
    return inScope(await resolved.get(scope)!, customer);
  };
}

const money = (v: { toString(): string } | null) => (v === null ? null : v.toString());

export async function getCustomer360(ctx: AuthContext, id: string): Promise<Customer360 | null> {
  if (!UUID.test(id)) return null;
  const unmasked = mayUnmask(ctx);
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx);
    const c = await tx.customer.findFirst({
      where: { AND: [{ tenantId: ctx.tenantId, id, deletedAt: null }, scopeWhere(scope, { owner: "ownerUserId", department: "departmentId" })] },
    });
    if (!c) return null;
    const may = sectionGate(tx, ctx, c);
    const canMembers = await may("member:read");
    const canOrders = await may("order:read");
    const canInteractions = await may("interaction:read");
    const canTickets = await may("ticket:read");

    const tenant = await tx.tenant.findUnique({ where: { id: ctx.tenantId }, select: { timezone: true, currency: true } });
    const timeZone = usableTimeZone(tenant?.timezone);
    // One transaction is one connection: its queries run one after another anyway.
    const owner = c.ownerUserId ? await tx.user.findUnique({ where: { id: c.ownerUserId }, select: { id: true, name: true } }) : null;
    const store = c.homeStoreId
      ? await tx.store.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: c.homeStoreId } }, select: { id: true, name: true } })
      : null;
    const identities = await tx.customerIdentity.findMany({ where: { customerId: id }, orderBy: [{ channel: "asc" }, { createdAt: "asc" }] });
    const tags = await tx.customerTag.findMany({ where: { customerId: id }, include: { tag: true } });
    const score = await readScore(tx, ctx.tenantId, id);

    const membership = canMembers ? await readMembership(tx, ctx.tenantId, id) : undefined;
    const orders = canOrders
      ? await tx.order.findMany({
        where: { customerId: id }, orderBy: [{ orderedAt: "desc" }, { id: "desc" }], take: Math.max(LATEST_ORDERS, TIMELINE_PER_SOURCE),
        include: { items: { include: { product: { select: { name: true, sku: true } } } } },
      })
      : [];
    const orderTotal = canOrders ? await tx.order.count({ where: { customerId: id } }) : 0;
    const interactions = canInteractions
      ? await tx.interaction.findMany({ where: { customerId: id }, orderBy: [{ occurredAt: "desc" }], take: TIMELINE_PER_SOURCE })
      : [];
    const tickets = canTickets
      ? await tx.serviceTicket.findMany({ where: { customerId: id }, orderBy: [{ openedAt: "desc" }], take: TIMELINE_PER_SOURCE })
      : [];
    // Campaign touches belong to the customer record (sales staff see them with
    // customer:read); the address they went to is not shown, so nothing to mask.
    const touches = await tx.outboundMessage.findMany({
      where: { customerId: id }, orderBy: [{ createdAt: "desc" }], take: TIMELINE_PER_SOURCE,
      select: { createdAt: true, sentAt: true, channel: true, status: true, campaignId: true },
    });
    const campaignIds = [...new Set([...touches, ...interactions].flatMap((x) => (x.campaignId ? [x.campaignId] : [])))];
    const campaigns = campaignIds.length
      ? await tx.campaign.findMany({ where: { id: { in: campaignIds } }, select: { id: true, name: true } })
      : [];
    const campaignName = (cid: string | null) => (cid ? campaigns.find((x) => x.id === cid)?.name ?? null : null);

    const contact = contactFor(unmasked, c.phone, c.email);
    return {
      id: c.id,
      version: c.version,
      profile: {
        name: c.name, externalId: c.externalId, gender: c.gender, birthday: c.birthday,
        age: c.birthday ? ageOn(c.birthday, todayIn(timeZone)) : null,
        phone: contact.phone, email: contact.email, contactMasked: contact.masked,
        occupation: c.occupation, interests: c.interests, province: c.province, city: c.city, district: c.district,
        sourceChannel: c.sourceChannel, owner: owner ? { id: owner.id, name: owner.name } : null,
        homeStore: store ? { id: store.id, name: store.name } : null,
        createdAt: c.createdAt, firstOrderAt: c.firstOrderAt, lastOrderAt: c.lastOrderAt,
      },
      identities: identities.map((i) => ({ id: i.id, channel: i.channel, externalId: i.externalId, createdAt: i.createdAt })),
      tags: tags.map((t) => ({ id: t.tag.id, name: t.tag.name, kind: t.tag.kind })).sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
      membership: membership === undefined ? { allowed: false } : { allowed: true, data: membership },
      orders: canOrders
        ? {
          allowed: true,
          data: {
            total: orderTotal,
            latest: orders.slice(0, LATEST_ORDERS).map((o) => ({
              id: o.id, orderNo: o.orderNo, channel: o.channel, status: o.status, orderedAt: o.orderedAt,
              amount: o.amount.toString(), paidAmount: o.paidAmount.toString(),
              items: o.items.map((it) => ({
                id: it.id, productName: it.product.name, sku: it.product.sku, quantity: it.quantity,
                unitPrice: it.unitPrice.toString(), amount: it.amount.toString(),
              })),
            })),
          },
        }
        : { allowed: false },
      tickets: canTickets
        ? {
          allowed: true,
          data: tickets.slice(0, RECENT_TICKETS).map((t) => ({
            id: t.id, kind: t.kind, status: t.status, subject: t.subject, openedAt: t.openedAt, closedAt: t.closedAt,
          })),
        }
        : { allowed: false },
      scores: score
        ? {
          asOf: score.asOf, computedAt: score.computedAt, recencyDays: score.recencyDays, frequency: score.frequency,
          monetary: score.monetary.toString(), rScore: score.rScore, fScore: score.fScore, mScore: score.mScore,
          rfmSegment: score.rfmSegment, pAlive: score.pAlive, expectedPurchases90: score.expectedPurchases90,
          predictedClv: money(score.predictedClv), churnRisk: score.churnRisk,
        }
        : null,
      timeline: buildTimeline({
        registeredAt: c.createdAt,
        orders,
        interactions: interactions.map((i) => ({ ...i, campaignName: campaignName(i.campaignId) })),
        tickets,
        touches: touches.map((m) => ({ ...m, campaignName: campaignName(m.campaignId) })),
      }),
      timelineSources: { orders: canOrders, interactions: canInteractions, tickets: canTickets },
      may: { editTags: await may("customer:update"), logInteraction: await may("interaction:create") },
      timeZone,
      currency: tenant?.currency ?? "CNY",
    };
  });
}

/** The customer's row of the newest successful scoring run (not simply the newest row:
 *  a failed or running run can leave rows), or null. */
async function readScore(tx: TenantTx, tenantId: string, customerId: string) {
  const [run] = await tx.$queryRaw<{ as_of: Date | null }[]>`SELECT ${newestScoringRunSql(tenantId)} AS as_of`;
  if (!run?.as_of) return null;
  return tx.customerScore.findUnique({ where: { tenantId_asOf_customerId: { tenantId, asOf: run.as_of, customerId } } });
}

async function readMembership(tx: TenantTx, tenantId: string, customerId: string) {
  const member = await tx.member.findUnique({ where: { tenantId_customerId: { tenantId, customerId } } });
  if (!member) return null;
  const tier = member.tierId
    ? await tx.memberTier.findUnique({ where: { tenantId_id: { tenantId, id: member.tierId } }, select: { name: true, rank: true } })
    : null;
  const sum = await tx.pointsLedger.aggregate({ where: { memberId: member.id }, _sum: { delta: true } });
  const ledger = await tx.pointsLedger.findMany({ where: { memberId: member.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: LATEST_LEDGER });
  return {
    id: member.id,
    memberNo: member.memberNo,
    joinedAt: member.joinedAt,
    tier,
    pointsBalance: sum._sum.delta ?? 0,
    ledger: ledger.map((l) => ({ id: l.id, delta: l.delta, balanceAfter: l.balanceAfter, reason: l.reason, createdAt: l.createdAt })),
  };
}
