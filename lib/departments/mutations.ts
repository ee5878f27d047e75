// Changing the organization tree: create under a parent, rename, move, delete.
// Every change takes a per-tenant advisory lock first: two moves running at once
// could each pass the cycle check and together make a loop; serialised, they cannot.
// Ids from another tenant are invisible under RLS, so they read as "not found".
// department:manage with a narrower scope than "all" (e.g. a region manager's
// department_tree) may only touch departments inside that scope.
import type { AuthContext } from "@/lib/auth/context";
import { scopeOf } from "@/lib/auth/context";
import { resolveDataScope } from "@/lib/auth/data-scope";
import { writeAudit } from "@/lib/audit/log";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError, forbidden, fromDatabaseError } from "@/lib/errors";
import { subtreeIds } from "@/lib/departments/tree";
import type {
  CreateDepartmentInput, DeleteDepartmentInput, MoveDepartmentInput, UpdateDepartmentInput,
} from "@/lib/departments/schemas";

type Dept = { id: string; parentId: string | null; name: string; kind: string };

async function lockTree(tx: TenantTx, ctx: AuthContext) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('departments:' || ${ctx.tenantId}, 0))`;
}

/** The departments the caller may change, or null for all of them. */
async function manageable(tx: TenantTx, ctx: AuthContext): Promise<Set<string> | null> {
  const scope = scopeOf(ctx, "department:manage");
  if (!scope) throw forbidden("department:manage");
  const filter = await resolveDataScope(tx, ctx, scope);
  return filter.all ? null : new Set(filter.departmentIds);
}

function assertInScope(allowed: Set<string> | null, id: string) {
  if (allowed && !allowed.has(id)) throw new AppError("forbidden", "departments.error.outOfScope");
}

async function find(tx: TenantTx, ctx: AuthContext, id: string): Promise<Dept | null> {
  return tx.department.findUnique({
    where: { tenantId_id: { tenantId: ctx.tenantId, id } },
    select: { id: true, parentId: true, name: true, kind: true },
  });
}

async function mustFind(tx: TenantTx, ctx: AuthContext, id: string): Promise<Dept> {
  const d = await find(tx, ctx, id);
  if (!d) throw new AppError("not_found", "departments.error.notFound");
  return d;
}

async function mustFindParent(tx: TenantTx, ctx: AuthContext, id: string): Promise<Dept> {
  const d = await find(tx, ctx, id);
  if (!d) throw new AppError("not_found", "departments.error.parentNotFound", {}, { parentId: "departments.error.parentNotFound" });
  return d;
}

/** Two "Shenzhen Nanshan" stores under one region would be told apart by nobody. */
async function assertNameFreeUnder(tx: TenantTx, parentId: string | null, name: string, exceptId?: string) {
  const clash = await tx.department.findFirst({
    where: { parentId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError("conflict", "departments.error.nameTaken", {}, { name: "departments.error.nameTaken" });
}

export async function createDepartment(ctx: AuthContext, input: CreateDepartmentInput): Promise<{ id: string }> {
  return withTenant(ctx, async (tx) => {
    await lockTree(tx, ctx);
    const allowed = await manageable(tx, ctx);
    const parent = await mustFindParent(tx, ctx, input.parentId);
    assertInScope(allowed, parent.id);
    await assertNameFreeUnder(tx, parent.id, input.name);
    const d = await tx.department.create({
      data: { tenantId: ctx.tenantId, parentId: parent.id, name: input.name, kind: input.kind },
    });
    await writeAudit(tx, ctx, {
      action: "department.create", entity: "department", entityId: d.id,
      after: { name: d.name, kind: d.kind, parentId: parent.id, parentName: parent.name },
    });
    return { id: d.id };
  });
}

export async function updateDepartment(ctx: AuthContext, input: UpdateDepartmentInput): Promise<{ changed: boolean }> {
  return withTenant(ctx, async (tx) => {
    await lockTree(tx, ctx);
    const allowed = await manageable(tx, ctx);
    const d = await mustFind(tx, ctx, input.departmentId);
    assertInScope(allowed, d.id);
    // The head office stays the head office; other kinds may change (a team grows into a store).
    const kind = d.kind === "head_office" ? d.kind : input.kind ?? d.kind;
    if (d.name === input.name && d.kind === kind) return { changed: false };
    await assertNameFreeUnder(tx, d.parentId, input.name, d.id);
    await tx.department.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: d.id } }, data: { name: input.name, kind } });
    await writeAudit(tx, ctx, {
      action: "department.update", entity: "department", entityId: d.id,
      before: { name: d.name, kind: d.kind }, after: { name: input.name, kind },
    });
    return { changed: true };
  });
}

export async function moveDepartment(ctx: AuthContext, input: MoveDepartmentInput): Promise<{ changed: boolean }> {
  return withTenant(ctx, async (tx) => {
    await lockTree(tx, ctx);
    const allowed = await manageable(tx, ctx);
    const d = await mustFind(tx, ctx, input.departmentId);
    const parent = await mustFindParent(tx, ctx, input.parentId);
    assertInScope(allowed, d.id);
    assertInScope(allowed, parent.id);
    if (!d.parentId) throw new AppError("conflict", "departments.error.rootFixed");
    const below = subtreeIds(await tx.department.findMany({ select: { id: true, parentId: true } }), d.id);
    if (below.has(parent.id)) throw new AppError("validation", "departments.error.cycle", {}, { parentId: "departments.error.cycle" });
    if (d.parentId === parent.id) return { changed: false };
    await assertNameFreeUnder(tx, parent.id, d.name, d.id);
    const oldParent = await find(tx, ctx, d.parentId);
    await tx.department.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: d.id } }, data: { parentId: parent.id } });
    await writeAudit(tx, ctx, {
      action: "department.move", entity: "department", entityId: d.id,
      before: { name: d.name, parentId: d.parentId, parentName: oldParent?.name ?? null },
      after: { name: d.name, parentId: parent.id, parentName: parent.name },
    });
    return { changed: true };
  });
}

export async function deleteDepartment(ctx: AuthContext, input: DeleteDepartmentInput): Promise<{ id: string }> {
  return withTenant(ctx, async (tx) => {
    await lockTree(tx, ctx);
    const allowed = await manageable(tx, ctx);
    const d = await mustFind(tx, ctx, input.departmentId);
    assertInScope(allowed, d.id);
    if (!d.parentId) throw new AppError("conflict", "departments.error.rootFixed");
    const children = await tx.department.count({ where: { parentId: d.id } });
    if (children) throw new AppError("conflict", "departments.error.hasChildren", { count: children });
    const members = await tx.membership.count({ where: { departmentId: d.id } });
    if (members) throw new AppError("conflict", "departments.error.hasMembers", { count: members });
    const [customers, stores] = [await tx.customer.count({ where: { departmentId: d.id } }), await tx.store.count({ where: { departmentId: d.id } })];
    if (customers || stores) throw new AppError("conflict", "departments.error.hasRecords", { customers, stores });
    try {
      await tx.department.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id: d.id } } });
    } catch (err) {
      // Something was placed in the department after the counts (the lock covers only tree edits).
      if (fromDatabaseError(err)?.key === "error.invalidReference") throw new AppError("conflict", "departments.error.stillReferenced");
      throw err;
    }
    await writeAudit(tx, ctx, {
      action: "department.delete", entity: "department", entityId: d.id,
      before: { name: d.name, kind: d.kind, parentId: d.parentId },
    });
    return { id: d.id };
  });
}
