// The big screen's building blocks: large key figures and dark chart panels, sized
// to be read across a room. Colours keep a contrast of at least 4.5:1 on slate-950.
import { Chart } from "@/components/charts/Chart";
import { makeFormatter, type ChartSpec } from "@/components/charts/spec";
import { chartLabels } from "@/components/dashboard/ChartCard";
import type { Kpi } from "@/components/dashboard/Kpis";
import type { Translate } from "@/lib/i18n/translate";

export function BigKpis({ items, t, locale, currency }: { items: Kpi[]; t: Translate; locale: string; currency: string }) {
  const fmt = makeFormatter(locale, currency, t("dashboard.hours"));
  return (
    <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4" data-testid="big-kpis">
      {items.map((k) => {
        const change = k.value !== null && k.previous !== null && k.previous !== undefined && k.previous !== 0 && k.format !== "percent"
          ? (k.value - k.previous) / Math.abs(k.previous) : null;
        return (
          <div key={k.id} className="rounded-xl border border-slate-700 bg-slate-900 p-5" data-testid={`big-kpi-${k.id}`}>
            <dt className="text-lg text-slate-300">{k.label}</dt>
            <dd className="mt-2 text-4xl font-bold tabular-nums text-white xl:text-5xl" data-testid={`big-kpi-${k.id}-value`}>{fmt(k.value, k.format)}</dd>
            {change !== null ? (
              <dd className={`mt-2 text-base ${change >= 0 ? "text-emerald-300" : "text-red-300"}`}>
                <span aria-hidden="true">{change >= 0 ? "▲ " : "▼ "}</span>
                {t(change >= 0 ? "dashboard.delta.up" : "dashboard.delta.down", { value: fmt(Math.abs(change), "percent") })}
              </dd>
            ) : null}
          </div>
        );
      })}
    </dl>
  );
}

export function BigChart({ id, title, spec, t, locale, currency, height = 360, className = "" }: {
  id: string; title: string; spec: ChartSpec; t: Translate; locale: string; currency: string; height?: number; className?: string;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className={`rounded-xl border border-slate-700 bg-slate-900 p-4 ${className}`} data-testid={`chart-${id}`}>
      <h2 id={`${id}-title`} className="mb-2 text-2xl font-semibold text-white">{title}</h2>
      <Chart spec={spec} title={title} fileName={id} locale={locale} currency={currency} labels={chartLabels(t)} height={height} theme="dark" />
    </section>
  );
}
