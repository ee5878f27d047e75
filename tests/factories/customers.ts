// Customers and what hangs off them (stores, tags, identities, orders, loyalty,
// interactions, tickets, scores, campaign touches) for tests, written through the
// app's own tenant-bound path (withTenant, RLS on).
import { randomUUID } from "node:crypto";
import { withTenant } from "@/lib/db/tenant";
import type { DataScope, PermissionKey } from "@/lib/auth/catalog";
import { unsafeFindOrCreateAccount } from "@/lib/users/accounts";
import { TEST_PASSWORD, type TestTenant } from "@/tests/factories/tenants";

type Owner = { tenantId: string; userId: string };

export type CustomerInput = {
  name?: string;
  phone?: string | null;
  email?: string | null;
  externalId?: string | null;
  gender?: "M" | "F" | "U" | null;
  birthday?: Date | null;
  province?: string | null;
  city?: string | null;
  sourceChannel?: string | null;
  ownerUserId?: string | null;
  departmentId?: string | null;
  homeStoreId?: string | null;
  createdAt?: Date;
  lastOrderAt?: Date | null;
  firstOrderAt?: Date | null;
  deletedAt?: Date | null;
  occupation?: string | null;
  interests?: string[];
};

export async function createCustomer(tenant: TestTenant, input: CustomerInput = {}) {
  return withTenant(tenant.owner, (tx) =>
    tx.customer.create({
      data: {
        tenantId: tenant.tenantId,
        name: input.name ?? `客户${randomUUID().slice(0, 6)}`,
        phone: input.phone ?? null,
        email: input.email ?? null,
        externalId: input.externalId ?? null,
        gender: input.gender ?? null,
        birthday: input.birthday ?? null,
        province: input.province ?? null,
        city: input.city ?? null,
        sourceChannel: input.sourceChannel ?? null,
        ownerUserId: input.ownerUserId ?? null,
        departmentId: input.departmentId ?? null,
        homeStoreId: input.homeStoreId ?? null,
        lastOrderAt: input.lastOrderAt ?? null,
        firstOrderAt: input.firstOrderAt ?? null,
        deletedAt: input.deletedAt ?? null,
        occupation: input.occupation ?? null,
        interests: input.interests ?? [],
        ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      },
    }),
  );
}

export async function createStore(tenant: TestTenant, name: string, departmentId: string | null = null, city: string | null = null, province: string | null = null) {
  return withTenant(tenant.owner, (tx) =>
    tx.store.create({ data: { tenantId: tenant.tenantId, code: `S-${randomUUID().slice(0, 8)}`, name, departmentId, city, province } }),
  );
}

export async function createTag(tenant: TestTenant, name: string) {
  return withTenant(tenant.owner, (tx) => tx.tag.create({ data: { tenantId: tenant.tenantId, name } }));
}

export async function tagCustomer(tenant: TestTenant, customerId: string, tagId: string) {
  await withTenant(tenant.owner, (tx) => tx.customerTag.create({ data: { tenantId: tenant.tenantId, customerId, tagId } }));
}

export async function addIdentity(tenant: TestTenant, customerId: string, channel: string, externalId: string) {
  return withTenant(tenant.owner, (tx) => tx.customerIdentity.create({ data: { tenantId: tenant.tenantId, customerId, channel, externalId } }));
}

export type OrderInput = {
  orderNo?: string; channel?: string; status?: string; orderedAt: Date; paidAt?: Date | null; shippedAt?: Date | null;
  receivedAt?: Date | null; reviewedAt?: Date | null; refundedAt?: Date | null; paidAmount?: string;
  items?: { productName: string; quantity: number; unitPrice: string }[];
};

export async function addOrder(tenant: TestTenant, customerId: string, input: OrderInput) {
  return withTenant(tenant.owner, async (tx) => {
    const items = input.items ?? [];
    const amount = items.reduce((s, i) => s + i.quantity * Number(i.unitPrice), 0);
    const order = await tx.order.create({
      data: {
        tenantId: tenant.tenantId, orderNo: input.orderNo ?? `NO-${randomUUID().slice(0, 10)}`, customerId,
        channel: input.channel ?? "store", status: input.status ?? "created", orderedAt: input.orderedAt,
        paidAt: input.paidAt ?? null, shippedAt: input.shippedAt ?? null, receivedAt: input.receivedAt ?? null,
        reviewedAt: input.reviewedAt ?? null, refundedAt: input.refundedAt ?? null,
        amount: amount.toFixed(2), paidAmount: input.paidAmount ?? amount.toFixed(2),
      },
    });
    for (const item of items) {
      const product = await tx.product.create({
        data: { tenantId: tenant.tenantId, sku: `SKU-${randomUUID().slice(0, 8)}`, name: item.productName, price: item.unitPrice },
      });
      await tx.orderItem.create({
        data: {
          tenantId: tenant.tenantId, orderId: order.id, productId: product.id, quantity: item.quantity,
          unitPrice: item.unitPrice, amount: (item.quantity * Number(item.unitPrice)).toFixed(2),
        },
      });
    }
    return order;
  });
}

/** A member with a tier and a points ledger (balance_after kept as a running sum). */
export async function addMembership(tenant: TestTenant, customerId: string, tierName: string, deltas: { delta: number; reason: string; at: Date }[]) {
  return withTenant(tenant.owner, async (tx) => {
    const rank = Math.floor(Math.random() * 1_000_000);
    const tier = await tx.memberTier.create({ data: { tenantId: tenant.tenantId, rank, name: tierName } });
    const member = await tx.member.create({
      data: { tenantId: tenant.tenantId, customerId, memberNo: `M${randomUUID().slice(0, 8)}`, tierId: tier.id, joinedAt: deltas[0]?.at ?? new Date() },
    });
    let balance = 0;
    for (const d of deltas) {
      balance += d.delta;
      await tx.pointsLedger.create({
        data: { tenantId: tenant.tenantId, memberId: member.id, delta: d.delta, balanceAfter: balance, reason: d.reason, createdAt: d.at },
      });
    }
    return { member, tier, balance };
  });
}

export async function addInteraction(tenant: TestTenant, customerId: string, input: { channel: string; type: string; occurredAt: Date; note?: string; userId?: string }) {
  return withTenant(tenant.owner, (tx) =>
    tx.interaction.create({
      data: { tenantId: tenant.tenantId, customerId, channel: input.channel, type: input.type, occurredAt: input.occurredAt, note: input.note ?? null, userId: input.userId ?? null },
    }),
  );
}

export async function addTicket(tenant: TestTenant, customerId: string, input: { kind: string; subject: string; openedAt: Date; closedAt?: Date | null }) {
  return withTenant(tenant.owner, (tx) =>
    tx.serviceTicket.create({
      data: {
        tenantId: tenant.tenantId, customerId, kind: input.kind, subject: input.subject, openedAt: input.openedAt,
        closedAt: input.closedAt ?? null, status: input.closedAt ? "closed" : "open",
      },
    }),
  );
}

export async function addCampaignTouch(tenant: TestTenant, customerId: string, input: { campaignName: string; channel: string; sentAt: Date }) {
  return withTenant(tenant.owner, async (tx) => {
    const campaign = await tx.campaign.create({ data: { tenantId: tenant.tenantId, name: input.campaignName } });
    return tx.outboundMessage.create({
      data: {
        tenantId: tenant.tenantId, idempotencyKey: randomUUID(), campaignId: campaign.id, customerId, channel: input.channel,
        toAddress: "+8613800138000", body: "…", status: "sent", createdAt: input.sentAt, sentAt: input.sentAt,
      },
    });
  });
}

export async function addScore(tenant: TestTenant, customerId: string, input: { asOf: Date; rfmSegment: string; churnRisk: string; pAlive: number }) {
  return withTenant(tenant.owner, (tx) =>
    tx.customerScore.create({
      data: {
        tenantId: tenant.tenantId, customerId, asOf: input.asOf, recencyDays: 12, frequency: 3, monetary: "1999.00",
        rScore: 5, fScore: 3, mScore: 4, rfmSegment: input.rfmSegment, churnRisk: input.churnRisk, pAlive: input.pAlive,
      },
    }),
  );
}

/** Many plain customers in one statement, for counts beyond the cap. */
export async function bulkCustomers(tenant: TestTenant, n: number, ownerUserId: Owner["userId"] | null = null) {
  await withTenant(tenant.owner, (tx) =>
    tx.$executeRaw`INSERT INTO customers (tenant_id, name, owner_user_id)
      SELECT ${tenant.tenantId}::uuid, 'bulk-' || g, ${ownerUserId}::uuid FROM generate_series(1, ${n}::int) g`,
  );
}

/** A member with a custom role holding exactly these grants (e.g. customer:read at "department" scope). */
export async function addMemberWithGrants(
  tenant: TestTenant,
  grants: [PermissionKey, DataScope][],
  opts: { departmentId?: string; managerUserId?: string } = {},
) {
  const email = `custom-${randomUUID().slice(0, 8)}@example.test`;
  const { user } = await unsafeFindOrCreateAccount({ email, name: "custom role user", password: TEST_PASSWORD });
  await withTenant(tenant.owner, async (tx) => {
    const role = await tx.role.create({ data: { tenantId: tenant.tenantId, name: `Role ${randomUUID().slice(0, 8)}` } });
    await tx.rolePermission.createMany({
      data: grants.map(([permissionKey, dataScope]) => ({ tenantId: tenant.tenantId, roleId: role.id, permissionKey, dataScope })),
    });
    await tx.membership.create({
      data: { tenantId: tenant.tenantId, userId: user.id, departmentId: opts.departmentId ?? tenant.headOfficeId, managerUserId: opts.managerUserId ?? null },
    });
    await tx.userRole.create({ data: { tenantId: tenant.tenantId, userId: user.id, roleId: role.id } });
  });
  return { tenantId: tenant.tenantId, userId: user.id, email };
}

// ───────────── for merges: every kind of row that hangs off a customer ─────────────

/** A member on a tier of a given rank (created if missing), with a ledger whose balance_after runs. */
export async function addMemberOnTier(
  tenant: TestTenant, customerId: string, tier: { rank: number; name: string }, deltas: { delta: number; reason: string; at: Date }[],
) {
  return withTenant(tenant.owner, async (tx) => {
    const t = await tx.memberTier.upsert({
      where: { tenantId_rank: { tenantId: tenant.tenantId, rank: tier.rank } },
      create: { tenantId: tenant.tenantId, rank: tier.rank, name: tier.name },
      update: {},
    });
    const member = await tx.member.create({
      data: { tenantId: tenant.tenantId, customerId, memberNo: `M${randomUUID().slice(0, 8)}`, tierId: t.id, joinedAt: deltas[0]?.at ?? new Date() },
    });
    let balance = 0;
    for (const d of deltas) {
      balance += d.delta;
      await tx.pointsLedger.create({
        data: { tenantId: tenant.tenantId, memberId: member.id, delta: d.delta, balanceAfter: balance, reason: d.reason, createdAt: d.at },
      });
    }
    await tx.member.update({ where: { tenantId_id: { tenantId: tenant.tenantId, id: member.id } }, data: { pointsBalance: balance } });
    await tx.tierChange.create({ data: { tenantId: tenant.tenantId, memberId: member.id, toTierId: t.id, reason: "joined" } });
    return { member, tier: t, balance };
  });
}

export async function addCoupon(tenant: TestTenant, customerId: string) {
  return withTenant(tenant.owner, (tx) =>
    tx.coupon.create({ data: { tenantId: tenant.tenantId, code: `CP-${randomUUID().slice(0, 10)}`, customerId, value: "20.00" } }));
}

export async function addReferral(tenant: TestTenant, referrerCustomerId: string, referredCustomerId: string, at = new Date()) {
  return withTenant(tenant.owner, (tx) =>
    tx.referral.create({ data: { tenantId: tenant.tenantId, referrerCustomerId, referredCustomerId, referredAt: at, rewardPoints: 50 } }));
}

export async function addCareTask(tenant: TestTenant, customerId: string, assigneeUserId: string | null = null) {
  return withTenant(tenant.owner, (tx) =>
    tx.careTask.create({ data: { tenantId: tenant.tenantId, customerId, assigneeUserId, note: "回访" } }));
}

export async function createCampaign(tenant: TestTenant, name: string) {
  return withTenant(tenant.owner, (tx) => tx.campaign.create({ data: { tenantId: tenant.tenantId, name } }));
}

export async function addCampaignTarget(tenant: TestTenant, campaignId: string, customerId: string, arm: "treatment" | "control") {
  return withTenant(tenant.owner, (tx) => tx.campaignTarget.create({ data: { tenantId: tenant.tenantId, campaignId, customerId, arm } }));
}

export async function createSegment(tenant: TestTenant, name: string) {
  return withTenant(tenant.owner, (tx) => tx.segment.create({ data: { tenantId: tenant.tenantId, name, kind: "static" } }));
}

export async function addSegmentMember(tenant: TestTenant, segmentId: string, customerId: string) {
  await withTenant(tenant.owner, async (tx) => {
    await tx.segmentMember.create({ data: { tenantId: tenant.tenantId, segmentId, customerId } });
    await tx.segment.update({
      where: { tenantId_id: { tenantId: tenant.tenantId, id: segmentId } },
      data: { memberCount: await tx.segmentMember.count({ where: { segmentId } }) },
    });
  });
}
