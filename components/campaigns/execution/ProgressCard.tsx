// Live progress of a running campaign: messages by status, skipped by reason, call tasks by status and outcome.
import type { Translate } from "@/lib/i18n/translate";
import type { ExecutionView } from "@/lib/campaigns/execution/queries";
import { formatNumber } from "@/lib/format/display";

export function ProgressCard({ view, t, locale }: { view: NonNullable<ExecutionView>; t: Translate; locale: string }) {
  const p = view.progress;
  const tiles: [string, number][] = [
    ["queued", p.queued + p.sending], ["sent", p.sent + p.delivered], ["delivered", p.delivered], ["failed", p.failed],
    ["skippedOptOut", p.optOut], ["skippedCap", p.cap], ["skippedNoAddress", p.noAddress],
    ["tasksOpen", view.tasks.open], ["tasksDone", view.tasks.done],
  ];
  return (
    <section aria-labelledby="progress-h" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="progress">
      <h2 id="progress-h" className="mb-2 text-lg font-semibold text-slate-900">{t("campaignRun.progress.title")}</h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {tiles.map(([k, n]) => (
          <div key={k} className="rounded border border-slate-200 p-2">
            <dt className="text-xs text-slate-700">{t(`campaignRun.progress.${k}`)}</dt>
            <dd className="text-xl font-semibold text-slate-900" data-testid={`progress-${k}`}>{formatNumber(n, locale)}</dd>
          </div>
        ))}
      </dl>
      {Object.keys(view.tasks.byOutcome).length ? (
        <p className="mt-2 text-sm text-slate-800">
          {Object.entries(view.tasks.byOutcome).map(([o, n]) => `${t(`careTasks.outcome.${o}`)} ${formatNumber(n, locale)}`).join(" · ")}
        </p>
      ) : null}
    </section>
  );
}
