import { definePage } from "@/lib/auth/guard";
import { getLocale } from "@/lib/i18n/server";
import { dashboardTranslator } from "@/lib/dashboard/i18n";
import { overviewDashboard } from "@/lib/dashboard/overview";
import { DashboardShell } from "@/components/dashboard/DashboardShell";
import { FilterForm } from "@/components/dashboard/FilterForm";
import { Kpis } from "@/components/dashboard/Kpis";
import { ChartCard } from "@/components/dashboard/ChartCard";
import { NoOrders, NotComputed } from "@/components/dashboard/DashboardEmpty";
import { PeriodLine } from "@/components/dashboard/PeriodLine";
import { channelSpec, salesKpis, trendSpec } from "@/components/dashboard/sales-specs";

export default definePage("dashboard:read", async ({ ctx, searchParams }) => {
  const locale = await getLocale(ctx.locale);
  const t = dashboardTranslator(locale);
  const { base, data } = await overviewDashboard(ctx, searchParams);
  const common = { t, locale, currency: base.currency };
  return (
    <DashboardShell tab="overview" title={t("dashboard.overview.title")} base={base} t={t} locale={locale}>
      {!data ? <NotComputed t={t} /> : !base.status.computed || !base.status.dataTo ? <NoOrders t={t} /> : (
        <>
          <FilterForm action="/dashboard" base={base} t={t} show={{ dates: true, store: true, channel: true, province: true }} />
          <PeriodLine base={base} t={t} />
          <Kpis {...common} comparing={base.previous !== null}
            items={[
              ...salesKpis(data.totals, t, ["revenue", "orders", "aov", "newCustomers", "paymentRate", "refundRate"]),
              { id: "customers", label: t("dashboard.kpi.customers"), value: data.customers.customers, format: "count" },
              { id: "repurchase-rate", label: t("dashboard.kpi.repurchaseRate"), value: data.customers.repurchaseRate, format: "percent" },
            ]} />
          <div className="grid gap-4 xl:grid-cols-3">
            <ChartCard id="overview-trend" className="xl:col-span-2" title={t("dashboard.chart.trend")} spec={trendSpec(data, t)} {...common} />
            <ChartCard id="overview-channels" title={t("dashboard.chart.byChannel")} spec={channelSpec(data.byChannel, t)} {...common} />
          </div>
        </>
      )}
    </DashboardShell>
  );
});
