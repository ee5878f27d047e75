// The interactions list: every logged call, visit and message of the customers in
// the caller's interaction:read scope (an interaction is in scope when its customer
// is), newest first, filtered by channel, kind, day range and customer name.
import type { AuthContext } from "@/lib/auth/context";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import { withTenant } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { escapeLike } from "@/lib/interactions/day-range";
import { dayRangeSql } from "@/lib/interactions/day-range-sql";
import type { InteractionFilters } from "@/lib/interactions/filters";
import { tenantTimeZone } from "@/lib/tenants/time-zone";

export const INTERACTIONS_PAGE_SIZE = 50;

export type InteractionRow = {
  id: string; customerId: string; customerName: string; channel: string; type: string;
  note: string | null; userName: string | null; campaignName: string | null; pointsEarned: number; occurredAt: Date;
};

export async function listInteractions(ctx: AuthContext, f: InteractionFilters): Promise<{ rows: InteractionRow[]; hasNext: boolean; timeZone: string; types: string[] }> {
  return withTenant(ctx, async (tx) => {
    const scope = await customerScope(tx, ctx, "interaction:read");
    const timeZone = await tenantTimeZone(tx, ctx.tenantId);
    const conds: Prisma.Sql[] = [Prisma.sql`i.tenant_id = ${ctx.tenantId}::uuid`, Prisma.sql`c.deleted_at IS NULL`];
    const inScope = scopeSql(scope);
    if (inScope) conds.push(inScope);
    if (f.channel) conds.push(Prisma.sql`i.channel = ${f.channel}`);
    if (f.type) conds.push(Prisma.sql`i.type = ${f.type}`);
    conds.push(...dayRangeSql(Prisma.sql`i.occurred_at`, f.from, f.to, timeZone));
    if (f.customer) conds.push(Prisma.sql`c.name LIKE ${`${escapeLike(f.customer)}%`}`);
    const rows = await tx.$queryRaw<{
      id: string; customer_id: string; customer_name: string; channel: string; type: string; note: string | null;
      user_name: string | null; campaign_name: string | null; points_earned: number; occurred_at: Date;
    }[]>`
      SELECT i.id::text, i.customer_id::text, c.name AS customer_name, i.channel, i.type, i.note,
        u.name AS user_name, cp.name AS campaign_name, i.points_earned, i.occurred_at
      FROM interactions i
      JOIN customers c ON c.tenant_id = i.tenant_id AND c.id = i.customer_id
      LEFT JOIN users u ON u.id = i.user_id
      LEFT JOIN campaigns cp ON cp.tenant_id = i.tenant_id AND cp.id = i.campaign_id
      WHERE ${Prisma.join(conds, " AND ")}
      ORDER BY i.occurred_at DESC, i.id DESC
      LIMIT ${INTERACTIONS_PAGE_SIZE + 1}::int OFFSET ${(f.page - 1) * INTERACTIONS_PAGE_SIZE}::int`;
    // The kinds in use, for the filter: read from the latest 5,000 entries (the time index), never a scan.
    const types = await tx.$queryRaw<{ type: string }[]>`
      SELECT DISTINCT type FROM (SELECT type FROM interactions WHERE tenant_id = ${ctx.tenantId}::uuid ORDER BY occurred_at DESC LIMIT 5000) x ORDER BY type`;
    return {
      rows: rows.slice(0, INTERACTIONS_PAGE_SIZE).map((r) => ({
        id: r.id, customerId: r.customer_id, customerName: r.customer_name, channel: r.channel, type: r.type, note: r.note,
        userName: r.user_name, campaignName: r.campaign_name, pointsEarned: r.points_earned, occurredAt: new Date(r.occurred_at),
      })),
      hasNext: rows.length > INTERACTIONS_PAGE_SIZE,
      timeZone,
      types: types.map((t) => t.type),
    };
  });
}
