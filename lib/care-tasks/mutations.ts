// Working care tasks (issue 7, point 5). Recording an outcome needs care_task:update
// and the task inside that grant's scope (Sales Staff: "own" = assigned to me), so a
// forged post with another person's task id reads as not found and changes nothing.
// Reassigning needs care_task:assign, with both the task and the new assignee inside
// its scope. Both are audited; an outcome that reached the customer marks the
// campaign target contacted (the evaluation's contact time).
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { tenantTimeZone } from "@/lib/tenants/time-zone";
import { assigneeInScope, taskScope } from "@/lib/care-tasks/scope";
import type { OutcomeInput, ReassignInput } from "@/lib/care-tasks/schemas";

const notFound = () => new AppError("not_found", "careTasks.error.notFound");

async function lockTask(tx: TenantTx, tenantId: string, taskId: string) {
  const [task] = await tx.$queryRaw<{ id: string; campaign_id: string | null; customer_id: string; assignee_user_id: string | null; status: string; version: number; due_at: Date | null }[]>`
    SELECT id::text, campaign_id::text, customer_id::text, assignee_user_id::text, status, version, due_at
    FROM care_tasks WHERE tenant_id = ${tenantId}::uuid AND id = ${taskId}::uuid FOR UPDATE`;
  return task ?? null;
}

export async function recordOutcome(ctx: AuthContext, input: OutcomeInput): Promise<{ status: "done" }> {
  return withTenant(ctx, async (tx) => {
    const task = await lockTask(tx, ctx.tenantId, input.taskId);
    if (!task || !(await assigneeInScope(tx, await taskScope(tx, ctx, "care_task:update"), task.assignee_user_id))) throw notFound();
    if (task.status !== "open") throw new AppError("conflict", "careTasks.error.notOpen");
    if (task.version !== input.version) throw new AppError("conflict", "careTasks.error.stale");
    const now = new Date();
    await tx.careTask.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: task.id } },
      data: { status: "done", outcome: input.outcome, note: input.note || null, completedAt: now, version: { increment: 1 } },
    });
    if (task.campaign_id && input.outcome !== "not_reached") {
      await tx.$executeRaw`UPDATE campaign_targets SET contacted_at = coalesce(contacted_at, ${now}), contact_channel = coalesce(contact_channel, 'call')
        WHERE tenant_id = ${ctx.tenantId}::uuid AND campaign_id = ${task.campaign_id}::uuid AND customer_id = ${task.customer_id}::uuid AND arm = 'treatment'`;
    }
    await writeAudit(tx, ctx, { action: "care_task.complete", entity: "care_task", entityId: task.id,
      before: { status: task.status }, after: { status: "done", outcome: input.outcome, note: input.note || null } });
    return { status: "done" as const };
  });
}

export async function reassignTask(ctx: AuthContext, input: ReassignInput): Promise<{ assigneeUserId: string }> {
  return withTenant(ctx, async (tx) => {
    const scope = await taskScope(tx, ctx, "care_task:assign");
    const task = await lockTask(tx, ctx.tenantId, input.taskId);
    if (!task || !(await assigneeInScope(tx, scope, task.assignee_user_id))) throw notFound();
    if (task.status !== "open") throw new AppError("conflict", "careTasks.error.notOpen");
    const member = await tx.membership.findFirst({ where: { userId: input.assigneeUserId, status: "active" }, select: { userId: true } });
    if (!member || !(await assigneeInScope(tx, scope, member.userId))) {
      throw new AppError("validation", "careTasks.error.assignee", {}, { assigneeUserId: "careTasks.error.assignee" });
    }
    let dueAt = task.due_at;
    if (input.dueDate) {
      const zone = await tenantTimeZone(tx, ctx.tenantId);
      const [row] = await tx.$queryRaw<{ at: Date }[]>`SELECT ((${input.dueDate}::date + time '18:00') AT TIME ZONE ${zone}) AS at`;
      dueAt = new Date(row!.at);
    }
    await tx.careTask.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: task.id } },
      data: { assigneeUserId: member.userId, assignedBy: ctx.userId, dueAt, version: { increment: 1 } },
    });
    await writeAudit(tx, ctx, { action: "care_task.reassign", entity: "care_task", entityId: task.id,
      before: { assigneeUserId: task.assignee_user_id, dueAt: task.due_at }, after: { assigneeUserId: member.userId, dueAt } });
    return { assigneeUserId: member.userId };
  });
}
