// What the ticket pages read. A ticket is in the caller's scope when its customer
// is inside the scope of their ticket:read grant (lib/customers/scope.ts); an id
// that is absent, another tenant's (RLS) or out of scope reads as null (404).
import type { AuthContext } from "@/lib/auth/context";
import type { PermissionKey } from "@/lib/auth/catalog";
import { contactFor, mayUnmask } from "@/lib/customers/contact";
import { customerListWhere } from "@/lib/customers/queries";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import { ticketCustomerIn } from "@/lib/tickets/customer";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { escapeLike } from "@/lib/interactions/day-range";
import { dayRangeSql } from "@/lib/interactions/day-range-sql";
import type { TicketFilters } from "@/lib/tickets/schemas";
import { tenantTimeZone } from "@/lib/tenants/time-zone";

export const TICKETS_PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TicketRow = {
  id: string; customerId: string; customerName: string; kind: string; status: string; subject: string;
  assigneeName: string | null; openedAt: Date; closedAt: Date | null;
};
export type TicketDetail = TicketRow & { body: string | null; assigneeUserId: string | null };

type Raw = {
  id: string; customer_id: string; customer_name: string; kind: string; status: string; subject: string; body: string | null;
  assignee_user_id: string | null; assignee_name: string | null; opened_at: Date; closed_at: Date | null;
};
const SELECT = Prisma.sql`
  SELECT s.id::text, s.customer_id::text, c.name AS customer_name, s.kind, s.status, s.subject, s.body,
    s.assignee_user_id::text, u.name AS assignee_name, s.opened_at, s.closed_at
  FROM service_tickets s
  JOIN customers c ON c.tenant_id = s.tenant_id AND c.id = s.customer_id
  LEFT JOIN users u ON u.id = s.assignee_user_id`;

const toRow = (r: Raw): TicketDetail => ({
  id: r.id, customerId: r.customer_id, customerName: r.customer_name, kind: r.kind, status: r.status, subject: r.subject,
  body: r.body, assigneeUserId: r.assignee_user_id, assigneeName: r.assignee_name,
  openedAt: new Date(r.opened_at), closedAt: r.closed_at ? new Date(r.closed_at) : null,
});

/** One ticket inside the scope of `permission`, read in the caller's transaction. */
export async function findTicket(tx: TenantTx, ctx: AuthContext, id: string, permission: PermissionKey): Promise<TicketDetail | null> {
  if (!UUID.test(id)) return null;
  const scope = await customerScope(tx, ctx, permission);
  const inScope = scopeSql(scope) ?? Prisma.sql`true`;
  const [row] = await tx.$queryRaw<Raw[]>`${SELECT}
    WHERE s.tenant_id = ${ctx.tenantId}::uuid AND s.id = ${id}::uuid AND c.deleted_at IS NULL AND ${inScope}`;
  return row ? toRow(row) : null;
}

export async function ticketDetail(ctx: AuthContext, id: string): Promise<(TicketDetail & { timeZone: string }) | null> {
  return withTenant(ctx, async (tx) => {
    const ticket = await findTicket(tx, ctx, id, "ticket:read");
    return ticket ? { ...ticket, timeZone: await tenantTimeZone(tx, ctx.tenantId) } : null;
  });
}

export async function listTickets(ctx: AuthContext, f: TicketFilters): Promise<{ rows: TicketRow[]; hasNext: boolean; timeZone: string }> {
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "ticket:read");
    const timeZone = await tenantTimeZone(tx, ctx.tenantId);
    const conds: Prisma.Sql[] = [Prisma.sql`s.tenant_id = ${ctx.tenantId}::uuid`, Prisma.sql`c.deleted_at IS NULL`];
    const inScope = scopeSql(scope);
    if (inScope) conds.push(inScope);
    if (f.kind) conds.push(Prisma.sql`s.kind = ${f.kind}`);
    if (f.status) conds.push(Prisma.sql`s.status = ${f.status}`);
    if (f.assignee === "none") conds.push(Prisma.sql`s.assignee_user_id IS NULL`);
    else if (f.assignee) conds.push(Prisma.sql`s.assignee_user_id = ${f.assignee === "me" ? ctx.userId : f.assignee}::uuid`);
    conds.push(...dayRangeSql(Prisma.sql`s.opened_at`, f.from, f.to, timeZone));
    if (f.customer) conds.push(Prisma.sql`c.name LIKE ${`${escapeLike(f.customer)}%`}`);
    const rows = await tx.$queryRaw<Raw[]>`${SELECT}
      WHERE ${Prisma.join(conds, " AND ")}
      ORDER BY s.opened_at DESC, s.id DESC
      LIMIT ${TICKETS_PAGE_SIZE + 1}::int OFFSET ${(f.page - 1) * TICKETS_PAGE_SIZE}::int`;
    return { rows: rows.slice(0, TICKETS_PAGE_SIZE).map(toRow), hasNext: rows.length > TICKETS_PAGE_SIZE, timeZone };
  });
}

/** Who a ticket may be assigned to: the tenant's active members. */
export async function assigneeOptions(ctx: AuthContext): Promise<{ id: string; name: string }[]> {
  return withTenant(ctx, async (tx) => {
    const members = await tx.membership.findMany({ where: { status: "active" }, select: { userId: true, user: { select: { name: true } } } });
    return members.map((m) => ({ id: m.userId, name: m.user.name })).sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  });
}

/** Customers to open a ticket for: a name/phone/id search inside the ticket:create scope. */
export async function ticketCustomerChoices(ctx: AuthContext, q: string): Promise<{ id: string; name: string; phone: string | null }[]> {
  const unmasked = mayUnmask(ctx);
  return withTenant(ctx, async (tx) => {
    const { where } = await customerListWhere(tx, ctx, { q }, "ticket:create");
    const rows = await tx.$queryRaw<{ id: string; name: string; phone: string | null }[]>`
      SELECT c.id::text, c.name, c.phone FROM customers c WHERE ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT 20`;
    return rows.map((r) => ({ id: r.id, name: r.name, phone: contactFor(unmasked, r.phone, null).phone }));
  });
}

/** The customer a new ticket is for, when it is inside the ticket:create scope. */
export async function ticketCustomer(ctx: AuthContext, customerId: string): Promise<{ id: string; name: string } | null> {
  return withTenant(ctx, (tx) => ticketCustomerIn(tx, ctx, customerId));
}
