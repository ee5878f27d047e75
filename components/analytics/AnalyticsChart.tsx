// A titled analytics section around the shared chart (components/charts/Chart.tsx:
// modular ECharts, PNG/CSV downloads, data table as the text alternative).
import type { ReactNode } from "react";
import { Chart, type ChartLabels } from "@/components/charts/Chart";
import type { ChartSpec } from "@/components/charts/spec";
import type { Translate } from "@/lib/i18n/translate";

export function analyticsChartLabels(t: Translate): ChartLabels {
  return {
    png: t("insights.chart.png"), csv: t("insights.chart.csv"), table: t("insights.chart.table"), hours: t("insights.chart.hours"),
    noData: t("insights.chart.noData"), top: t("insights.chart.top"), from: t("insights.chart.from"), to: t("insights.chart.to"),
    mapFailed: t("insights.chart.mapFailed"),
  };
}

export function AnalyticsChart({ id, title, spec, t, locale, currency, note, height }: {
  id: string; title: string; spec: ChartSpec; t: Translate; locale: string; currency: string; note?: ReactNode; height?: number;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`chart-${id}`}>
      <h2 id={`${id}-title`} className="mb-1 text-lg font-semibold text-slate-900">{title}</h2>
      <Chart spec={spec} title={title} fileName={id} locale={locale} currency={currency} labels={analyticsChartLabels(t)} height={height} />
      {note ? <div className="mt-2 text-xs text-slate-700">{note}</div> : null}
    </section>
  );
}
