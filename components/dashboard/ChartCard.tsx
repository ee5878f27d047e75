// A titled dashboard section holding one chart (components/charts/Chart.tsx) and
// an optional note under it.
import type { ReactNode } from "react";
import { Chart, type ChartLabels } from "@/components/charts/Chart";
import type { ChartSpec } from "@/components/charts/spec";
import type { Translate } from "@/lib/i18n/translate";

export function chartLabels(t: Translate): ChartLabels {
  return {
    png: t("dashboard.chart.png"), csv: t("dashboard.chart.csv"), table: t("dashboard.chart.table"), hours: t("dashboard.hours"),
    noData: t("dashboard.chart.noData"), top: t("dashboard.chart.top"), from: t("dashboard.chart.from"), to: t("dashboard.chart.to"),
    mapFailed: t("dashboard.chart.mapFailed"),
  };
}

export function ChartCard({ id, title, spec, t, locale, currency, note, className = "", height, emptyText }: {
  id: string; title: string; spec: ChartSpec; t: Translate; locale: string; currency: string; note?: ReactNode; className?: string; height?: number;
  /** What an empty chart says instead of "no data for these filters". */
  emptyText?: string;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className={`rounded-lg border border-slate-200 bg-white p-4 ${className}`} data-testid={`chart-${id}`}>
      <h2 id={`${id}-title`} className="mb-1 text-lg font-semibold text-slate-900">{title}</h2>
      <Chart spec={spec} title={title} fileName={id} locale={locale} currency={currency} labels={{ ...chartLabels(t), ...(emptyText ? { noData: emptyText } : {}) }} height={height} />
      {note ? <div className="mt-2 text-xs text-slate-700">{note}</div> : null}
    </section>
  );
}
