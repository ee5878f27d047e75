// Reading the organization tree. The whole tree is shown to anyone with
// department:read: it is structure, not customer data, and people need it to find
// where a colleague sits.
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import type { DepartmentRow } from "@/lib/departments/tree";

export async function listDepartments(ctx: AuthContext): Promise<DepartmentRow[]> {
  return withTenant(ctx, async (tx) => {
    // One after the other: a transaction is one connection.
    const departments = await tx.department.findMany({ select: { id: true, parentId: true, name: true, kind: true } });
    const members = await tx.membership.groupBy({ by: ["departmentId"], _count: { _all: true } });
    const count = new Map(members.map((m) => [m.departmentId, m._count._all]));
    return departments.map((d) => ({ ...d, memberCount: count.get(d.id) ?? 0 }));
  });
}
