// The product dashboard's affinity section (lib/dashboard/affinity.ts): the newest
// basket analysis's top rules with support, confidence and lift, each one-to-one
// rule linked to the "bought A, not B" segment it suggests, and the lift between
// the products of the strongest rules as a heatmap (data table, PNG, CSV). Before
// any analysis: an empty state that says where to run one.
import Link from "next/link";
import { makeFormatter, type ChartSpec } from "@/components/charts/spec";
import { ChartCard } from "@/components/dashboard/ChartCard";
import { formatDateTime } from "@/lib/format/display";
import type { AffinityProduct, ProductAffinity as Affinity } from "@/lib/dashboard/affinity";
import type { Translate } from "@/lib/i18n/translate";
import { TableHead } from "@/components/TableHead";

export function affinitySpec(a: Affinity, t: Translate): ChartSpec {
  const names = a.matrix.products.map((p) => p.name);
  return {
    kind: "heatmap", xLabel: t("dashboardCampaigns.affinity.with"), yLabel: t("dashboardCampaigns.affinity.product"),
    valueLabel: t("dashboardCampaigns.affinity.lift"), format: "ratio", x: names, y: names,
    cells: a.matrix.lift.flatMap((row, y) => row.map((value, x) => ({ x, y, value }))),
  };
}

export function ProductAffinity({ affinity: a, t, locale, currency, timeZone, links }: {
  affinity: Affinity; t: Translate; locale: string; currency: string; timeZone: string;
  links: { basket: boolean; segment: boolean };
}) {
  if (!a.run) {
    return (
      <section aria-labelledby="affinity-none-title" className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center" data-testid="affinity-none">
        <h2 id="affinity-none-title" className="text-lg font-semibold text-slate-900">{t("dashboardCampaigns.affinity.none.title")}</h2>
        <p className="mt-2 text-slate-700">{t("dashboardCampaigns.affinity.none.body")}</p>
        {links.basket ? <p className="mt-2"><Link className="text-blue-800 underline" href="/analytics/basket">{t("dashboardCampaigns.affinity.none.link")}</Link></p> : null}
      </section>
    );
  }
  const fmt = makeFormatter(locale, currency, t("dashboard.hours"));
  const pct2 = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const names = (ps: AffinityProduct[]) => ps.map((p) => p.name).join(t("dashboardCampaigns.affinity.and"));
  const summary = t("dashboardCampaigns.affinity.summary", {
    time: formatDateTime(a.run.computedAt, locale, timeZone), orders: fmt(a.run.orders, "count"), rules: fmt(a.run.rules, "count"),
  });
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <section aria-labelledby="affinity-rules-title" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4" data-testid="affinity-section">
        <h2 id="affinity-rules-title" className="mb-1 text-lg font-semibold text-slate-900">{t("dashboardCampaigns.affinity.rules")}</h2>
        <p className="mb-2 text-xs text-slate-700" data-testid="affinity-summary">{summary}</p>
        {a.rules.length === 0 ? <p className="text-sm text-slate-800" data-testid="affinity-no-rules">{t("dashboardCampaigns.affinity.noRules")}</p> : (
          <table className="w-full text-left text-sm" data-testid="affinity-rules">
            <TableHead columns={[
              { label: t("dashboardCampaigns.affinity.antecedent") },
              { label: t("dashboardCampaigns.affinity.consequent") },
              ...(["support", "confidence", "lift"] as const).map((k) => ({ label: t(`dashboardCampaigns.affinity.${k}`), numeric: true, key: k })),
              links.segment && { label: t("dashboardCampaigns.affinity.actions") },
            ]} />
            <tbody>
              {a.rules.map((r) => {
                const single = r.antecedent.length === 1 && r.consequent.length === 1;
                return (
                  <tr key={r.id} className="border-b border-slate-100" data-testid="affinity-rule">
                    <th scope="row" className="py-2 pr-3 font-normal">{names(r.antecedent)}</th>
                    <td className="py-2 pr-3">{names(r.consequent)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{pct2.format(r.support)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{fmt(r.confidence, "percent")}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{fmt(r.lift, "ratio")}</td>
                    {links.segment ? (
                      <td className="py-2 pr-3">
                        {single ? (
                          <Link className="text-blue-800 underline" data-testid="affinity-segment-link"
                            href={`/segments/new?kind=basket&a=${r.antecedent[0]!.id}&b=${r.consequent[0]!.id}`}>
                            {t("dashboardCampaigns.affinity.segment")}
                            <span className="sr-only"> ({t("dashboardCampaigns.affinity.segmentLabel", { a: names(r.antecedent), b: names(r.consequent) })})</span>
                          </Link>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {links.basket ? <p className="mt-2 text-sm"><Link className="text-blue-800 underline" href="/analytics/basket" data-testid="affinity-basket-link">{t("dashboardCampaigns.affinity.all")}</Link></p> : null}
      </section>
      <ChartCard id="products-affinity" title={t("dashboardCampaigns.affinity.heatmap")} spec={affinitySpec(a, t)} t={t} locale={locale} currency={currency}
        height={Math.max(320, a.matrix.products.length * 40 + 120)} emptyText={t("dashboardCampaigns.affinity.noPairs")}
        note={t("dashboardCampaigns.affinity.heatmapNote")} />
    </div>
  );
}
