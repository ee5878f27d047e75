// Creating, editing, soft-deleting and restoring customers.
//
// Security-critical. Every function runs inside the caller's tenant (withTenant:
// RLS) and the data scope of the permission it needs (customer:create, :update,
// :delete): a customer outside that scope, another tenant's or a deleted one is
// "not found", exactly like one that does not exist. Owners and home stores are
// checked the same way: an owner must be an active member inside the caller's
// scope, and after the change the customer must still be inside it (nobody can
// hand a customer to where they themselves could no longer see it).
//
// Stale edits: the form carries the version it was opened with, and the update is
// one statement, UPDATE … WHERE id = … AND version = $v (version + 1); when it
// matches no row, nothing is written and the user is told someone else changed the
// customer. Every change writes an audit row (before and after) in the same
// transaction.
import type { AuthContext } from "@/lib/auth/context";
import type { PermissionKey } from "@/lib/auth/catalog";
import { scopeWhere, type ScopeFilter } from "@/lib/auth/data-scope";
import { writeAudit } from "@/lib/audit/log";
import { contactFor, mayUnmask } from "@/lib/customers/contact";
import { findDuplicates, type DuplicateSuggestion } from "@/lib/customers/duplicates";
import type { CreateCustomerInput, CustomerFields, DeleteCustomerInput, UpdateCustomerInput } from "@/lib/customers/edit-schema";
import { customerScope, inScope } from "@/lib/customers/scope";
import { tenantTimeZone } from "@/lib/customers/time-zone";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import type { Customer } from "@/lib/generated/prisma/client.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const customerNotFound = () => new AppError("not_found", "customers.error.notFound");
const fieldError = (field: string, key: string) => new AppError("validation", "error.validation", {}, { [field]: key });

/** What a save did: saved (with the new version), or stopped to show possible duplicates first. */
export type SaveResult =
  | { status: "saved"; id: string; version: number; changed: string[] }
  | { status: "duplicates"; duplicates: DuplicateSuggestion[] };

/** The fields a person edits, as audited (dates as calendar days). */
export type CustomerSnapshot = {
  name: string; phone: string | null; email: string | null; gender: string | null; birthday: string | null;
  province: string | null; city: string | null; district: string | null; address: string | null; occupation: string | null;
  interests: string[]; sourceChannel: string | null; homeStoreId: string | null; ownerUserId: string | null; departmentId: string | null;
};

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function snapshotOf(c: Omit<CustomerSnapshot, "birthday"> & { birthday: Date | null }): CustomerSnapshot {
  return {
    name: c.name, phone: c.phone, email: c.email, gender: c.gender, birthday: day(c.birthday),
    province: c.province, city: c.city, district: c.district, address: c.address, occupation: c.occupation,
    interests: [...c.interests], sourceChannel: c.sourceChannel, homeStoreId: c.homeStoreId, ownerUserId: c.ownerUserId,
    departmentId: c.departmentId,
  };
}

/** The fields that differ, each with its value before and after. */
export function changedFields(before: CustomerSnapshot, after: CustomerSnapshot): (keyof CustomerSnapshot)[] {
  return (Object.keys(after) as (keyof CustomerSnapshot)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

const pick = <T extends object, K extends keyof T>(o: T, keys: K[]) => Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;

/** A live customer inside the caller's scope of `permission`, or not found. */
async function scopedCustomer(tx: TenantTx, ctx: AuthContext, scope: ScopeFilter, customerId: string, deleted = false): Promise<Customer> {
  if (!UUID.test(customerId)) throw customerNotFound();
  const c = await tx.customer.findFirst({
    where: { AND: [{ tenantId: ctx.tenantId, id: customerId, deletedAt: deleted ? { not: null } : null }, scopeWhere(scope, { owner: "ownerUserId", department: "departmentId" })] },
  });
  if (!c) throw customerNotFound();
  return c;
}

/** "Someone else changed this customer": who, when the audit says so. */
async function staleError(tx: TenantTx, ctx: AuthContext, customerId: string): Promise<AppError> {
  const last = await tx.auditLog.findFirst({
    where: { tenantId: ctx.tenantId, entity: "customer", entityId: customerId },
    orderBy: [{ createdAt: "desc" }], select: { actorUserId: true },
  });
  const who = last?.actorUserId && last.actorUserId !== ctx.userId
    ? await tx.user.findUnique({ where: { id: last.actorUserId }, select: { name: true } })
    : null;
  return who
    ? new AppError("conflict", "customers.edit.error.staleBy", { who: who.name })
    : new AppError("conflict", "customers.edit.error.stale");
}

type Placement = { ownerUserId: string | null; homeStoreId: string | null; departmentId: string | null };

/**
 * Owner, home store and the department that follows from them (the department
 * decides which department-scoped users see the customer: the home store's, else
 * the owner's). Refuses an unknown store, an owner who is not an active member or
 * is outside the caller's scope, and a result the caller could no longer see.
 */
async function placement(
  tx: TenantTx, ctx: AuthContext, scope: ScopeFilter, wanted: { ownerUserId: string | null; homeStoreId: string | null }, current: Placement | null,
): Promise<Placement> {
  const store = wanted.homeStoreId
    ? await tx.store.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: wanted.homeStoreId } }, select: { id: true, departmentId: true } })
    : null;
  if (wanted.homeStoreId && !store) throw fieldError("homeStoreId", "customers.edit.error.storeUnknown");

  const ownerChanged = !current || wanted.ownerUserId !== current.ownerUserId;
  let ownerDepartment: string | null = null;
  if (wanted.ownerUserId) {
    const member = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: ctx.tenantId, userId: wanted.ownerUserId } }, select: { status: true, departmentId: true },
    });
    if (ownerChanged) {
      if (!member || member.status !== "active") throw fieldError("ownerUserId", "customers.edit.error.ownerUnknown");
      const mine = scope.all || scope.userIds.includes(wanted.ownerUserId)
        || (member.departmentId !== null && scope.departmentIds.includes(member.departmentId));
      if (!mine) throw fieldError("ownerUserId", "customers.edit.error.ownerOutOfScope");
    }
    ownerDepartment = member?.departmentId ?? null;
  }

  const storeChanged = !current || wanted.homeStoreId !== current.homeStoreId;
  const departmentId = !current || storeChanged || ownerChanged
    ? store?.departmentId ?? ownerDepartment ?? (current && !store && !wanted.ownerUserId ? current.departmentId : null)
    : current.departmentId;
  const result = { ownerUserId: wanted.ownerUserId, homeStoreId: wanted.homeStoreId, departmentId };
  if (!inScope(scope, result)) throw fieldError(ownerChanged ? "ownerUserId" : "homeStoreId", "customers.edit.error.wouldLeaveScope");
  return result;
}

function columns(f: CustomerFields, p: Placement) {
  return {
    name: f.name, phone: f.phone, email: f.email, gender: f.gender, birthday: f.birthday, province: f.province, city: f.city,
    district: f.district, address: f.address, occupation: f.occupation, interests: f.interests, sourceChannel: f.sourceChannel,
    ownerUserId: p.ownerUserId, homeStoreId: p.homeStoreId, departmentId: p.departmentId,
  };
}

const unseen = (found: DuplicateSuggestion[], acknowledged: string[]) => found.filter((d) => !acknowledged.includes(d.id));

export async function createCustomer(ctx: AuthContext, input: CreateCustomerInput): Promise<SaveResult> {
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "customer:create");
    // A new customer is the creator's unless they pick another owner inside their scope.
    const place = await placement(tx, ctx, scope, { ownerUserId: input.ownerUserId ?? ctx.userId, homeStoreId: input.homeStoreId }, null);
    const duplicates = await findDuplicates(tx, ctx, {
      phone: input.phone, email: input.email, identityIds: input.identity ? [input.identity.externalId] : [],
    });
    if (unseen(duplicates, input.acknowledgedDuplicates).length) return { status: "duplicates", duplicates };
    if (input.identity) {
      // A channel id belongs to one customer (unique per tenant): saving anyway cannot link it twice.
      const taken = await tx.customerIdentity.findUnique({
        where: { tenantId_channel_externalId: { tenantId: ctx.tenantId, channel: input.identity.channel, externalId: input.identity.externalId } },
        select: { id: true },
      });
      if (taken) throw fieldError("identityExternalId", "customers.edit.error.identityTaken");
    }
    const data = columns(input, place);
    const created = await tx.customer.create({ data: { tenantId: ctx.tenantId, ...data } });
    if (input.identity) {
      await tx.customerIdentity.create({ data: { tenantId: ctx.tenantId, customerId: created.id, ...input.identity } });
    }
    await writeAudit(tx, ctx, {
      action: "customer.create", entity: "customer", entityId: created.id,
      after: { ...snapshotOf(created), identity: input.identity, acknowledgedDuplicates: input.acknowledgedDuplicates.length ? input.acknowledgedDuplicates : undefined },
    });
    return { status: "saved", id: created.id, version: created.version, changed: Object.keys(snapshotOf(created)) };
  });
}

export async function updateCustomer(ctx: AuthContext, input: UpdateCustomerInput): Promise<SaveResult> {
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "customer:update");
    const current = await scopedCustomer(tx, ctx, scope, input.customerId);
    if (current.version !== input.version) throw await staleError(tx, ctx, current.id);
    const place = await placement(tx, ctx, scope, { ownerUserId: input.ownerUserId, homeStoreId: input.homeStoreId }, current);
    const data = columns(input, place);
    if (input.keep.phone) data.phone = current.phone;
    if (input.keep.email) data.email = current.email;
    const before = snapshotOf(current);
    const after = snapshotOf(data);
    const changed = changedFields(before, after);
    if (!changed.length) return { status: "saved", id: current.id, version: current.version, changed: [] };

    // Only a changed phone or e-mail can make a new duplicate.
    const probe = { phone: changed.includes("phone") ? data.phone : null, email: changed.includes("email") ? data.email : null, excludeId: current.id };
    const duplicates = probe.phone || probe.email ? await findDuplicates(tx, ctx, probe) : [];
    if (unseen(duplicates, input.acknowledgedDuplicates).length) return { status: "duplicates", duplicates };

    // The stale-edit guard is the WHERE clause: a concurrent save that committed
    // first moved the version on, and this statement then matches no row.
    const { count } = await tx.customer.updateMany({
      where: { tenantId: ctx.tenantId, id: current.id, version: input.version, deletedAt: null },
      data: { ...data, version: { increment: 1 }, updatedAt: new Date() },
    });
    if (count !== 1) throw await staleError(tx, ctx, current.id);
    await writeAudit(tx, ctx, {
      action: "customer.update", entity: "customer", entityId: current.id,
      before: { ...pick(before, changed), version: current.version },
      after: { ...pick(after, changed), version: current.version + 1 },
    });
    return { status: "saved", id: current.id, version: current.version + 1, changed };
  });
}

export async function deleteCustomer(ctx: AuthContext, input: DeleteCustomerInput): Promise<{ id: string; name: string }> {
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "customer:delete");
    const current = await scopedCustomer(tx, ctx, scope, input.customerId);
    if (input.version !== undefined && input.version !== current.version) throw await staleError(tx, ctx, current.id);
    const deletedAt = new Date();
    const { count } = await tx.customer.updateMany({
      where: { tenantId: ctx.tenantId, id: current.id, version: current.version, deletedAt: null },
      data: { deletedAt, version: { increment: 1 }, updatedAt: deletedAt },
    });
    if (count !== 1) throw await staleError(tx, ctx, current.id);
    await writeAudit(tx, ctx, {
      action: "customer.delete", entity: "customer", entityId: current.id,
      before: { ...snapshotOf(current), version: current.version, deletedAt: null },
      after: { deletedAt, version: current.version + 1 },
    });
    return { id: current.id, name: current.name };
  });
}

/** Undoes a soft delete (not a merge: a merged-away customer lives on in its survivor). */
export async function restoreCustomer(ctx: AuthContext, input: { customerId: string }): Promise<{ id: string; name: string }> {
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "customer:delete");
    const current = await scopedCustomer(tx, ctx, scope, input.customerId, true);
    if (current.mergedIntoId) throw new AppError("validation", "customers.edit.error.restoreMerged");
    const now = new Date();
    const { count } = await tx.customer.updateMany({
      where: { tenantId: ctx.tenantId, id: current.id, version: current.version, deletedAt: { not: null } },
      data: { deletedAt: null, version: { increment: 1 }, updatedAt: now },
    });
    if (count !== 1) throw await staleError(tx, ctx, current.id);
    await writeAudit(tx, ctx, {
      action: "customer.restore", entity: "customer", entityId: current.id,
      before: { deletedAt: current.deletedAt, version: current.version }, after: { deletedAt: null, version: current.version + 1 },
    });
    return { id: current.id, name: current.name };
  });
}

// ───────────── reading for the forms ─────────────

export type CustomerEditView = {
  id: string;
  version: number;
  /** Phone formatted for editing; phone and e-mail empty when the caller sees them masked. */
  values: Omit<CustomerSnapshot, "departmentId">;
  /** What a caller without customer:unmask sees instead of the stored phone and e-mail. */
  masked: { phone: string | null; email: string | null } | null;
  owner: { id: string; name: string } | null;
  updatedAt: Date;
  timeZone: string;
};

/** The customer as the edit form opens it, if the caller may update it; else null (the page's 404). */
export async function getCustomerForEdit(ctx: AuthContext, id: string): Promise<CustomerEditView | null> {
  if (!UUID.test(id)) return null;
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "customer:update");
    const c = await tx.customer.findFirst({
      where: { AND: [{ tenantId: ctx.tenantId, id, deletedAt: null }, scopeWhere(scope, { owner: "ownerUserId", department: "departmentId" })] },
    });
    if (!c) return null;
    const owner = c.ownerUserId ? await tx.user.findUnique({ where: { id: c.ownerUserId }, select: { id: true, name: true } }) : null;
    const { departmentId: _department, ...values } = snapshotOf(c);
    const unmasked = mayUnmask(ctx);
    const shown = contactFor(unmasked, c.phone, c.email);
    return {
      id: c.id, version: c.version,
      values: { ...values, phone: unmasked ? shown.phone : null, email: unmasked ? shown.email : null },
      masked: unmasked || (!c.phone && !c.email) ? null : { phone: shown.phone, email: shown.email },
      owner, updatedAt: c.updatedAt, timeZone: await tenantTimeZone(tx, ctx.tenantId),
    };
  });
}

export type CustomerFormOptions = {
  stores: { id: string; name: string; city: string | null }[];
  /** Active members inside the caller's scope, the caller first. */
  owners: { id: string; name: string }[];
  /** Only a caller who sees every customer may leave one without an owner. */
  mayLeaveUnassigned: boolean;
  provinces: string[];
  cities: string[];
};

export async function customerFormOptions(ctx: AuthContext, permission: Extract<PermissionKey, "customer:create" | "customer:update">): Promise<CustomerFormOptions> {
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, permission);
    const stores = await tx.store.findMany({ select: { id: true, name: true, city: true, province: true }, orderBy: [{ name: "asc" }] });
    const members = await tx.membership.findMany({
      where: {
        status: "active",
        ...(scope.all ? {} : { OR: [{ userId: { in: scope.userIds } }, ...(scope.departmentIds.length ? [{ departmentId: { in: scope.departmentIds } }] : [])] }),
      },
      select: { userId: true, user: { select: { name: true } } },
      take: 2000,
    });
    const owners = members
      .map((m) => ({ id: m.userId, name: m.user.name }))
      .sort((a, b) => (a.id === ctx.userId ? -1 : b.id === ctx.userId ? 1 : a.name.localeCompare(b.name, "zh-CN")));
    const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => Boolean(x)))].sort((a, b) => a.localeCompare(b, "zh-CN"));
    return {
      stores: stores.map((s) => ({ id: s.id, name: s.name, city: s.city })),
      owners,
      mayLeaveUnassigned: scope.all,
      provinces: uniq(stores.map((s) => s.province)),
      cities: uniq(stores.map((s) => s.city)),
    };
  });
}
