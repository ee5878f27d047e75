import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getLocale } from "@/lib/i18n/server";
import { dashboardTranslator } from "@/lib/dashboard/i18n";
import { customersDashboard } from "@/lib/dashboard/customers";
import { makeFormatter, type ChartSpec } from "@/components/charts/spec";
import { DashboardShell } from "@/components/dashboard/DashboardShell";
import { FilterForm } from "@/components/dashboard/FilterForm";
import { Kpis } from "@/components/dashboard/Kpis";
import { ChartCard } from "@/components/dashboard/ChartCard";
import { NoCustomers, NotComputed } from "@/components/dashboard/DashboardEmpty";
import { clvBandLabel, keyLabel, orUnknown } from "@/components/dashboard/labels";
import { EmptyState } from "@/components/EmptyState";

const PATH = "/dashboard/customers";

export default definePage("dashboard:read", async ({ ctx, searchParams }) => {
  const locale = await getLocale(ctx.locale);
  const t = dashboardTranslator(locale);
  const { base, data } = await customersDashboard(ctx, searchParams);
  const common = { t, locale, currency: base.currency };
  const fmt = makeFormatter(locale, base.currency, t("dashboard.hours"));
  const name = orUnknown(t);
  const province = base.filters.province;
  const drill = (p: string) => `${PATH}?province=${encodeURIComponent(p)}`;
  const customerList = (city: string) => `/customers?city=${encodeURIComponent(city)}`;

  let body;
  if (!data) body = <NotComputed t={t} />;
  else if (data.totals.customers === 0 && !province) body = <NoCustomers t={t} />;
  else {
    const mapSpec: ChartSpec = {
      kind: "map", categoryLabel: t("dashboard.axis.province"), valueLabel: t("dashboard.series.customersCount"), format: "count",
      items: data.byProvince.map((r) => ({ name: name(r.key), value: r.customers, href: r.key ? drill(r.key) : null })),
    };
    const cities = data.byCity ?? [];
    const citySpec: ChartSpec = {
      kind: "category", horizontal: true, categoryLabel: t("dashboard.axis.city"), categories: cities.map((r) => name(r.key)),
      links: cities.map((r) => (r.key ? customerList(r.key) : null)),
      series: [
        { name: t("dashboard.series.customersCount"), values: cities.map((r) => r.customers), format: "count", type: "bar" },
        { name: t("dashboard.series.buyers"), values: cities.map((r) => r.buyers), format: "count", type: "bar" },
      ],
    };
    const s = data.scores;
    body = (
      <>
        <FilterForm action={PATH} base={base} t={t} show={{ province: true, segment: true }} />
        <p className="text-xs text-slate-700">{t("dashboard.customersNote")}</p>
        {base.filters.segment ? <p className="text-xs text-slate-700" data-testid="segment-note">{t("dashboard.segmentNote")}</p> : null}
        <Kpis {...common} comparing={false}
          items={[
            { id: "customers", label: t("dashboard.kpi.customers"), value: data.totals.customers, format: "count" },
            { id: "buyers", label: t("dashboard.kpi.buyers"), value: data.totals.buyers, format: "count" },
            { id: "repeat-buyers", label: t("dashboard.kpi.repeatBuyers"), value: data.totals.repeatBuyers, format: "count" },
            { id: "repurchase-rate", label: t("dashboard.kpi.repurchaseRate"), value: data.totals.repurchaseRate, format: "percent" },
          ]} />
        {province ? (
          <ChartCard id="customers-cities" title={t("dashboard.chart.customerCities", { province })} spec={citySpec} {...common}
            height={Math.max(320, cities.length * 26 + 60)}
            note={
              <div className="space-y-2">
                <Link className="text-blue-800 underline" href={PATH} data-testid="drill-back">{t("dashboard.drill.back")}</Link>
                {cities.some((c) => c.key) ? (
                  <div>
                    <p>{t("dashboard.drill.list")}</p>
                    <ul className="mt-1 flex flex-wrap gap-2" data-testid="city-links">
                      {cities.filter((c) => c.key).slice(0, 30).map((c) => (
                        <li key={c.key}><Link className="text-blue-800 underline" href={customerList(c.key)}>{t("dashboard.drill.customers", { city: c.key })}</Link></li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            } />
        ) : (
          <ChartCard id="customers-map" title={t("dashboard.chart.customerMap")} spec={mapSpec} {...common} height={480} note={t("dashboard.drill.hint")} />
        )}
        {s ? (
          <>
            <p className="text-sm text-slate-700" data-testid="scores-as-of">{t("dashboard.scores.asOf", { date: s.asOf })}</p>
            <div className="grid gap-4 xl:grid-cols-3">
              <ChartCard id="customers-rfm" title={t("dashboard.chart.rfm")} {...common} height={380}
                spec={{ kind: "category", horizontal: true, categoryLabel: t("dashboard.axis.segment"), categories: s.rfmSegments.map((b) => keyLabel(t, "customers.segment", b.bucket)),
                  series: [{ name: t("dashboard.series.customersCount"), values: s.rfmSegments.map((b) => b.customers), format: "count", type: "bar" }] }} />
              <ChartCard id="customers-churn" title={t("dashboard.chart.churn")} {...common} height={380}
                spec={{ kind: "pie", categoryLabel: t("dashboard.axis.risk"), valueLabel: t("dashboard.series.customersCount"), format: "count",
                  items: s.churnRisk.map((b) => ({ name: keyLabel(t, "customers.churn", b.bucket), value: b.customers })) }} />
              <ChartCard id="customers-clv" title={t("dashboard.chart.clv")} {...common} height={380} emptyText={t("dashboard.scores.noClv")}
                spec={{ kind: "category", categoryLabel: t("dashboard.axis.band"), categories: s.clvBands.map((b) => clvBandLabel(b.bucket, fmt)),
                  series: [{ name: t("dashboard.series.customersCount"), values: s.clvBands.map((b) => b.customers), format: "count", type: "bar" }] }} />
            </div>
            <div className="grid gap-4 xl:grid-cols-3">
              {([["activity", s.activity], ["loyalty", s.loyalty], ["spending", s.spending]] as const).map(([id, buckets]) => (
                <ChartCard key={id} id={`customers-${id}`} title={t(`dashboard.chart.${id}`)} {...common} height={300}
                  spec={{ kind: "category", categoryLabel: t("dashboard.axis.score"), categories: buckets.map((b) => t("dashboard.score", { n: b.bucket })),
                    series: [{ name: t("dashboard.series.customersCount"), values: buckets.map((b) => b.customers), format: "count", type: "bar" }] }} />
              ))}
            </div>
          </>
        ) : (
          <div data-testid="scores-not-computed">
            <EmptyState title={t("dashboard.scores.notComputed.title")} body={t("dashboard.scores.notComputed.body")} />
          </div>
        )}
        {data.movement.from && data.movement.to ? (
          <ChartCard id="customers-movement" title={t("dashboard.chart.movement", { from: data.movement.from, to: data.movement.to })} {...common} height={460}
            spec={{ kind: "sankey", sourceLabel: t("dashboard.axis.fromSegment"), targetLabel: t("dashboard.axis.toSegment"), valueLabel: t("dashboard.series.customersCount"), format: "count",
              links: data.movement.cells.map((c) => ({
                source: t("dashboard.before", { name: c.from ? keyLabel(t, "customers.segment", c.from) : t("dashboard.notScored") }),
                target: t("dashboard.after", { name: c.to ? keyLabel(t, "customers.segment", c.to) : t("dashboard.notScored") }),
                value: c.customers,
              })) }} />
        ) : (
          <p className="rounded border border-slate-300 bg-slate-50 p-2 text-sm text-slate-800" data-testid="movement-none">{t("dashboard.movement.none")}</p>
        )}
        <ChartCard id="customers-cohorts" title={t("dashboard.chart.cohorts")} {...common} emptyText={t("dashboard.cohorts.none")}
          height={Math.max(260, data.cohorts.rows.length * 30 + 90)}
          spec={{ kind: "heatmap", xLabel: t("dashboard.axis.monthsAfter"), yLabel: t("dashboard.axis.cohort"), valueLabel: t("dashboard.series.retention"), format: "percent",
            x: Array.from({ length: data.cohorts.horizon + 1 }, (_, k) => t("dashboard.monthN", { n: k })),
            y: data.cohorts.rows.map((r) => r.cohort),
            cells: data.cohorts.rows.flatMap((r, y) => r.rates.map((value, x) => ({ x, y, value }))) }} />
      </>
    );
  }
  return (
    <DashboardShell tab="customers" title={t("dashboard.customers.title")} base={base} t={t} locale={locale}>
      {body}
    </DashboardShell>
  );
});
