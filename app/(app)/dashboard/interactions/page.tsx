import { definePage } from "@/lib/auth/guard";
import { getLocale } from "@/lib/i18n/server";
import { dashboardTranslator } from "@/lib/dashboard/i18n";
import { interactionsDashboard } from "@/lib/dashboard/interactions";
import { DashboardShell } from "@/components/dashboard/DashboardShell";
import { FilterForm, channelName } from "@/components/dashboard/FilterForm";
import { Kpis } from "@/components/dashboard/Kpis";
import { ChartCard } from "@/components/dashboard/ChartCard";
import { NotComputed } from "@/components/dashboard/DashboardEmpty";
import { PeriodLine } from "@/components/dashboard/PeriodLine";
import { Definitions } from "@/components/dashboard/Definitions";

const PATH = "/dashboard/interactions";

export default definePage("dashboard:read", async ({ ctx, searchParams }) => {
  const locale = await getLocale(ctx.locale);
  const t = dashboardTranslator(locale);
  const { base, data } = await interactionsDashboard(ctx, searchParams);
  const common = { t, locale, currency: base.currency };

  let body;
  if (!data) body = <NotComputed t={t} />;
  else {
    const cur = data.totals.current;
    const prev = data.totals.previous;
    const r = data.referrals.totals;
    const buckets = data.trend.map((p) => p.bucket);
    body = (
      <>
        <FilterForm action={PATH} base={base} t={t} show={{ dates: true }} />
        <PeriodLine base={base} t={t} />
        <p className="text-xs text-slate-700">{t("dashboard.interactionsNote")}</p>
        <Kpis {...common} comparing={prev !== null}
          items={[
            { id: "interactions", label: t("dashboard.kpi.interactions"), value: cur.interactions, previous: prev?.interactions, format: "count" },
            { id: "interaction-points", label: t("dashboard.kpi.interactionPoints"), value: cur.points, previous: prev?.points, format: "count" },
            { id: "conversion-7", label: t("dashboard.kpi.conversion7"), value: cur.conversion7, previous: prev?.conversion7, format: "percent" },
            { id: "conversion-30", label: t("dashboard.kpi.conversion30"), value: cur.conversion30, previous: prev?.conversion30, format: "percent" },
            { id: "referrals", label: t("dashboard.kpi.referrals"), value: r.referrals, format: "count" },
            { id: "referred-revenue", label: t("dashboard.kpi.referredRevenue"), value: r.referredRevenue, format: "money" },
          ]} />
        <ChartCard id="interactions-trend" title={t("dashboard.chart.interactionTrend")} {...common} height={360}
          spec={{ kind: "category", categoryLabel: t("dashboard.axis.period"), categories: buckets,
            series: [
              ...data.channels.map((ch, i) => ({ name: channelName(t, ch), values: data.trend.map((p) => p.byChannel[i] ?? 0), format: "count" as const, type: "bar" as const, stack: "channels" })),
              { name: t("dashboard.series.interactingCustomers"), values: data.trend.map((p) => p.customers), format: "count", type: "line", axis: 1 },
            ] }} />
        <div className="grid gap-4 xl:grid-cols-2">
          <ChartCard id="interactions-conversion" title={t("dashboard.chart.interactionChannels")} {...common} note={t("dashboard.def.conversion")}
            spec={{ kind: "category", categoryLabel: t("dashboard.axis.channel"), categories: data.byChannel.map((c) => channelName(t, c.channel)),
              series: [
                { name: t("dashboard.series.interactions"), values: data.byChannel.map((c) => c.interactions), format: "count", type: "bar" },
                { name: t("dashboard.series.conversion7"), values: data.byChannel.map((c) => c.conversion7), format: "percent", type: "line", axis: 1 },
                { name: t("dashboard.series.conversion30"), values: data.byChannel.map((c) => c.conversion30), format: "percent", type: "line", axis: 1 },
              ] }} />
          <ChartCard id="interactions-points" title={t("dashboard.chart.interactionPoints")} {...common}
            spec={{ kind: "category", categoryLabel: t("dashboard.axis.period"), categories: buckets,
              series: [{ name: t("dashboard.series.points"), values: data.trend.map((p) => p.points), format: "count", type: "bar" }] }} />
        </div>
        <ChartCard id="interactions-referrals" title={t("dashboard.chart.referrals")} {...common} note={t("dashboard.def.referral")}
          spec={{ kind: "category", categoryLabel: t("dashboard.axis.period"), categories: data.referrals.trend.map((p) => p.bucket),
            series: [
              { name: t("dashboard.series.referrals"), values: data.referrals.trend.map((p) => p.referrals), format: "count", type: "bar" },
              { name: t("dashboard.series.referredRevenue"), values: data.referrals.trend.map((p) => p.referredRevenue), format: "money", type: "line", axis: 1 },
            ] }} />
        <Kpis {...common} comparing={false}
          items={[
            { id: "referred-buyers", label: t("dashboard.kpi.referredBuyers"), value: r.referredBuyers, format: "count" },
            { id: "referred-purchases", label: t("dashboard.kpi.purchases"), value: r.referredPurchases, format: "count" },
            { id: "referral-rewards", label: t("dashboard.kpi.referralRewards"), value: r.rewardPoints, format: "count" },
          ]} />
        <Definitions t={t} keys={["dashboard.def.conversion", "dashboard.def.referral"]} />
      </>
    );
  }
  return (
    <DashboardShell tab="interactions" title={t("dashboard.interactions.title")} base={base} t={t} locale={locale}>
      {body}
    </DashboardShell>
  );
});
