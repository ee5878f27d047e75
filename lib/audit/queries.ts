// Reading the audit log: newest first, keyset-paginated on (created_at, id), which
// the (tenant_id, created_at DESC) index serves without counting or offsetting.
// Rows are the tenant's only (RLS, and the tenant is also named in the WHERE).
// A narrower audit_log:read scope than "all" shows what people in that scope did.
import type { AuthContext } from "@/lib/auth/context";
import { scopeOf } from "@/lib/auth/context";
import { resolveDataScope } from "@/lib/auth/data-scope";
import { encodeCursor } from "@/lib/audit/cursor";
import type { AuditFilters } from "@/lib/audit/filters";
import { withTenant } from "@/lib/db/tenant";
import { forbidden } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { usableTimeZone } from "@/lib/tenants/time-zone";

export const AUDIT_PAGE_SIZE = 50;

export type AuditRow = {
  id: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
  actorUserId: string | null;
  /** null when the actor is no longer visible (left the organization) or was the system. */
  actor: { name: string; email: string } | null;
};

export type AuditPage = { rows: AuditRow[]; nextCursor: string | null; timeZone: string };

type RawRow = {
  id: string; action: string; entity: string; entity_id: string | null; before: unknown; after: unknown;
  created_at: Date; actor_user_id: string | null; actor_name: string | null; actor_email: string | null;
};

export async function listAuditLog(ctx: AuthContext, filters: AuditFilters, limit = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const scope = scopeOf(ctx, "audit_log:read");
  if (!scope) throw forbidden("audit_log:read");
  return withTenant(ctx, async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: ctx.tenantId }, select: { timezone: true } });
    const timeZone = usableTimeZone(tenant?.timezone);
    const where: Prisma.Sql[] = [Prisma.sql`a.tenant_id = ${ctx.tenantId}::uuid`];
    // "role" finds role.create and role.grants.update; "role.grants" only the latter.
    if (filters.action) where.push(Prisma.sql`(a.action = ${filters.action} OR starts_with(a.action, ${`${filters.action}.`}))`);
    if (filters.entity) where.push(Prisma.sql`a.entity = ${filters.entity}`);
    if (filters.actorUserId) where.push(Prisma.sql`a.actor_user_id = ${filters.actorUserId}::uuid`);
    if (filters.from) where.push(Prisma.sql`a.created_at >= ((${filters.from}::date)::timestamp AT TIME ZONE ${timeZone})`);
    if (filters.to) where.push(Prisma.sql`a.created_at < ((${filters.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`);
    if (filters.cursor) {
      where.push(Prisma.sql`(a.created_at, a.id) < (${filters.cursor.createdAt.toISOString()}::timestamptz, ${filters.cursor.id}::uuid)`);
    }
    const visible = await resolveDataScope(tx, ctx, scope);
    if (!visible.all) {
      where.push(Prisma.sql`(a.actor_user_id = ANY(${visible.userIds}::uuid[]) OR EXISTS (
        SELECT 1 FROM memberships m WHERE m.user_id = a.actor_user_id AND m.department_id = ANY(${visible.departmentIds}::uuid[])))`);
    }
    const raw = await tx.$queryRaw<RawRow[]>`
      SELECT a.id::text, a.action, a.entity, a.entity_id, a.before, a.after, a.created_at,
             a.actor_user_id::text, u.name AS actor_name, u.email AS actor_email
      FROM audit_logs a
      LEFT JOIN users u ON u.id = a.actor_user_id
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY a.created_at DESC, a.id DESC
      LIMIT ${limit + 1}::int`;
    const rows = raw.slice(0, limit).map((r) => ({
      id: r.id, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after,
      createdAt: new Date(r.created_at), actorUserId: r.actor_user_id,
      actor: r.actor_name !== null && r.actor_email !== null ? { name: r.actor_name, email: r.actor_email } : null,
    }));
    const last = rows[rows.length - 1];
    return { rows, nextCursor: raw.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null, timeZone };
  });
}

export type AuditFilterOptions = { actions: string[]; entities: string[]; actors: { id: string; name: string; email: string }[] };

/** Suggestions for the filter form. Actions and entities come from recent rows only, to keep the cost bounded on a long log. */
export async function auditFilterOptions(ctx: AuthContext): Promise<AuditFilterOptions> {
  return withTenant(ctx, async (tx) => {
    const recent = await tx.$queryRaw<{ action: string; entity: string }[]>`
      SELECT DISTINCT action, entity FROM (
        SELECT action, entity FROM audit_logs WHERE tenant_id = ${ctx.tenantId}::uuid ORDER BY created_at DESC LIMIT 5000
      ) r`;
    const members = await tx.membership.findMany({ select: { userId: true, user: { select: { name: true, email: true } } } });
    return {
      actions: [...new Set(recent.map((r) => r.action))].sort(),
      entities: [...new Set(recent.map((r) => r.entity))].sort(),
      actors: members.map((m) => ({ id: m.userId, name: m.user.name, email: m.user.email })).sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}
