// The builder's live count: how many customers a rule tree would hold if saved now,
// inside the caller's data scope of segment:manage (the scope a save computes in),
// soft-deleted customers excluded. Bounded by a statement timeout so a heavy tree
// typed into the builder cannot hold a connection; a timeout is a specific error.
import type { AuthContext } from "@/lib/auth/context";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import { tenantTimeZone } from "@/lib/customers/time-zone";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { COMPUTE_PERMISSION } from "@/lib/segments/members-sql";
import { ruleTreeSql } from "@/lib/segments/rule-sql";
import type { RuleGroup } from "@/lib/segments/rule-tree";

export const COUNT_TIMEOUT_MS = 8_000;

export async function countRuleMembers(ctx: AuthContext, tree: RuleGroup): Promise<{ count: number }> {
  try {
    return await withTenant(ctx, async (tx) => {
      await tx.$executeRaw`SELECT set_config('statement_timeout', ${String(COUNT_TIMEOUT_MS)}, true)`;
      const scope = scopeSql(await customerScope(tx, ctx, COMPUTE_PERMISSION));
      const timeZone = await tenantTimeZone(tx, ctx.tenantId);
      const rules = ruleTreeSql({ tenantId: ctx.tenantId, timeZone }, tree);
      const where = Prisma.join([
        Prisma.sql`c.tenant_id = ${ctx.tenantId}::uuid`, Prisma.sql`c.deleted_at IS NULL`,
        ...(scope ? [scope] : []), ...(rules ? [Prisma.sql`(${rules})`] : []),
      ], " AND ");
      const [row] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM customers c WHERE ${where}`;
      return { count: row?.n ?? 0 };
    }, { timeoutMs: COUNT_TIMEOUT_MS + 5_000 });
  } catch (err) {
    const code = (err as { code?: string; meta?: { code?: string }; cause?: { code?: string } })?.code;
    const text = String((err as Error)?.message ?? "");
    if (code === "57014" || text.includes("57014") || text.includes("statement timeout")) {
      throw new AppError("validation", "segments.builder.error.timeout");
    }
    throw err;
  }
}
