// Earning and consuming points by hand (member:manage). The member's customer must
// be live and inside the caller's member:manage scope; anything else — another
// tenant's id, a customer outside the scope — reads as "not found". The post and
// its audit row are one transaction.
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { postPoints, type PostedEntry } from "@/lib/points/ledger";
import type { AdjustPointsInput } from "@/lib/points/schemas";

export async function adjustPoints(ctx: AuthContext, input: AdjustPointsInput): Promise<PostedEntry & { customerId: string }> {
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "member:manage");
    const cond = scopeSql(scope);
    const [member] = await tx.$queryRaw<{ id: string; customer_id: string; member_no: string }[]>`
      SELECT m.id::text, m.customer_id::text, m.member_no FROM members m
      JOIN customers c ON c.tenant_id = m.tenant_id AND c.id = m.customer_id
      WHERE m.tenant_id = ${ctx.tenantId}::uuid AND m.id = ${input.memberId}::uuid
        AND c.deleted_at IS NULL AND ${cond ?? Prisma.sql`true`}`;
    if (!member) throw new AppError("not_found", "members.error.notFound");
    const delta = input.direction === "earn" ? input.points : -input.points;
    const posted = await postPoints(tx, ctx.tenantId, { memberId: member.id, delta, reason: input.reason });
    await writeAudit(tx, ctx, {
      action: input.direction === "earn" ? "points.earn" : "points.consume", entity: "member", entityId: member.id,
      after: { memberNo: member.member_no, customerId: member.customer_id, delta, balanceAfter: posted.balanceAfter, reason: input.reason, entryId: posted.id },
    });
    return { ...posted, customerId: member.customer_id };
  }, { timeoutMs: 30_000 });
}
