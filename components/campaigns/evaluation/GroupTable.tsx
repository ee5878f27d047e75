// Evaluation broken down by a dimension (RFM segment, store): one row per group.
import type { Translate } from "@/lib/i18n/translate";
import type { GroupEvaluation } from "@/lib/campaigns/evaluation/evaluate";
import { money, pct, ppInterval } from "@/components/campaigns/evaluation/format";

export function GroupTable({ title, rows, label, t, locale, currency, testId }: {
  title: string; rows: (GroupEvaluation & { label?: string | null })[]; label: string; t: Translate; locale: string; currency: string; testId: string;
}) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-2 text-lg font-semibold text-slate-900">{title}</h2>
      {rows.length === 0 ? <p className="text-sm text-slate-700">{t("campaignRun.eval.noGroups")}</p> : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid={testId}>
            <caption className="sr-only">{title}</caption>
            <thead><tr className="text-left text-slate-800">
              <th scope="col" className="px-2 py-1">{label}</th>
              {["nT", "nC", "convT", "convC", "uplift", "ci", "revenue"].map((k) => <th key={k} scope="col" className="px-2 py-1">{t(`campaignRun.eval.col.${k}`)}</th>)}
            </tr></thead>
            <tbody>
              {rows.map((g) => (
                <tr key={g.key ?? "none"} className="border-t border-slate-200">
                  <th scope="row" className="px-2 py-1 text-left font-normal">{g.label ?? g.key ?? t("campaignRun.eval.unknown")}</th>
                  <td className="px-2 py-1">{g.treatment.customers}</td>
                  <td className="px-2 py-1">{g.control.customers}</td>
                  <td className="px-2 py-1">{pct(g.conversionT, locale)}</td>
                  <td className="px-2 py-1">{pct(g.conversionC, locale)}</td>
                  <td className="px-2 py-1">{pct(g.uplift, locale)}</td>
                  <td className="px-2 py-1 whitespace-nowrap">{ppInterval(g.upliftCi, locale)}</td>
                  <td className="px-2 py-1">{money(g.treatment.revenue, currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
