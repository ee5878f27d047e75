// The churn and value models of the newest scoring run: fitted (with the estimated
// parameters) or not (with the reason, and the rule-based churn risk that is used
// instead). Never a model number when there is no fitted model.
import type { RunStatus, FitRow } from "@/lib/analytics/scoring/queries";
import type { ChurnCell } from "@/lib/analytics/insights/churn-summary";
import type { Locale, Translate } from "@/lib/i18n/translate";

const PARAM_ORDER: Record<FitRow["model"], string[]> = { bgnbd: ["r", "alpha", "a", "b"], gamma_gamma: ["p", "q", "gamma"] };

function fitLine(fit: FitRow, t: Translate): string {
  if (fit.ok) return t("analytics.fit.ok", { customers: fit.customers, repeatBuyers: fit.repeatBuyers });
  const reasonKey = `analytics.fit.reason.${fit.reason ?? "invalid-input"}`;
  const reason = t(reasonKey, { customers: fit.customers, repeatBuyers: fit.repeatBuyers });
  return t("analytics.fit.notFitted", { reason: reason === reasonKey ? (fit.message ?? fit.reason ?? "") : reason });
}

export function ModelStatus({ run, churn, t, locale }: { run: RunStatus; churn: ChurnCell[]; t: Translate; locale: Locale }) {
  const bgnbd = run.fits.find((f) => f.model === "bgnbd") ?? null;
  const gg = run.fits.find((f) => f.model === "gamma_gamma") ?? null;
  const modelFitted = run.status === "succeeded" && bgnbd?.ok === true;
  const num = new Intl.NumberFormat(locale, { maximumSignificantDigits: 4 });
  const count = new Intl.NumberFormat(locale);
  const levels = ["low", "medium", "high"] as const;
  const methods = [...new Set(churn.map((c) => c.method ?? ""))];
  return (
    <section aria-labelledby="models-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="model-status">
      <h2 id="models-title" className="text-lg font-semibold text-slate-900">{t("insights.models.title")}</h2>
      <p className="text-sm text-slate-800">
        {t("analytics.run.asOf", { date: run.asOf })} · {t(`analytics.run.status.${run.status}`)}
        {run.status === "running" ? <> · {t(`analytics.run.step.${run.step}`)} ({run.progress}%)</> : null}
      </p>
      {run.status === "failed" ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800" data-testid="run-failed">{t("insights.models.failed")}</p>
      ) : null}
      {run.status === "succeeded" && !modelFitted ? (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="model-not-fitted">
          <p className="font-medium">{t("insights.models.notFittedTitle")}</p>
          <p className="mt-1">{bgnbd ? fitLine(bgnbd, t) : t("insights.models.noFit")}</p>
          <p className="mt-1">{t("analytics.churn.ruleNotice")}</p>
          <p className="mt-1">{t("insights.models.ruleDetail")}</p>
          <p className="mt-1">{t("analytics.fit.clvMissing")}</p>
        </div>
      ) : null}
      <dl className="grid gap-3 sm:grid-cols-2">
        {[bgnbd, gg].filter((f): f is FitRow => f !== null).map((fit) => (
          <div key={fit.model} className="rounded border border-slate-200 p-3" data-testid={`fit-${fit.model}`}>
            <dt className="font-medium text-slate-900">{t(`analytics.fit.model.${fit.model}`)}</dt>
            <dd className="mt-1 text-sm text-slate-800">
              {fitLine(fit, t)}
              {fit.ok && fit.params ? (
                <span className="mt-1 block font-mono text-xs text-slate-700">
                  {PARAM_ORDER[fit.model].filter((k) => k in fit.params!).map((k) => `${k} = ${num.format(fit.params![k]!)}`).join(", ")}
                </span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      {churn.length ? (
        <table className="w-full max-w-xl text-left text-sm" data-testid="churn-table">
          <caption className="mb-1 text-left font-medium text-slate-900">{t("insights.models.churnCaption")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-3">{t("insights.models.method")}</th>
              {levels.map((l) => <th key={l} scope="col" className="py-1 pr-3 text-right">{t(`analytics.churn.level.${l}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {methods.map((m) => (
              <tr key={m} className="border-b border-slate-100">
                <th scope="row" className="py-1 pr-3 font-normal">{m ? t(`analytics.churn.method.${m}`) : t("insights.unknown")}</th>
                {levels.map((l) => (
                  <td key={l} className="py-1 pr-3 text-right tabular-nums">
                    {count.format(churn.filter((c) => (c.method ?? "") === m && c.level === l).reduce((s, c) => s + c.customers, 0))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
