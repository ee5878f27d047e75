import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getLocale } from "@/lib/i18n/server";
import { dashboardTranslator } from "@/lib/dashboard/i18n";
import { bigScreenDashboard } from "@/lib/dashboard/big-screen";
import { AutoRefresh } from "@/components/AutoRefresh";
import { BigChart, BigKpis } from "@/components/dashboard/BigScreen";
import { channelSpec, salesKpis, trendSpec } from "@/components/dashboard/sales-specs";
import { orUnknown } from "@/components/dashboard/labels";
import { filterQuery } from "@/lib/dashboard/filters";

const REFRESH_SECONDS = 60;

export default definePage("dashboard:read", async ({ ctx, searchParams }) => {
  const locale = await getLocale(ctx.locale);
  const t = dashboardTranslator(locale);
  const { base, data, loadedAt } = await bigScreenDashboard(ctx, searchParams);
  const common = { t, locale, currency: base.currency };
  const loaded = new Intl.DateTimeFormat(locale, { timeZone: base.timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(loadedAt);
  const name = orUnknown(t);
  const f = base.filters;
  return (
    // Covers the app's frame: a wall display shows nothing but the figures.
    <div className="fixed inset-0 z-50 overflow-auto bg-slate-950 p-6 text-slate-100" data-testid="dashboard-bigScreen">
      <AutoRefresh seconds={REFRESH_SECONDS} />
      <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-4xl font-bold text-white">{t("dashboard.bigScreen.title")}</h1>
          <p className="mt-1 text-lg text-slate-300" data-testid="dashboard-period">{t("dashboard.period", { from: f.from, to: f.to })}</p>
        </div>
        <div className="text-right">
          <p className="text-base text-slate-300" data-testid="big-screen-refresh">{t("dashboard.bigScreen.refresh", { seconds: REFRESH_SECONDS, time: loaded })}</p>
          <Link href={`/dashboard${filterQuery(base.filters, {}, ["from", "to", "grain", "storeId", "channel"])}`} className="mt-2 inline-block rounded border border-slate-400 px-4 py-2 text-lg text-white underline hover:bg-slate-800" data-testid="big-screen-exit">
            {t("dashboard.bigScreen.exit")}
          </Link>
        </div>
      </header>
      {!data ? (
        <p className="rounded-xl border border-slate-700 bg-slate-900 p-8 text-2xl text-slate-200" data-testid="dashboard-not-computed">{t("dashboard.notComputed.title")}</p>
      ) : (
        <div className="space-y-6">
          <BigKpis {...common}
            items={[
              ...salesKpis(data.sales.totals, t, ["revenue", "orders", "aov", "newCustomers"]),
              { id: "members", label: t("dashboard.kpi.members"), value: data.members.members, format: "count" },
              { id: "member-share", label: t("dashboard.kpi.memberShare"), value: data.members.memberShare, format: "percent" },
              { id: "interactions", label: t("dashboard.kpi.interactions"), value: data.interactions.interactions, format: "count" },
              { id: "conversion-7", label: t("dashboard.kpi.conversion7"), value: data.interactions.conversion7, format: "percent" },
            ]} />
          <div className="grid gap-6 xl:grid-cols-3">
            <BigChart id="big-trend" className="xl:col-span-2" title={t("dashboard.chart.trend")} spec={trendSpec(data.sales, t)} {...common} />
            <BigChart id="big-channels" title={t("dashboard.chart.byChannel")} spec={channelSpec(data.sales.byChannel, t)} {...common} />
          </div>
          <BigChart id="big-map" title={t("dashboard.chart.customerMap")} height={520} {...common}
            spec={{ kind: "map", categoryLabel: t("dashboard.axis.province"), valueLabel: t("dashboard.series.customersCount"), format: "count",
              items: data.byProvince.map((r) => ({ name: name(r.key), value: r.customers })) }} />
        </div>
      )}
    </div>
  );
});
