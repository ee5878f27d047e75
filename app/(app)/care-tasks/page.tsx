import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { assignableMembers, listCareTasks, TASK_PAGE_SIZE } from "@/lib/care-tasks/queries";
import { withTenant } from "@/lib/db/tenant";
import { tenantTimeZone } from "@/lib/tenants/time-zone";
import { formatDate, formatDateTime } from "@/lib/format/display";
import { EmptyState } from "@/components/EmptyState";
import { TaskCard } from "@/components/care-tasks/TaskCard";
import { reassignTaskAction, recordOutcomeAction } from "./actions";

const STATUSES = ["open", "done", "all"] as const;

// Sales staff see the tasks assigned to them (care_task:read, scope "own"); managers
// and planners see their scope's tasks and may reassign them (care_task:assign).
export default definePage("care_task:read", async ({ ctx, searchParams }) => {
  const status = STATUSES.find((s) => s === searchParams.status) ?? "open";
  const [tasks, members, t, locale, zone] = await Promise.all([
    listCareTasks(ctx, { status }), assignableMembers(ctx), getT(ctx.locale), getLocale(ctx.locale),
    withTenant(ctx, (tx) => tenantTimeZone(tx, ctx.tenantId)),
  ]);
  const mayUpdate = can(ctx, "care_task:update");
  const reassign = can(ctx, "care_task:assign") ? { action: reassignTaskAction, members } : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("careTasks.title")}</h1>
      <nav aria-label={t("careTasks.filter")} className="flex gap-3 text-sm">
        {STATUSES.map((s) => (
          <Link key={s} href={`/care-tasks?status=${s}`} aria-current={s === status ? "page" : undefined}
            className={s === status ? "font-semibold text-slate-900 underline" : "text-blue-700 underline"}>{t(`careTasks.status.${s}`)}</Link>
        ))}
      </nav>
      {tasks.length === 0 ? <EmptyState title={t("careTasks.empty")} body={t("careTasks.emptyBody")} /> : (
        <>
          <ul className="space-y-3" data-testid="care-task-list">
            {tasks.map((task) => (
              <TaskCard key={task.id} task={task} t={t} mayUpdate={mayUpdate} outcomeAction={recordOutcomeAction} reassign={reassign}
                fmt={(d) => formatDateTime(d, locale, zone)} fmtDay={(d) => (d ? formatDate(d, locale, zone) : "—")} />
            ))}
          </ul>
          {tasks.length >= TASK_PAGE_SIZE ? <p className="text-sm text-slate-700">{t("careTasks.truncated", { n: TASK_PAGE_SIZE })}</p> : null}
        </>
      )}
    </div>
  );
});
