// The care-task list (issue 7, point 5): the caller's tasks within the scope of
// care_task:read (Sales Staff: assigned to me), each with the customer at hand —
// the 360 essentials (segment, churn risk, orders, last purchase, recent touches),
// the campaign's call script — and, for reassigning, the members the caller may
// assign to (care_task:assign scope).
// The customer's phone is shown in full to the task's own assignee while the task
// is open (the task is the reason to call); everyone else sees it masked unless
// they hold customer:unmask.
import type { AuthContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { contactFor } from "@/lib/customers/contact";
import { newestScoringRunSql } from "@/lib/customers/list-query";
import { taskScope, taskScopeSql } from "@/lib/care-tasks/scope";

export type TaskFilter = { status: "open" | "done" | "all"; campaignId?: string | null };

export type CareTaskRow = {
  id: string; version: number; status: string; outcome: string | null; note: string | null; dueAt: Date | null; completedAt: Date | null;
  overdue: boolean; campaignId: string | null; campaignName: string | null; callScript: string | null;
  assigneeUserId: string | null; assigneeName: string | null; mine: boolean;
  customer: { id: string; name: string; phone: string | null; rfmSegment: string | null; churnRisk: string | null; orderCount: number;
    lastOrderAt: Date | null; lastTouchAt: Date | null };
};

type Raw = {
  id: string; version: number; status: string; outcome: string | null; note: string | null; due_at: Date | null; completed_at: Date | null;
  campaign_id: string | null; campaign_name: string | null; call_script: string | null; assignee_user_id: string | null; assignee_name: string | null;
  customer_id: string; customer_name: string; phone: string | null; rfm_segment: string | null; churn_risk: string | null;
  order_count: number; last_order_at: Date | null; last_touch_at: Date | null;
};

export const TASK_PAGE_SIZE = 200;

export async function listCareTasks(ctx: AuthContext, filter: TaskFilter): Promise<CareTaskRow[]> {
  return withTenant(ctx, async (tx) => {
    const scope = await taskScope(tx, ctx, "care_task:read");
    const status = filter.status === "all" ? Prisma.sql`true` : Prisma.sql`ct.status = ${filter.status}`;
    const campaign = filter.campaignId ? Prisma.sql`ct.campaign_id = ${filter.campaignId}::uuid` : Prisma.sql`true`;
    const rows = await tx.$queryRaw<Raw[]>`
      SELECT ct.id::text, ct.version, ct.status, ct.outcome, ct.note, ct.due_at, ct.completed_at,
             ct.campaign_id::text, cp.name AS campaign_name, r.call_script, ct.assignee_user_id::text, u.name AS assignee_name,
             c.id::text AS customer_id, c.name AS customer_name, c.phone,
             sc.rfm_segment, sc.churn_risk,
             (SELECT count(*)::int FROM orders o WHERE o.tenant_id = c.tenant_id AND o.customer_id = c.id AND o.paid_at IS NOT NULL) AS order_count,
             c.last_order_at,
             (SELECT max(m.sent_at) FROM outbound_messages m WHERE m.tenant_id = c.tenant_id AND m.customer_id = c.id AND m.status IN ('sent', 'delivered')) AS last_touch_at
      FROM care_tasks ct
      JOIN customers c ON c.tenant_id = ct.tenant_id AND c.id = ct.customer_id
      LEFT JOIN campaigns cp ON cp.tenant_id = ct.tenant_id AND cp.id = ct.campaign_id
      LEFT JOIN campaign_runs r ON r.tenant_id = ct.tenant_id AND r.campaign_id = ct.campaign_id
      LEFT JOIN users u ON u.id = ct.assignee_user_id
      LEFT JOIN customer_scores sc ON sc.tenant_id = c.tenant_id AND sc.customer_id = c.id AND sc.as_of = ${newestScoringRunSql(ctx.tenantId)}
      WHERE ${taskScopeSql(scope)} AND ${status} AND ${campaign}
      ORDER BY (ct.status = 'open') DESC, ct.due_at ASC NULLS LAST, ct.created_at, ct.id
      LIMIT ${TASK_PAGE_SIZE}`;
    const unmask = can(ctx, "customer:unmask");
    const now = Date.now();
    return rows.map((r): CareTaskRow => {
      const mine = r.assignee_user_id === ctx.userId;
      const showPhone = unmask || (mine && r.status === "open");
      return {
        id: r.id, version: r.version, status: r.status, outcome: r.outcome, note: r.note, dueAt: r.due_at, completedAt: r.completed_at,
        overdue: r.status === "open" && r.due_at !== null && r.due_at.getTime() < now,
        campaignId: r.campaign_id, campaignName: r.campaign_name, callScript: r.call_script || null,
        assigneeUserId: r.assignee_user_id, assigneeName: r.assignee_name, mine,
        customer: {
          id: r.customer_id, name: r.customer_name, phone: contactFor(showPhone, r.phone, null).phone,
          rfmSegment: r.rfm_segment, churnRisk: r.churn_risk, orderCount: r.order_count, lastOrderAt: r.last_order_at, lastTouchAt: r.last_touch_at,
        },
      };
    });
  });
}

/** Members the caller may assign tasks to (care_task:assign scope); empty without the grant. */
export async function assignableMembers(ctx: AuthContext): Promise<{ userId: string; name: string }[]> {
  if (!can(ctx, "care_task:assign")) return [];
  return withTenant(ctx, async (tx) => {
    const scope = await taskScope(tx, ctx, "care_task:assign");
    const where = scope.all ? Prisma.sql`true`
      : Prisma.sql`(m.user_id = ANY(${scope.userIds}::uuid[]) OR m.department_id = ANY(${scope.departmentIds}::uuid[]))`;
    return tx.$queryRaw<{ userId: string; name: string }[]>`
      SELECT m.user_id::text AS "userId", u.name FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.status = 'active' AND ${where} ORDER BY u.name, m.user_id LIMIT 500`;
  });
}
