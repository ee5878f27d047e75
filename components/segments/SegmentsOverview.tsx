// The overview's three tables (RFM segments, churn-risk levels, clusters): customers,
// revenue and their shares, each row linking to its customers and to the rule
// builder started with that condition ("save as segment").
import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";
import { formatMoney, formatNumber } from "@/lib/format/display";
import type { OverviewGroup, SegmentsOverview as Overview } from "@/lib/segments/overview";

type Props = { overview: Overview; t: Translate; locale: string; canManage: boolean };
const pct = (v: number, locale: string) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(v);

function Table({ id, title, group, name, listHref, preset, t, locale, currency, canManage }: {
  id: string; title: string; group: OverviewGroup; name: (key: string, label?: { en: string; zh: string }) => string;
  listHref: (key: string) => string; preset: string; t: Translate; locale: string; currency: string; canManage: boolean;
}) {
  const money = (v: number) => formatMoney(v.toFixed(2), currency, locale);
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={id} className="mb-2 text-base font-semibold text-slate-900">{title}</h3>
      <div className="overflow-x-auto">
        <table className="min-w-full text-left text-sm" data-testid={`${id}-table`}>
          <thead className="bg-slate-50 text-slate-800">
            <tr>
              <th scope="col" className="px-3 py-2">{t("segments.overview.col.group")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("segments.overview.col.customers")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("segments.overview.col.customerShare")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("segments.overview.col.revenue")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("segments.overview.col.revenueShare")}</th>
              <th scope="col" className="px-3 py-2">{t("segments.overview.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {group.rows.map((r) => {
              const label = name(r.key, r.label);
              return (
                <tr key={r.key} className="border-t border-slate-100" data-key={r.key}>
                  <th scope="row" className="px-3 py-2 font-medium">{label}</th>
                  <td className="px-3 py-2 text-right tabular-nums">{formatNumber(r.customers, locale)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{pct(r.customerShare, locale)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{money(r.revenue)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{pct(r.revenueShare, locale)}</td>
                  <td className="space-x-3 px-3 py-2 whitespace-nowrap">
                    <Link className="text-blue-700 underline" href={listHref(r.key)} aria-label={t("segments.overview.viewCustomersOf", { name: label })}>
                      {t("segments.overview.viewCustomers")}
                    </Link>
                    {canManage ? (
                      <Link className="text-blue-700 underline" href={`/segments/builder?preset=${preset}:${r.key}`} aria-label={t("segments.overview.saveAsSegmentOf", { name: label })}>
                        {t("segments.overview.saveAsSegment")}
                      </Link>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr className="border-t border-slate-300 font-medium">
              <th scope="row" className="px-3 py-2">{t("segments.overview.total")}</th>
              <td className="px-3 py-2 text-right tabular-nums">{formatNumber(group.customers, locale)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{pct(group.customers ? 1 : 0, locale)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{money(group.revenue)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{pct(group.revenue ? 1 : 0, locale)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

export function SegmentsOverview({ overview, t, locale, canManage }: Props) {
  const common = { t, locale, currency: overview.currency, canManage };
  return (
    <section aria-labelledby="segments-overview" className="mb-8 space-y-4" data-testid="segments-overview">
      <div>
        <h2 id="segments-overview" className="text-xl font-semibold text-slate-900">{t("segments.overview.title")}</h2>
        <p className="text-sm text-slate-700">{t("segments.overview.intro")}</p>
        {overview.asOf ? <p className="text-sm text-slate-700">{t("segments.overview.asOf", { date: overview.asOf })}</p> : null}
      </div>
      {overview.rfm && overview.churn ? (
        <div className="grid gap-4 xl:grid-cols-2">
          <Table id="overview-rfm" title={t("segments.overview.rfm")} group={overview.rfm} preset="rfm" {...common}
            name={(k) => t(`customers.segment.${k}`)} listHref={(k) => `/customers?rfmSegment=${k}`} />
          <Table id="overview-churn" title={t("segments.overview.churn")} group={overview.churn} preset="churn" {...common}
            name={(k) => t(`segments.churn.${k}`)} listHref={(k) => `/customers?churnRisk=${k}`} />
        </div>
      ) : (
        <div data-testid="overview-no-scoring">
          <EmptyBox title={t("segments.overview.noScoring.title")} body={t("segments.overview.noScoring.body")} />
        </div>
      )}
      {overview.clusters ? (
        <Table id="overview-clusters" title={t("segments.overview.clusters")} group={overview.clusters} preset="cluster" {...common}
          name={(k, label) => `${t("segments.overview.cluster", { n: k })}${label ? ` · ${locale === "en" ? label.en : label.zh}` : ""}`} listHref={(k) => `/customers?cluster=${k}`} />
      ) : (
        <div data-testid="overview-no-clusters">
          <EmptyBox title={t("segments.overview.noClusters.title")} body={t("segments.overview.noClusters.body")} />
        </div>
      )}
    </section>
  );
}

function EmptyBox({ title, body }: { title: string; body: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-4">
      <h3 className="text-base font-semibold text-slate-900">{title}</h3>
      <p className="mt-1 text-sm text-slate-700">{body}</p>
    </div>
  );
}
