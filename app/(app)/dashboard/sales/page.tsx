import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale } from "@/lib/i18n/server";
import { dashboardTranslator } from "@/lib/dashboard/i18n";
import { filterQuery } from "@/lib/dashboard/filters";
import { salesDashboard } from "@/lib/dashboard/sales";
import { DashboardShell } from "@/components/dashboard/DashboardShell";
import { FilterForm } from "@/components/dashboard/FilterForm";
import { Kpis } from "@/components/dashboard/Kpis";
import { ChartCard } from "@/components/dashboard/ChartCard";
import { NoOrders, NotComputed } from "@/components/dashboard/DashboardEmpty";
import { PeriodLine } from "@/components/dashboard/PeriodLine";
import { CampaignContribution } from "@/components/dashboard/CampaignContribution";
import { channelSpec, customersSpec, newVsReturningSpec, regionSpec, salesKpis, storeSpec, trendSpec } from "@/components/dashboard/sales-specs";

const PATH = "/dashboard/sales";

export default definePage("dashboard:read", async ({ ctx, searchParams }) => {
  const locale = await getLocale(ctx.locale);
  const t = dashboardTranslator(locale);
  const { base, data } = await salesDashboard(ctx, searchParams);
  const common = { t, locale, currency: base.currency };
  const province = base.filters.province;
  return (
    <DashboardShell tab="sales" title={t("dashboard.sales.title")} base={base} t={t} locale={locale}>
      {!data ? <NotComputed t={t} /> : !base.status.computed || !base.status.dataTo ? <NoOrders t={t} /> : (
        <>
          <FilterForm action={PATH} base={base} t={t} show={{ dates: true, store: true, channel: true, province: true }} />
          <PeriodLine base={base} t={t} />
          <Kpis {...common} comparing={base.previous !== null}
            items={salesKpis(data.totals, t, ["revenue", "orders", "purchases", "aov", "newCustomers", "newRevenueShare",
              "paymentRate", "refundRate", "reviewRate", "payCycle", "shipCycle", "receiveCycle"])} />
          <ChartCard id="sales-trend" title={t("dashboard.chart.trend")} spec={trendSpec(data, t)} {...common} />
          <div className="grid gap-4 xl:grid-cols-2">
            <ChartCard id="sales-customers" title={t("dashboard.chart.customers")} spec={customersSpec(data, t)} {...common}
              note={data.trend.some((p) => p.partial) ? t("dashboard.partialNote") : null} />
            <ChartCard id="sales-new-returning" title={t("dashboard.chart.newVsReturning")} spec={newVsReturningSpec(data, t)} {...common} />
            <ChartCard id="sales-stores" title={t("dashboard.chart.byStore")} spec={storeSpec(data.byStore, base, t)} {...common} height={420} />
            <ChartCard id="sales-channels" title={t("dashboard.chart.byChannel")} spec={channelSpec(data.byChannel, t)} {...common} height={420} />
          </div>
          <ChartCard
            id="sales-regions"
            title={province ? t("dashboard.chart.byCity", { province }) : t("dashboard.chart.byProvince")}
            spec={regionSpec(data.byRegion, base, t, PATH)} {...common} height={Math.max(320, Math.min(26, data.byRegion.rows.length) * 24 + 60)}
            note={province
              ? <Link className="text-blue-800 underline" href={`${PATH}${filterQuery(base.filters, { province: null })}`} data-testid="drill-back">{t("dashboard.drill.back")}</Link>
              : t("dashboard.drill.hintSales")}
          />
          <CampaignContribution data={data.byCampaign} {...common} evaluationLinks={can(ctx, "campaign:read")} />
          <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-800">
            <summary className="cursor-pointer font-medium">{t("dashboard.definitions")}</summary>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {(["revenue", "newCustomer", "rates", "cycles"] as const).map((k) => <li key={k}>{t(`dashboard.def.${k}`)}</li>)}
            </ul>
          </details>
        </>
      )}
    </DashboardShell>
  );
});
