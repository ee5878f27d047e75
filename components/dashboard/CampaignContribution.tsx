// The sales dashboard's contribution by campaign (lib/dashboard/campaign-contribution.ts):
// attributed and incremental revenue, then contacts, conversions and the share of
// the period's revenue; each chart with its data table, PNG and CSV. No
// launched campaign: an empty state that says where campaigns are made.
import Link from "next/link";
import type { ChartSpec } from "@/components/charts/spec";
import { ChartCard } from "@/components/dashboard/ChartCard";
import type { CampaignsData } from "@/lib/dashboard/campaign-contribution";
import type { Translate } from "@/lib/i18n/translate";

/** Campaigns drawn; the rest are in no chart (the page says how many). */
const SHOWN = 15;

export function campaignRevenueSpec(data: CampaignsData, t: Translate): ChartSpec {
  const rows = data.rows.slice(0, SHOWN);
  return {
    kind: "category", categoryLabel: t("dashboardCampaigns.axis.campaign"), categories: rows.map((r) => r.name),
    series: [
      { name: t("dashboardCampaigns.series.revenue"), values: rows.map((r) => r.revenue), format: "money", type: "bar" },
      { name: t("dashboardCampaigns.series.incremental"), values: rows.map((r) => r.incrementalRevenue), format: "money", type: "bar" },
    ],
  };
}

export function campaignCustomersSpec(data: CampaignsData, t: Translate): ChartSpec {
  const rows = data.rows.slice(0, SHOWN);
  return {
    kind: "category", categoryLabel: t("dashboardCampaigns.axis.campaign"), categories: rows.map((r) => r.name),
    series: [
      { name: t("dashboardCampaigns.series.contacted"), values: rows.map((r) => r.contacted), format: "count", type: "bar" },
      { name: t("dashboardCampaigns.series.converted"), values: rows.map((r) => r.converted), format: "count", type: "bar" },
      // On its own axis here, not beside revenue: incremental revenue can be negative, a share cannot.
      { name: t("dashboardCampaigns.series.share"), values: rows.map((r) => r.revenueShare), format: "percent", type: "line", axis: 1 },
    ],
  };
}

export function CampaignContribution({ data, t, locale, currency, evaluationLinks }: {
  data: CampaignsData; t: Translate; locale: string; currency: string;
  /** The viewer may open campaign evaluations (campaign:read). */
  evaluationLinks: boolean;
}) {
  if (data.launched === 0) {
    return (
      <section aria-labelledby="campaigns-none-title" className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center" data-testid="campaigns-none">
        <h2 id="campaigns-none-title" className="text-lg font-semibold text-slate-900">{t("dashboardCampaigns.none.title")}</h2>
        <p className="mt-2 text-slate-700">{t("dashboardCampaigns.none.body")}</p>
        {evaluationLinks ? <p className="mt-2"><Link className="text-blue-800 underline" href="/campaigns">{t("dashboardCampaigns.none.link")}</Link></p> : null}
      </section>
    );
  }
  const common = { t, locale, currency, emptyText: t("dashboardCampaigns.noData") };
  const shown = data.rows.slice(0, SHOWN);
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <ChartCard id="sales-campaigns" title={t("dashboardCampaigns.chart.revenue")} spec={campaignRevenueSpec(data, t)} {...common} height={380}
        note={
          <div className="space-y-2">
            <p>{t("dashboardCampaigns.note")}</p>
            {evaluationLinks && shown.length ? (
              <p>
                {t("dashboardCampaigns.evaluationLinks")}{" "}
                {shown.map((r, i) => (
                  <span key={r.campaignId}>
                    {i > 0 ? " · " : null}
                    <Link className="text-blue-800 underline" href={`/campaigns/${r.campaignId}/evaluation`}>{r.name}</Link>
                  </span>
                ))}
              </p>
            ) : null}
          </div>
        } />
      <ChartCard id="sales-campaign-customers" title={t("dashboardCampaigns.chart.customers")} spec={campaignCustomersSpec(data, t)} {...common} height={380} />
    </div>
  );
}
