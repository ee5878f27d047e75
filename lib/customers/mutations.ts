// Changes made from the 360 view: tags and logged interactions. Each runs inside
// the caller's tenant (RLS: another tenant's id reads as absent) and checks the
// customer is live and inside the data scope of the permission the action needs
// (customer:update for tags, interaction:create for interactions): an id the
// caller may not change gets the same "not found" as one that does not exist.
// Every change is audited in its own transaction.
import type { AuthContext } from "@/lib/auth/context";
import type { PermissionKey } from "@/lib/auth/catalog";
import { scopeWhere } from "@/lib/auth/data-scope";
import { writeAudit } from "@/lib/audit/log";
import { customerScope } from "@/lib/customers/scope";
import type { AddTagInput, LogInteractionInput, RemoveTagInput } from "@/lib/customers/schemas";
import { tenantTimeZone } from "@/lib/customers/time-zone";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";

const notFound = () => new AppError("not_found", "customers.error.notFound");

/** The live customer with this id inside the caller's scope of `permission`, or "not found". */
export async function customerFor(tx: TenantTx, ctx: AuthContext, customerId: string, permission: PermissionKey) {
  const scope = await customerScope(tx, ctx, permission);
  const customer = await tx.customer.findFirst({
    where: { AND: [{ tenantId: ctx.tenantId, id: customerId, deletedAt: null }, scopeWhere(scope, { owner: "ownerUserId", department: "departmentId" })] },
    select: { id: true, name: true },
  });
  if (!customer) throw notFound();
  return customer;
}

export async function addCustomerTag(ctx: AuthContext, input: AddTagInput): Promise<{ tagId: string; added: boolean }> {
  return withTenant(ctx, async (tx) => {
    const customer = await customerFor(tx, ctx, input.customerId, "customer:update");
    const tag = await tx.tag.upsert({
      where: { tenantId_name: { tenantId: ctx.tenantId, name: input.tagName } },
      create: { tenantId: ctx.tenantId, name: input.tagName, kind: "manual" },
      update: {},
    });
    // Computed tags belong to the jobs that compute them; a hand-set one would be overwritten.
    if (tag.kind !== "manual") throw new AppError("validation", "customers.error.tagComputed", {}, { tagName: "customers.error.tagComputed" });
    const { count } = await tx.customerTag.createMany({
      data: [{ tenantId: ctx.tenantId, customerId: customer.id, tagId: tag.id }], skipDuplicates: true,
    });
    if (count) {
      await writeAudit(tx, ctx, { action: "customer.tag.add", entity: "customer", entityId: customer.id, after: { tagId: tag.id, tagName: tag.name } });
    }
    return { tagId: tag.id, added: count > 0 };
  });
}

export async function removeCustomerTag(ctx: AuthContext, input: RemoveTagInput): Promise<{ removed: boolean }> {
  return withTenant(ctx, async (tx) => {
    const customer = await customerFor(tx, ctx, input.customerId, "customer:update");
    const link = await tx.customerTag.findUnique({
      where: { tenantId_customerId_tagId: { tenantId: ctx.tenantId, customerId: customer.id, tagId: input.tagId } },
      include: { tag: true },
    });
    if (!link) return { removed: false };
    if (link.tag.kind !== "manual") throw new AppError("validation", "customers.error.tagComputed");
    await tx.customerTag.delete({ where: { tenantId_customerId_tagId: { tenantId: ctx.tenantId, customerId: customer.id, tagId: input.tagId } } });
    await writeAudit(tx, ctx, { action: "customer.tag.remove", entity: "customer", entityId: customer.id, before: { tagId: link.tagId, tagName: link.tag.name } });
    return { removed: true };
  });
}

export async function logInteraction(ctx: AuthContext, input: LogInteractionInput): Promise<{ id: string }> {
  return withTenant(ctx, async (tx) => {
    const customer = await customerFor(tx, ctx, input.customerId, "interaction:create");
    let occurredAt = new Date();
    if (input.occurredAt) {
      const timeZone = await tenantTimeZone(tx, ctx.tenantId);
      const [row] = await tx.$queryRaw<{ at: Date }[]>`SELECT (${input.occurredAt}::timestamp AT TIME ZONE ${timeZone}) AS at`;
      occurredAt = new Date(row!.at);
      // A couple of minutes of clock skew is fine; a logged future is not.
      if (occurredAt.getTime() > Date.now() + 5 * 60_000) {
        throw new AppError("validation", "error.validation", {}, { occurredAt: "customers.error.occurredAtFuture" });
      }
    }
    const created = await tx.interaction.create({
      data: {
        tenantId: ctx.tenantId, customerId: customer.id, channel: input.channel, type: input.type,
        note: input.note || null, userId: ctx.userId, occurredAt,
      },
    });
    await writeAudit(tx, ctx, {
      action: "interaction.create", entity: "interaction", entityId: created.id,
      after: { customerId: customer.id, channel: input.channel, type: input.type, note: input.note || null, occurredAt },
    });
    return { id: created.id };
  });
}
