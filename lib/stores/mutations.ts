// Creating and editing stores (product:manage: the catalog's permission, stores
// having no resource of their own), with an audit row in the same transaction. The
// department must be one of the tenant's (checked here for a clear message; the
// composite foreign key would refuse another tenant's anyway); a code already used
// is a field error naming it.
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import type { Translate } from "@/lib/i18n/translate";
import type { StoreInput, StoreUpdate } from "@/lib/stores/schemas";

async function checkInput(tx: TenantTx, ctx: AuthContext, input: StoreInput, t: Translate, exceptId?: string) {
  const errors: Record<string, string> = {};
  const taken = await tx.store.findFirst({
    where: { tenantId: ctx.tenantId, code: input.code, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true },
  });
  if (taken) errors.code = t("stores.error.codeTaken", { code: input.code });
  if (input.departmentId) {
    const dept = await tx.department.findFirst({ where: { tenantId: ctx.tenantId, id: input.departmentId }, select: { id: true } });
    if (!dept) errors.departmentId = t("stores.error.department");
  }
  if (Object.keys(errors).length) throw new AppError("validation", "error.validation", {}, errors);
}

const snapshot = (s: Omit<StoreInput, "kind"> & { kind: string }) => ({
  code: s.code, name: s.name, kind: s.kind, departmentId: s.departmentId, province: s.province, city: s.city, district: s.district,
  openedAt: s.openedAt ? s.openedAt.toISOString().slice(0, 10) : null,
});

export async function createStore(ctx: AuthContext, input: StoreInput, t: Translate): Promise<{ id: string }> {
  return withTenant(ctx, async (tx) => {
    await checkInput(tx, ctx, input, t);
    const s = await tx.store.create({ data: { tenantId: ctx.tenantId, ...input } });
    await writeAudit(tx, ctx, { action: "store.create", entity: "store", entityId: s.id, after: snapshot(input) });
    return { id: s.id };
  });
}

export async function updateStore(ctx: AuthContext, input: StoreUpdate, t: Translate): Promise<{ id: string }> {
  const { id, ...data } = input;
  return withTenant(ctx, async (tx) => {
    const before = await tx.store.findFirst({ where: { tenantId: ctx.tenantId, id } });
    if (!before) throw new AppError("not_found", "stores.error.notFound");
    await checkInput(tx, ctx, data, t, id);
    await tx.store.updateMany({ where: { tenantId: ctx.tenantId, id }, data });
    await writeAudit(tx, ctx, { action: "store.update", entity: "store", entityId: id, before: snapshot(before), after: snapshot(data) });
    return { id };
  });
}
