// The customer 360 view's "scores explained": one line per score (R, F, M, RFM
// segment, churn risk, P(alive), CLV, cluster) saying why it has its value.
import type { Translate } from "@/lib/i18n/translate";
import type { ScoreExplanations as Explanations } from "@/lib/segments/score-explanations";
import { Card } from "@/components/customers/Card";

export function ScoreExplanations({ data, t }: { data: Explanations; t: Translate }) {
  return (
    <Card id="customer-score-explanations" title={t("segments.explain.title")}>
      {data.asOf === null ? <p className="mb-2 text-sm text-slate-700">{t("segments.explain.notScored")}</p> : null}
      <dl className="space-y-2 text-sm" data-testid="score-explanations">
        {data.items.map((e) => (
          <div key={e.key} data-score={e.key}>
            <dt className="font-medium text-slate-900">{t(`segments.explain.${e.key}`)}</dt>
            <dd className="text-slate-800">{e.text}</dd>
          </div>
        ))}
      </dl>
      {data.asOf ? <p className="mt-3 text-xs text-slate-700">{t("segments.explain.asOf", { date: data.asOf })}</p> : null}
    </Card>
  );
}
