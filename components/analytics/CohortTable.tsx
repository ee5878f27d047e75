// One retention matrix as an accessible table whose cells are shaded by the rate
// (a heatmap that screen readers read as numbers). Dark text on a light tint at
// every rate, so contrast holds.
import type { CohortRow } from "@/lib/analytics/cohorts/retention";
import type { Translate } from "@/lib/i18n/translate";

export function CohortTable({ id, caption, rows, horizon, t, locale }: {
  id: string; caption: string; rows: CohortRow[]; horizon: number; t: Translate; locale: string;
}) {
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(locale);
  const ks = Array.from({ length: horizon + 1 }, (_, k) => k);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
      <table className="text-left text-xs" data-testid={`cohort-table-${id}`}>
        <caption className="mb-2 text-left text-base font-semibold text-slate-900">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-1 pr-3">{t("insights.cohorts.cohort")}</th>
            <th scope="col" className="py-1 pr-3 text-right">{t("insights.cohorts.size")}</th>
            {ks.map((k) => <th key={k} scope="col" className="px-1 py-1 text-right">{t("insights.cohorts.monthK", { k })}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.cohort} className="border-b border-slate-100" data-testid="cohort-row" data-cohort={row.cohort}>
              <th scope="row" className="py-1 pr-3 font-medium tabular-nums">{row.cohort}</th>
              <td className="py-1 pr-3 text-right tabular-nums">{count.format(row.size)}</td>
              {row.rates.map((rate, k) => (
                <td key={k} className="px-1 py-1 text-right tabular-nums text-slate-900"
                  style={rate === null ? undefined : { backgroundColor: `rgba(37, 99, 235, ${(0.04 + 0.5 * rate).toFixed(3)})` }}
                  title={rate === null ? undefined : t("insights.cohorts.cellTitle", { retained: count.format(row.retained[k] ?? 0), size: count.format(row.size) })}>
                  {rate === null ? "" : pct.format(rate)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
