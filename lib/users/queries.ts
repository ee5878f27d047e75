// Reading the tenant's members for the admin pages, always inside the caller's
// tenant and data scope.
import type { AuthContext } from "@/lib/auth/context";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { memberScopeWhere } from "@/lib/users/scope";

export type MemberRow = {
  userId: string;
  name: string;
  email: string;
  status: string;
  departmentId: string | null;
  departmentName: string | null;
  managerUserId: string | null;
  managerName: string | null;
  roles: { id: string; name: string }[];
  createdAt: Date;
};

const withUserAndRoles = { user: true, roles: { include: { role: true } } } as const;

async function findMembers(tx: TenantTx, ctx: AuthContext, where: Prisma.MembershipWhereInput): Promise<MemberRow[]> {
  const scope = await memberScopeWhere(tx, ctx, "user:read");
  const members = await tx.membership.findMany({
    where: { AND: [where, scope] },
    include: withUserAndRoles,
    orderBy: [{ createdAt: "asc" }],
    take: 500,
  });
  const refs = await Promise.all([
    tx.department.findMany({ select: { id: true, name: true } }),
    tx.membership.findMany({
      where: { userId: { in: members.flatMap((m) => (m.managerUserId ? [m.managerUserId] : [])) } },
      select: { userId: true, user: { select: { name: true } } },
    }),
  ]);
  const deptName = new Map(refs[0].map((d) => [d.id, d.name]));
  const managerName = new Map(refs[1].map((m) => [m.userId, m.user.name]));
  return members.map((m) => ({
    userId: m.userId,
    name: m.user.name,
    email: m.user.email,
    status: m.status,
    departmentId: m.departmentId,
    departmentName: m.departmentId ? deptName.get(m.departmentId) ?? null : null,
    managerUserId: m.managerUserId,
    managerName: m.managerUserId ? managerName.get(m.managerUserId) ?? null : null,
    roles: m.roles.map((r) => ({ id: r.role.id, name: r.role.name })).sort((a, b) => a.name.localeCompare(b.name)),
    createdAt: m.createdAt,
  }));
}

export async function listMembers(ctx: AuthContext, opts: { q?: string } = {}): Promise<MemberRow[]> {
  const q = opts.q?.trim();
  const where: Prisma.MembershipWhereInput = q
    ? { user: { OR: [{ email: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] } }
    : {};
  return withTenant(ctx, (tx) => findMembers(tx, ctx, where));
}

/** One member, or null when absent or outside the caller's scope (same answer for both). */
export async function getMember(ctx: AuthContext, userId: string): Promise<MemberRow | null> {
  const rows = await withTenant(ctx, (tx) => findMembers(tx, ctx, { userId }));
  return rows[0] ?? null;
}

export type MemberFormOptions = {
  roles: { id: string; name: string; systemKey: string | null }[];
  departments: { id: string; name: string; depth: number }[];
  managers: { userId: string; name: string }[];
};

/** Roles, departments (as an indented tree) and possible managers for the forms. */
export async function memberFormOptions(ctx: AuthContext): Promise<MemberFormOptions> {
  return withTenant(ctx, async (tx) => {
    const [roles, departments, members] = await Promise.all([
      tx.role.findMany({ orderBy: [{ createdAt: "asc" }], select: { id: true, name: true, systemKey: true } }),
      tx.department.findMany({ select: { id: true, name: true, parentId: true } }),
      tx.membership.findMany({ where: { status: "active" }, include: { user: { select: { name: true } } } }),
    ]);
    return {
      roles,
      departments: flattenTree(departments),
      managers: members.map((m) => ({ userId: m.userId, name: m.user.name })).sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}

type Node = { id: string; name: string; parentId: string | null };

export function flattenTree(nodes: Node[]): { id: string; name: string; depth: number }[] {
  const children = new Map<string | null, Node[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    const parent = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  const out: { id: string; name: string; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const n of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ id: n.id, name: n.name, depth });
      visit(n.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
