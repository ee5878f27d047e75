import { definePage } from "@/lib/auth/guard";
import { getLocale } from "@/lib/i18n/server";
import { dashboardTranslator } from "@/lib/dashboard/i18n";
import { membersDashboard } from "@/lib/dashboard/members";
import { DashboardShell } from "@/components/dashboard/DashboardShell";
import { FilterForm } from "@/components/dashboard/FilterForm";
import { Kpis } from "@/components/dashboard/Kpis";
import { ChartCard } from "@/components/dashboard/ChartCard";
import { NotComputed } from "@/components/dashboard/DashboardEmpty";
import { PeriodLine } from "@/components/dashboard/PeriodLine";
import { Definitions } from "@/components/dashboard/Definitions";
import { EmptyState } from "@/components/EmptyState";
import { NOBODY } from "@/lib/rollups/dimensions";

const PATH = "/dashboard/members";

export default definePage("dashboard:read", async ({ ctx, searchParams }) => {
  const locale = await getLocale(ctx.locale);
  const t = dashboardTranslator(locale);
  const { base, data } = await membersDashboard(ctx, searchParams);
  const common = { t, locale, currency: base.currency };

  let body;
  if (!data) body = <NotComputed t={t} />;
  else {
    const tierName = (id: string) => (id === NOBODY ? t("dashboard.noTier") : data.tierNames[id] ?? t("dashboard.unknown"));
    const c = data.contribution;
    const buckets = data.points.trend.map((p) => p.bucket);
    body = (
      <>
        <FilterForm action={PATH} base={base} t={t} show={{ dates: true, store: true, channel: true }} />
        <PeriodLine base={base} t={t} />
        <p className="text-xs text-slate-700">{t("dashboard.membersNote")}</p>
        <Kpis {...common} comparing={false}
          items={[
            { id: "members", label: t("dashboard.kpi.members"), value: data.totals.members, format: "count" },
            { id: "member-share", label: t("dashboard.kpi.memberShare"), value: data.totals.memberShare, format: "percent" },
            { id: "member-revenue-share", label: t("dashboard.kpi.memberRevenueShare"), value: c.memberRevenueShare, format: "percent" },
            { id: "points-earned", label: t("dashboard.kpi.pointsEarned"), value: data.points.earned, format: "count" },
            { id: "points-consumed", label: t("dashboard.kpi.pointsConsumed"), value: data.points.consumed, format: "count" },
            { id: "points-outstanding", label: t("dashboard.kpi.pointsOutstanding"), value: data.points.outstanding, format: "count" },
          ]} />
        <div className="grid gap-4 xl:grid-cols-2">
          <ChartCard id="members-tiers" title={t("dashboard.chart.tiers")} {...common} height={340}
            spec={{ kind: "pie", categoryLabel: t("dashboard.axis.tier"), valueLabel: t("dashboard.series.members"), format: "count",
              items: data.tiers.map((r) => ({ name: tierName(r.tierId), value: r.members })) }} />
          <ChartCard id="members-migration" title={t("dashboard.chart.tierMigration")} {...common} height={340}
            spec={{ kind: "sankey", sourceLabel: t("dashboard.axis.fromTier"), targetLabel: t("dashboard.axis.toTier"), valueLabel: t("dashboard.series.tierChanges"), format: "count",
              links: data.migration.map((m) => ({
                source: t("dashboard.before", { name: tierName(m.fromTierId) }), target: t("dashboard.after", { name: tierName(m.toTierId) }), value: m.changes,
              })) }} />
        </div>
        <div className="grid gap-4 xl:grid-cols-3">
          <ChartCard id="members-contribution" title={t("dashboard.chart.memberContribution")} {...common} height={340}
            note={t("dashboard.def.member")}
            spec={{ kind: "category", categoryLabel: t("dashboard.axis.group"), categories: [t("dashboard.series.members"), t("dashboard.series.nonMembers")],
              series: [
                { name: t("dashboard.series.revenue"), values: [c.members.revenue, c.others.revenue], format: "money", type: "bar" },
                { name: t("dashboard.series.aov"), values: [c.members.averageOrderValue, c.others.averageOrderValue], format: "money", type: "bar", axis: 1 },
              ] }} />
          <ChartCard id="members-frequency" title={t("dashboard.series.frequency")} {...common} height={340}
            spec={{ kind: "category", categoryLabel: t("dashboard.axis.group"), categories: [t("dashboard.series.members"), t("dashboard.series.nonMembers")],
              series: [{ name: t("dashboard.series.frequency"), values: [c.members.monthlyFrequency, c.others.monthlyFrequency], format: "count", type: "bar" }] }} />
          <ChartCard id="members-trend" title={t("dashboard.chart.memberTrend")} {...common} height={340}
            spec={{ kind: "category", categoryLabel: t("dashboard.axis.period"), categories: data.contributionTrend.map((p) => p.bucket),
              series: [
                { name: t("dashboard.series.memberRevenue"), values: data.contributionTrend.map((p) => p.memberRevenue), format: "money", type: "bar", stack: "revenue" },
                { name: t("dashboard.series.otherRevenue"), values: data.contributionTrend.map((p) => p.otherRevenue), format: "money", type: "bar", stack: "revenue" },
              ] }} />
        </div>
        <div className="grid gap-4 xl:grid-cols-2">
          <ChartCard id="members-points" title={t("dashboard.chart.points")} {...common} note={t("dashboard.def.points")}
            spec={{ kind: "category", categoryLabel: t("dashboard.axis.period"), categories: buckets,
              series: [
                { name: t("dashboard.series.earned"), values: data.points.trend.map((p) => p.earned), format: "count", type: "bar" },
                { name: t("dashboard.series.consumed"), values: data.points.trend.map((p) => p.consumed), format: "count", type: "bar" },
                { name: t("dashboard.series.outstanding"), values: data.points.trend.map((p) => p.outstanding), format: "count", type: "line", axis: 1 },
              ] }} />
          {data.coupons ? (
            <ChartCard id="members-coupons" title={t("dashboard.chart.coupons")} {...common}
              spec={{ kind: "category", categoryLabel: t("dashboard.axis.period"), categories: data.coupons.trend.map((p) => p.bucket),
                series: [
                  { name: t("dashboard.series.couponsIssued"), values: data.coupons.trend.map((p) => p.issued), format: "count", type: "bar" },
                  { name: t("dashboard.series.couponsUsed"), values: data.coupons.trend.map((p) => p.used), format: "count", type: "bar" },
                ] }} />
          ) : (
            <section aria-labelledby="members-coupons-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="coupons-empty">
              <h2 id="members-coupons-title" className="mb-1 text-lg font-semibold text-slate-900">{t("dashboard.chart.coupons")}</h2>
              <EmptyState title={t("dashboard.coupons.none.title")} body={t("dashboard.coupons.none.body")} />
            </section>
          )}
        </div>
        <Definitions t={t} keys={["dashboard.def.member", "dashboard.def.points"]} />
      </>
    );
  }
  return (
    <DashboardShell tab="members" title={t("dashboard.members.title")} base={base} t={t} locale={locale}>
      {body}
    </DashboardShell>
  );
});
