// What the 360 view offers for managing one customer: edit, delete and merge (each
// only when the customer is inside the scope of the caller's grant), possible
// duplicates, and candidates to merge with. Reads only; the actions check again.
import type { AuthContext } from "@/lib/auth/context";
import { scopeOf } from "@/lib/auth/context";
import type { PermissionKey } from "@/lib/auth/catalog";
import { resolveDataScope, scopeWhere } from "@/lib/auth/data-scope";
import { contactFor, mayUnmask } from "@/lib/customers/contact";
import { duplicatesOfCustomer, type DuplicateSuggestion } from "@/lib/customers/duplicates";
import { customerListWhere } from "@/lib/customers/queries";
import { customerScope, inScope } from "@/lib/customers/scope";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CustomerManagement = {
  may: { edit: boolean; delete: boolean; merge: boolean };
  duplicates: DuplicateSuggestion[];
};

async function allowedOn(tx: TenantTx, ctx: AuthContext, permission: PermissionKey, row: { ownerUserId: string | null; departmentId: string | null }) {
  const scope = scopeOf(ctx, permission);
  if (!scope) return false;
  return inScope(await resolveDataScope(tx, ctx, scope), row);
}

/** null when the caller may not read this customer (the 360 page is a 404 then anyway). */
export async function customerManagement(ctx: AuthContext, id: string): Promise<CustomerManagement | null> {
  if (!UUID.test(id)) return null;
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "customer:read");
    const c = await tx.customer.findFirst({
      where: { AND: [{ tenantId: ctx.tenantId, id, deletedAt: null }, scopeWhere(scope, { owner: "ownerUserId", department: "departmentId" })] },
      select: { id: true, phone: true, email: true, ownerUserId: true, departmentId: true },
    });
    if (!c) return null;
    const edit = await allowedOn(tx, ctx, "customer:update", c);
    const del = await allowedOn(tx, ctx, "customer:delete", c);
    return { may: { edit, delete: del, merge: edit }, duplicates: await duplicatesOfCustomer(tx, ctx, c) };
  });
}

export type MergeCandidate = {
  id: string; name: string; phone: string | null; email: string | null; city: string | null; owner: string | null; createdAt: Date;
};

export const CANDIDATE_LIMIT = 20;

/**
 * Customers the caller could merge into (or with) this one, found with the list's
 * search box: inside the customer:update scope, live, not the customer itself.
 * Bounded however common the search (the first 200 matches, by name).
 */
export async function mergeCandidates(ctx: AuthContext, customerId: string, q: string): Promise<MergeCandidate[]> {
  if (!UUID.test(customerId) || !q.trim()) return [];
  return withTenant(ctx, async (tx) => {
    const { where } = await customerListWhere(tx, ctx, { q: q.trim().slice(0, 100) }, "customer:update");
    const rows = await tx.$queryRaw<{ id: string; name: string; phone: string | null; email: string | null; city: string | null; owner: string | null; created_at: Date }[]>`
      WITH m AS MATERIALIZED (SELECT c.id FROM customers c WHERE ${where} AND c.id <> ${customerId}::uuid LIMIT 200)
      SELECT c.id::text, c.name, c.phone, c.email, c.city, u.name AS owner, c.created_at
      FROM m JOIN customers c ON c.tenant_id = ${ctx.tenantId}::uuid AND c.id = m.id
      LEFT JOIN users u ON u.id = c.owner_user_id
      ORDER BY c.name, c.id LIMIT ${Prisma.sql`${CANDIDATE_LIMIT}::int`}`;
    const unmasked = mayUnmask(ctx);
    return rows.map((r) => {
      const contact = contactFor(unmasked, r.phone, r.email);
      return { id: r.id, name: r.name, phone: contact.phone, email: contact.email, city: r.city, owner: r.owner, createdAt: new Date(r.created_at) };
    });
  });
}

/**
 * An old link to a merged-away customer: the survivor it lives on in, if the caller
 * may read the survivor (else null, and the page stays a 404). Merges repoint older
 * pointers, so one hop reaches the survivor.
 */
export async function mergedSurvivor(ctx: AuthContext, id: string): Promise<string | null> {
  if (!UUID.test(id)) return null;
  return withTenant(ctx, async (tx) => {
    const gone = await tx.customer.findFirst({
      where: { tenantId: ctx.tenantId, id, deletedAt: { not: null }, mergedIntoId: { not: null } }, select: { mergedIntoId: true },
    });
    if (!gone?.mergedIntoId) return null;
    const scope = await customerScope(tx, ctx, "customer:read");
    const survivor = await tx.customer.findFirst({
      where: { AND: [{ tenantId: ctx.tenantId, id: gone.mergedIntoId, deletedAt: null }, scopeWhere(scope, { owner: "ownerUserId", department: "departmentId" })] },
      select: { id: true },
    });
    return survivor?.id ?? null;
  });
}
