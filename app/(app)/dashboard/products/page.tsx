import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale } from "@/lib/i18n/server";
import { dashboardTranslator } from "@/lib/dashboard/i18n";
import { productsDashboard, TOP_PRODUCTS, type Breakdown, type Repurchase } from "@/lib/dashboard/products";
import type { ChartSpec } from "@/components/charts/spec";
import { DashboardShell } from "@/components/dashboard/DashboardShell";
import { FilterForm } from "@/components/dashboard/FilterForm";
import { Kpis } from "@/components/dashboard/Kpis";
import { ChartCard } from "@/components/dashboard/ChartCard";
import { NoOrders, NotComputed } from "@/components/dashboard/DashboardEmpty";
import { PeriodLine } from "@/components/dashboard/PeriodLine";
import { ProductAffinity } from "@/components/dashboard/ProductAffinity";
import type { Translate } from "@/lib/i18n/translate";

const PATH = "/dashboard/products";

function breakdownSpec(rows: Breakdown[], t: Translate, axis: string, blank: string): ChartSpec {
  return {
    kind: "category", categoryLabel: axis, categories: rows.map((r) => r.key || blank),
    series: [
      { name: t("dashboard.series.revenue"), values: rows.map((r) => r.revenue), format: "money", type: "bar" },
      { name: t("dashboard.series.units"), values: rows.map((r) => r.units), format: "count", type: "line", axis: 1 },
    ],
  };
}

function repurchaseSpec(rows: Repurchase[], t: Translate, axis: string, blank: string, horizontal = false): ChartSpec {
  return {
    kind: "category", horizontal, categoryLabel: axis, categories: rows.map((r) => r.label || blank),
    series: [
      { name: t("dashboard.series.repurchaseRate"), values: rows.map((r) => r.rate), format: "percent", type: "bar" },
      { name: t("dashboard.series.buyers"), values: rows.map((r) => r.customers), format: "count", type: horizontal ? "bar" : "line", axis: 1 },
    ],
  };
}

export default definePage("dashboard:read", async ({ ctx, searchParams }) => {
  const locale = await getLocale(ctx.locale);
  const t = dashboardTranslator(locale);
  const { base, data } = await productsDashboard(ctx, searchParams);
  const common = { t, locale, currency: base.currency };
  const blank = t("dashboard.uncategorized");
  return (
    <DashboardShell tab="products" title={t("dashboard.products.title")} base={base} t={t} locale={locale}>
      {!data ? <NotComputed t={t} /> : !base.status.computed || !base.status.dataTo ? <NoOrders t={t} /> : (
        <>
          <FilterForm action={PATH} base={base} t={t} show={{ dates: true, store: true, channel: true }} />
          <PeriodLine base={base} t={t} />
          {base.filters.province ? <p className="text-sm text-slate-800" data-testid="province-not-applied">{t("dashboard.provinceNotApplied")}</p> : null}
          <Kpis {...common} comparing={base.previous !== null}
            items={[
              { id: "product-revenue", label: t("dashboard.kpi.productRevenue"), value: data.totals.current.revenue, previous: data.totals.previous?.revenue, format: "money" },
              { id: "units", label: t("dashboard.kpi.units"), value: data.totals.current.units, previous: data.totals.previous?.units, format: "count" },
              { id: "lines", label: t("dashboard.kpi.lines"), value: data.totals.current.orderLines, previous: data.totals.previous?.orderLines, format: "count" },
            ]} />
          <div className="grid gap-4 xl:grid-cols-2">
            <ChartCard id="products-categories" title={t("dashboard.chart.byCategory")} spec={breakdownSpec(data.byCategory, t, t("dashboard.axis.category"), blank)} {...common} />
            <ChartCard id="products-brands" title={t("dashboard.chart.byBrand")} spec={breakdownSpec(data.byBrand, t, t("dashboard.axis.brand"), t("dashboard.unknown"))} {...common} />
            <ChartCard id="products-top" title={t("dashboard.chart.topProducts", { n: TOP_PRODUCTS })} height={380} {...common}
              spec={{
                kind: "category", horizontal: true, categoryLabel: t("dashboard.axis.product"), categories: data.topProducts.map((p) => p.name),
                series: [
                  { name: t("dashboard.series.revenue"), values: data.topProducts.map((p) => p.revenue), format: "money", type: "bar" },
                  { name: t("dashboard.series.units"), values: data.topProducts.map((p) => p.units), format: "count", type: "bar", axis: 1 },
                ],
              }} />
            <ChartCard id="products-category-trend" title={t("dashboard.chart.categoryTrend")} height={380} {...common}
              spec={{
                kind: "category", categoryLabel: t("dashboard.axis.period"), categories: data.categoryTrend.buckets,
                series: data.categoryTrend.series.map((s) => ({
                  name: s.key === null ? t("dashboard.other") : s.key || blank, values: s.revenue, format: "money" as const, type: "bar" as const, stack: "categories",
                })),
              }} />
            <ChartCard id="products-repurchase-categories" title={t("dashboard.chart.repurchaseCategory")} {...common}
              spec={repurchaseSpec(data.repurchaseByCategory, t, t("dashboard.axis.category"), blank)} note={t("dashboard.repurchaseNote")} />
            <ChartCard id="products-repurchase-products" title={t("dashboard.chart.repurchaseProduct")} height={380} {...common}
              spec={repurchaseSpec(data.repurchaseByProduct, t, t("dashboard.axis.product"), blank, true)} note={t("dashboard.repurchaseNote")} />
          </div>
          <ProductAffinity affinity={data.affinity} {...common} timeZone={base.timeZone}
            links={{ basket: can(ctx, "analytics:read"), segment: can(ctx, "segment:manage") }} />
        </>
      )}
    </DashboardShell>
  );
});
