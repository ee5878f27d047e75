// The audience preview (count, overlap with live campaigns, estimated cost) and the
// what-if table with its stated assumptions.
import Link from "next/link";
import type { Preview } from "@/lib/campaigns/plan/preview";
import { formatMoney, formatNumber } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";

type Props = { id: string; preview: Preview; frozen: boolean; offerValue: number; budget: number | null; levels: string; t: Translate; locale: string; currency: string };

export function AudiencePreview({ id, preview, frozen, offerValue, budget, levels, t, locale, currency }: Props) {
  const money = (n: number) => formatMoney(n.toFixed(2), currency, locale);
  const num = (n: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
  const pct = (n: number) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(n);
  const over = budget !== null && budget < preview.estimatedCost;
  return (
    <>
      <section aria-labelledby="audience-h" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="audience-preview">
        <h2 id="audience-h" className="mb-2 text-lg font-semibold">{t(frozen ? "campaigns.preview.frozenTitle" : "campaigns.preview.title")}</h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("campaigns.preview.audience")}</dt>
          <dd data-testid="audience-count">{formatNumber(preview.audience, locale)}</dd>
          <dt className="font-medium">{t("campaigns.preview.overlap")}</dt>
          <dd>{formatNumber(preview.overlapCustomers, locale)}</dd>
          <dt className="font-medium">{t("campaigns.preview.predictedResponse")}</dt>
          <dd>{pct(preview.predictedResponse)}</dd>
          <dt className="font-medium">{t("campaigns.preview.estimatedCost")}</dt>
          <dd data-testid="estimated-cost">{money(preview.estimatedCost)} <span className="text-slate-700">{t("campaigns.preview.costFormula", { offer: money(offerValue) })}</span></dd>
        </dl>
        {preview.audience === 0 ? <p role="alert" className="mt-3 text-sm text-red-800">{t("campaigns.error.emptyAudience")}</p> : null}
        {over ? <p role="alert" className="mt-3 text-sm text-red-800">{t("campaigns.error.budgetBelowCost", { budget: money(budget!), cost: money(preview.estimatedCost) })}</p> : null}
        {preview.overlaps.length ? (
          <table className="mt-3 min-w-full text-left text-sm">
            <caption className="mb-1 text-left font-medium">{t("campaigns.preview.overlapTable")}</caption>
            <thead className="bg-slate-50"><tr>
              <th scope="col" className="px-3 py-1">{t("campaigns.field.name")}</th>
              <th scope="col" className="px-3 py-1">{t("campaigns.field.status")}</th>
              <th scope="col" className="px-3 py-1 text-right">{t("campaigns.preview.sharedCustomers")}</th>
            </tr></thead>
            <tbody>
              {preview.overlaps.map((o) => (
                <tr key={o.campaignId} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-1 font-normal"><Link className="text-blue-700 underline" href={`/campaigns/${o.campaignId}`}>{o.name}</Link></th>
                  <td className="px-3 py-1">{t(`campaigns.status.${o.status}`)}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{formatNumber(o.customers, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section aria-labelledby="whatif-h" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="what-if">
        <h2 id="whatif-h" className="mb-1 text-lg font-semibold">{t("campaigns.whatif.title")}</h2>
        <p className="mb-3 text-sm text-slate-700">{t("campaigns.whatif.intro")}</p>
        <form method="get" action={`/campaigns/${id}`} className="mb-3 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="whatif-levels" className="mb-1 block text-sm font-medium">{t("campaigns.whatif.levels")}</label>
            <input id="whatif-levels" name="levels" defaultValue={levels} className="rounded border border-slate-400 px-3 py-2" aria-describedby="whatif-levels-help" />
            <p id="whatif-levels-help" className="mt-1 text-xs text-slate-700">{t("campaigns.whatif.levelsHelp")}</p>
          </div>
          <button type="submit" className="mb-5 rounded border border-slate-400 bg-white px-3 py-2 text-sm">{t("campaigns.whatif.recalculate")}</button>
        </form>
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t("campaigns.whatif.title")}</caption>
            <thead className="bg-slate-50"><tr>
              <th scope="col" className="px-3 py-2">{t("campaigns.whatif.offer")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("campaigns.whatif.contacted")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("campaigns.whatif.rate")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("campaigns.whatif.responders")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("campaigns.whatif.incremental")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("campaigns.whatif.revenue")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("campaigns.whatif.cost")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("campaigns.whatif.profit")}</th>
            </tr></thead>
            <tbody>
              {preview.whatIf.levels.map((l) => (
                <tr key={l.offer} className={`border-t border-slate-100 ${l.offer === offerValue ? "bg-blue-50" : ""}`}>
                  <th scope="row" className="px-3 py-2 font-medium">{money(l.offer)}{l.offer === offerValue ? ` ${t("campaigns.whatif.planned")}` : ""}</th>
                  <td className="px-3 py-2 text-right tabular-nums">{num(l.contacted)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{pct(l.responseRate)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{num(l.responders, 1)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{num(l.incrementalResponders, 1)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{money(l.incrementalRevenue)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{money(l.cost)}</td>
                  <td className={`px-3 py-2 text-right tabular-nums ${l.profit < 0 ? "text-red-800" : ""}`}>{money(l.profit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3 className="mb-1 mt-4 font-semibold">{t("campaigns.whatif.assumptions")}</h3>
        <ul className="list-disc pl-6 text-sm text-slate-800" data-testid="what-if-assumptions">
          {preview.whatIf.assumptions.map((a) => <li key={a.key}>{t(a.key, a.params)}</li>)}
        </ul>
      </section>
    </>
  );
}
