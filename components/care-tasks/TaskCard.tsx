// One care task: the customer at hand (360 essentials and a link to the full view),
// the call script, the outcome form for the assignee, and reassigning for those with care_task:assign.
import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";
import type { CareTaskRow } from "@/lib/care-tasks/queries";
import { OUTCOMES } from "@/lib/care-tasks/schemas";
import { ActionForm } from "@/components/campaigns/execution/ActionForm";
import { LabeledInput, LabeledSelect, LabeledTextarea } from "@/components/campaigns/execution/inputs";

type Action = Parameters<typeof ActionForm>[0]["action"];

export function TaskCard({ task, t, fmt, fmtDay, mayUpdate, outcomeAction, reassign }: {
  task: CareTaskRow; t: Translate; fmt: (d: Date | null) => string; fmtDay: (d: Date | null) => string; mayUpdate: boolean;
  outcomeAction: Action; reassign: { action: Action; members: { userId: string; name: string }[] } | null;
}) {
  const c = task.customer;
  const open = task.status === "open";
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4" data-testid="care-task">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold text-slate-900">
          <Link href={`/customers/${c.id}`} className="text-blue-700 underline">{c.name}</Link>
          {c.phone ? <span className="ml-2 text-base font-normal text-slate-800" data-testid="task-phone">{c.phone}</span> : null}
        </h2>
        <p className={`text-sm ${task.overdue ? "font-semibold text-red-700" : "text-slate-800"}`}>
          {task.overdue ? `${t("careTasks.overdue")} · ` : ""}{t("careTasks.due", { date: fmtDay(task.dueAt) })}
        </p>
      </div>
      <p className="text-sm text-slate-800">
        {task.campaignName ? `${task.campaignName} · ` : ""}{t("careTasks.assignee")}: {task.assigneeName ?? t("careTasks.unassigned")}
      </p>
      <dl className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
        <div><dt className="text-slate-700">{t("careTasks.segment")}</dt><dd className="text-slate-900">{c.rfmSegment ?? "—"}</dd></div>
        <div><dt className="text-slate-700">{t("careTasks.churnRisk")}</dt><dd className="text-slate-900">{c.churnRisk ?? "—"}</dd></div>
        <div><dt className="text-slate-700">{t("careTasks.orders")}</dt><dd className="text-slate-900">{c.orderCount}</dd></div>
        <div><dt className="text-slate-700">{t("careTasks.lastOrder")}</dt><dd className="text-slate-900">{fmtDay(c.lastOrderAt)}</dd></div>
        <div><dt className="text-slate-700">{t("careTasks.lastTouch")}</dt><dd className="text-slate-900">{fmtDay(c.lastTouchAt)}</dd></div>
      </dl>
      {task.callScript ? (
        <details className="mt-2 rounded border border-slate-200 p-2">
          <summary className="cursor-pointer text-sm font-medium text-slate-900">{t("careTasks.script")}</summary>
          <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{task.callScript}</p>
        </details>
      ) : null}
      {!open ? (
        <p className="mt-2 text-sm text-slate-800" data-testid="task-outcome">
          {task.status === "done" ? `${t(`careTasks.outcome.${task.outcome}`)} · ${fmt(task.completedAt)}` : t("careTasks.cancelled")}
          {task.note ? ` · ${task.note}` : ""}
        </p>
      ) : null}
      {open && mayUpdate && task.mine ? (
        <ActionForm action={outcomeAction} hidden={{ taskId: task.id, version: task.version }} submit={t("careTasks.save")} pending={t("careTasks.saving")}
          done={t("careTasks.saved")} testId="outcome-form" className="mt-3 grid gap-3 sm:grid-cols-3 sm:items-end">
          <LabeledSelect id={`o-${task.id}`} name="outcome" label={t("careTasks.outcomeLabel")} defaultValue="reached">
            {OUTCOMES.map((o) => <option key={o} value={o}>{t(`careTasks.outcome.${o}`)}</option>)}
          </LabeledSelect>
          <LabeledTextarea id={`n-${task.id}`} name="note" rows={1} maxLength={1000} label={t("careTasks.note")} />
        </ActionForm>
      ) : null}
      {open && reassign ? (
        <ActionForm action={reassign.action} hidden={{ taskId: task.id }} submit={t("careTasks.reassign")} pending={t("careTasks.saving")}
          done={t("careTasks.reassigned")} testId="reassign-form" className="mt-3 grid gap-3 sm:grid-cols-3 sm:items-end">
          <LabeledSelect id={`r-${task.id}`} name="assigneeUserId" label={t("careTasks.newAssignee")} defaultValue={task.assigneeUserId ?? ""}>
            {reassign.members.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
          </LabeledSelect>
          <LabeledInput id={`d-${task.id}`} name="dueDate" type="date" label={t("careTasks.newDue")} />
        </ActionForm>
      ) : null}
    </li>
  );
}
