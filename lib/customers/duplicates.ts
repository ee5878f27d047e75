// Possible duplicates: live customers with the same phone, the same e-mail or the
// same channel id as the one being created, edited or viewed. Only customers inside
// the caller's customer:read scope are suggested (a sales user is never told about
// a colleague's customer), with phone and e-mail masked unless the caller may see
// them. Every condition is an equality on an indexed column, so a lookup is a few
// index probes however big the tenant.
import { scopeOf, type AuthContext } from "@/lib/auth/context";
import { contactFor, mayUnmask } from "@/lib/customers/contact";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import type { TenantTx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";

export const DUPLICATE_LIMIT = 10;

export type DuplicateReason = "phone" | "email" | "identity";

export type DuplicateSuggestion = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  masked: boolean;
  reasons: DuplicateReason[];
  owner: { id: string; name: string } | null;
  createdAt: Date;
};

export type DuplicateProbe = {
  phone?: string | null;
  email?: string | null;
  /** Channel ids: a customer holding any of these external ids (in any channel) is suggested. */
  identityIds?: string[];
  /** The customer itself, when editing or viewing it. */
  excludeId?: string | null;
};

type Row = {
  id: string; name: string; phone: string | null; email: string | null; owner_user_id: string | null; owner_name: string | null;
  created_at: Date; by_phone: boolean; by_email: boolean; by_identity: boolean;
};

export async function findDuplicates(tx: TenantTx, ctx: AuthContext, probe: DuplicateProbe): Promise<DuplicateSuggestion[]> {
  const phone = probe.phone || null;
  // Stored e-mails are lower-cased on the way in; the typed form also finds older rows.
  const emails = probe.email ? [...new Set([probe.email, probe.email.toLowerCase()])] : [];
  const identityIds = [...new Set((probe.identityIds ?? []).filter(Boolean))].slice(0, 50);
  const arms: Prisma.Sql[] = [];
  if (phone) arms.push(Prisma.sql`c.phone = ${phone}`);
  if (emails.length) arms.push(Prisma.sql`c.email = ANY(${emails}::text[])`);
  const byIdentity = identityIds.length
    ? Prisma.sql`EXISTS (SELECT 1 FROM customer_identities ci
        WHERE ci.tenant_id = ${ctx.tenantId}::uuid AND ci.customer_id = c.id AND ci.external_id = ANY(${identityIds}::text[]))`
    : Prisma.sql`false`;
  if (identityIds.length) {
    arms.push(Prisma.sql`c.id IN (SELECT ci.customer_id FROM customer_identities ci
      WHERE ci.tenant_id = ${ctx.tenantId}::uuid AND ci.external_id = ANY(${identityIds}::text[]))`);
  }
  // Someone who may not read customers (a create-only role) is shown none.
  if (!arms.length || !scopeOf(ctx, "customer:read")) return [];
  const scope = scopeSql(await customerScope(tx, ctx, "customer:read"));
  const rows = await tx.$queryRaw<Row[]>`
    SELECT c.id::text, c.name, c.phone, c.email, c.owner_user_id::text, u.name AS owner_name, c.created_at,
      coalesce(c.phone = ${phone}, false) AS by_phone,
      coalesce(c.email = ANY(${emails}::text[]), false) AS by_email,
      ${byIdentity} AS by_identity
    FROM customers c
    LEFT JOIN users u ON u.id = c.owner_user_id
    WHERE c.tenant_id = ${ctx.tenantId}::uuid AND c.deleted_at IS NULL
      AND (${Prisma.join(arms, " OR ")})
      ${probe.excludeId ? Prisma.sql`AND c.id <> ${probe.excludeId}::uuid` : Prisma.empty}
      ${scope ? Prisma.sql`AND ${scope}` : Prisma.empty}
    ORDER BY c.created_at, c.id
    LIMIT ${DUPLICATE_LIMIT}::int`;
  const unmasked = mayUnmask(ctx);
  return rows.map((r) => {
    const contact = contactFor(unmasked, r.phone, r.email);
    const reasons: DuplicateReason[] = [];
    if (r.by_phone) reasons.push("phone");
    if (r.by_email) reasons.push("email");
    if (r.by_identity) reasons.push("identity");
    return {
      id: r.id, name: r.name, phone: contact.phone, email: contact.email, masked: contact.masked, reasons,
      owner: r.owner_user_id ? { id: r.owner_user_id, name: r.owner_name ?? "—" } : null,
      createdAt: new Date(r.created_at),
    };
  });
}

/** The possible duplicates of a stored customer: its phone, e-mail and channel ids. */
export async function duplicatesOfCustomer(
  tx: TenantTx, ctx: AuthContext, customer: { id: string; phone: string | null; email: string | null },
): Promise<DuplicateSuggestion[]> {
  const identities = await tx.customerIdentity.findMany({ where: { tenantId: ctx.tenantId, customerId: customer.id }, select: { externalId: true }, take: 50 });
  return findDuplicates(tx, ctx, {
    phone: customer.phone, email: customer.email, identityIds: identities.map((i) => i.externalId), excludeId: customer.id,
  });
}
