// Opening, editing, closing and reopening service tickets. Opening needs the
// customer inside the caller's ticket:create scope; changing needs the ticket's
// customer inside the ticket:update scope. Anything else — another tenant's id, a
// customer or ticket outside the scope, a deleted customer — reads as "not found"
// and changes nothing. An assignee must be an active member of this tenant. Each
// change and its audit row (before/after) are one transaction.
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { ticketCustomerIn } from "@/lib/tickets/customer";
import { findTicket, type TicketDetail } from "@/lib/tickets/queries";
import type { CreateTicketInput, UpdateTicketInput } from "@/lib/tickets/schemas";

const notFound = () => new AppError("not_found", "tickets.error.notFound");

async function checkAssignee(tx: TenantTx, tenantId: string, userId: string | null) {
  if (!userId) return;
  const m = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { status: true } });
  if (!m || m.status !== "active") {
    throw new AppError("validation", "error.validation", {}, { assigneeUserId: "tickets.error.assignee" });
  }
}

const audited = (t: Pick<TicketDetail, "customerId" | "kind" | "status" | "subject" | "body" | "assigneeUserId" | "closedAt">) => ({
  customerId: t.customerId, kind: t.kind, status: t.status, subject: t.subject, body: t.body,
  assigneeUserId: t.assigneeUserId, closedAt: t.closedAt,
});

export async function createTicket(ctx: AuthContext, input: CreateTicketInput): Promise<{ id: string }> {
  return withTenant(ctx, async (tx) => {
    const customer = await ticketCustomerIn(tx, ctx, input.customerId);
    if (!customer) throw new AppError("not_found", "tickets.error.customerNotFound");
    await checkAssignee(tx, ctx.tenantId, input.assigneeUserId);
    const created = await tx.serviceTicket.create({
      data: {
        tenantId: ctx.tenantId, customerId: customer.id, kind: input.kind, subject: input.subject,
        body: input.body || null, assigneeUserId: input.assigneeUserId, status: "open",
      },
    });
    await writeAudit(tx, ctx, {
      action: "ticket.create", entity: "service_ticket", entityId: created.id,
      after: audited({ ...created, customerId: customer.id }),
    });
    return { id: created.id };
  });
}

async function lockedTicket(tx: TenantTx, ctx: AuthContext, id: string): Promise<TicketDetail> {
  const ticket = await findTicket(tx, ctx, id, "ticket:update");
  if (!ticket) throw notFound();
  // Two people closing or editing at once: the second waits and sees the first's change.
  await tx.$queryRaw`SELECT 1 FROM service_tickets WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${ticket.id}::uuid FOR UPDATE`;
  const fresh = await findTicket(tx, ctx, ticket.id, "ticket:update");
  if (!fresh) throw notFound();
  return fresh;
}

export async function updateTicket(ctx: AuthContext, input: UpdateTicketInput): Promise<{ id: string }> {
  return withTenant(ctx, async (tx) => {
    const before = await lockedTicket(tx, ctx, input.id);
    await checkAssignee(tx, ctx.tenantId, input.assigneeUserId);
    const after = await tx.serviceTicket.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: before.id } },
      data: { kind: input.kind, subject: input.subject, body: input.body || null, assigneeUserId: input.assigneeUserId },
    });
    await writeAudit(tx, ctx, { action: "ticket.update", entity: "service_ticket", entityId: before.id, before: audited(before), after: audited(after) });
    return { id: before.id };
  });
}

export async function setTicketStatus(ctx: AuthContext, id: string, status: "open" | "closed"): Promise<{ id: string; status: string }> {
  return withTenant(ctx, async (tx) => {
    const before = await lockedTicket(tx, ctx, id);
    if (before.status === status) {
      throw new AppError("conflict", status === "closed" ? "tickets.error.alreadyClosed" : "tickets.error.alreadyOpen");
    }
    const after = await tx.serviceTicket.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: before.id } },
      data: { status, closedAt: status === "closed" ? new Date() : null },
    });
    await writeAudit(tx, ctx, {
      action: status === "closed" ? "ticket.close" : "ticket.reopen", entity: "service_ticket", entityId: before.id,
      before: audited(before), after: audited(after),
    });
    return { id: before.id, status };
  });
}
