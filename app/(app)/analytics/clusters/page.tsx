import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { getLocale, getT } from "@/lib/i18n/server";
import { clusterOverview } from "@/lib/analytics/insights/queries";
import { analyticsPageContext } from "@/lib/analytics/insights/page-context";
import { formatDateTime } from "@/lib/format/display";
import { makeFormatter, type ChartSpec } from "@/components/charts/spec";
import { AnalyticsShell } from "@/components/analytics/AnalyticsShell";
import { AnalyticsChart } from "@/components/analytics/AnalyticsChart";
import { NumberInput, RunAnalyticsForm } from "@/components/analytics/RunAnalyticsForm";
import { EmptyState } from "@/components/EmptyState";
import { TableHead } from "@/components/TableHead";

export default definePage("analytics:read", async ({ ctx }) => {
  const [t, locale] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale)]);
  const { model, page } = await withTenant({ tenantId: ctx.tenantId, userId: ctx.userId }, async (tx) => ({
    page: await analyticsPageContext(tx, ctx),
    model: await clusterOverview(tx),
  }));
  const fmt = makeFormatter(locale, page.currency, t("insights.chart.hours"));
  const dec = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const sil = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const nameOf = (p: { nameEn: string; nameZh: string }) => (locale === "en" ? p.nameEn : p.nameZh);
  const ok = model?.status === "succeeded" && model.profiles.length > 0;
  const spec: ChartSpec | null = ok
    ? {
      kind: "category",
      categoryLabel: t("insights.clusters.cluster"),
      categories: model!.profiles.map(nameOf),
      series: [
        { name: t("insights.clusters.share"), values: model!.profiles.map((p) => p.share), format: "percent", type: "bar" },
        { name: t("insights.clusters.revenueShare"), values: model!.profiles.map((p) => p.revenueShare), format: "percent", type: "bar" },
      ],
    }
    : null;
  return (
    <AnalyticsShell tab="clusters" t={t} coverage="tenant">
      {!model ? (
        <EmptyState title={t("insights.clusters.empty.title")} body={t("insights.clusters.empty.body")} />
      ) : !ok ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="clusters-no-data">
          {t("insights.clusters.noData", { message: model.message ?? "" })}
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-800" data-testid="clusters-summary">
            {t("insights.clusters.summary", {
              k: model.k, customers: fmt(model.customers, "count"), silhouette: model.silhouette === null ? "—" : sil.format(model.silhouette),
              kMin: model.kMin, kMax: model.kMax, asOf: model.asOf ?? "—", seed: model.seed,
            })}
            {" "}{t("insights.clusters.computedAt", { time: formatDateTime(model.computedAt, locale, page.timeZone) })}
          </p>
          {spec ? <AnalyticsChart id="cluster-shares" title={t("insights.clusters.chartTitle")} spec={spec} t={t} locale={locale} currency={page.currency} /> : null}
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
            <table className="w-full text-left text-sm" data-testid="cluster-profiles">
              <caption className="mb-2 text-left text-lg font-semibold text-slate-900">{t("insights.clusters.tableCaption")}</caption>
              <TableHead columns={[
                { label: t("insights.clusters.cluster") },
                ...(["size", "share", "meanRecency", "meanFrequency", "meanMonetary", "revenueShare"] as const)
                  .map((k) => ({ label: t(`insights.clusters.${k}`), numeric: true, key: k })),
              ]} />
              <tbody>
                {model.profiles.map((p) => (
                  <tr key={p.cluster} className="border-b border-slate-100">
                    <th scope="row" className="py-2 pr-3 font-medium">{nameOf(p)}</th>
                    <td className="py-2 pr-3 text-right tabular-nums">{fmt(p.size, "count")}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{fmt(p.share, "percent")}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{p.meanRecency === null ? "—" : dec.format(p.meanRecency)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{p.meanFrequency === null ? "—" : dec.format(p.meanFrequency)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{fmt(p.meanMonetary, "money", true)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{fmt(p.revenueShare, "percent")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
            <table className="text-left text-sm" data-testid="cluster-candidates">
              <caption className="mb-1 text-left font-medium text-slate-900">{t("insights.clusters.candidatesCaption")}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-1 pr-4">k</th>
                  <th scope="col" className="py-1 pr-4 text-right">{t("insights.clusters.silhouette")}</th>
                </tr>
              </thead>
              <tbody>
                {model.candidates.map((c) => (
                  <tr key={c.k} className={c.k === model.k ? "font-semibold" : undefined}>
                    <th scope="row" className="py-1 pr-4 font-normal">{c.k}{c.k === model.k ? ` (${t("insights.clusters.chosen")})` : ""}</th>
                    <td className="py-1 pr-4 text-right tabular-nums">{c.silhouette === null ? "—" : sil.format(c.silhouette)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-2 text-xs text-slate-700" data-testid="cluster-features">
              {t("insights.clusters.features", { list: model.features.map((f) => t(`insights.clusters.feature.${f}`)).join(t("insights.listSeparator")) })}
            </p>
            <p className="mt-1 text-xs text-slate-700">{t("insights.clusters.method")}</p>
          </div>
        </>
      )}
      {can(ctx, "analytics:run") ? (
        <section aria-labelledby="run-clusters-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="run-clusters-title" className="mb-2 text-lg font-semibold text-slate-900">{t("insights.run.clustersTitle")}</h2>
          <RunAnalyticsForm part="clusters" label={t("insights.run.clusters")} queued={t("insights.run.queued")}>
            <NumberInput name="kMin" label={t("insights.run.kMin")} defaultValue={model?.kMin ?? 2} min={2} max={12} />
            <NumberInput name="kMax" label={t("insights.run.kMax")} defaultValue={model?.kMax ?? 8} min={2} max={12} />
            <fieldset className="flex flex-col text-sm text-slate-800">
              <legend className="font-medium">{t("insights.run.extraFeatures")}</legend>
              {(["tenure", "categories"] as const).map((f) => (
                <label key={f} className="mt-1 flex items-center gap-2">
                  <input type="checkbox" name="extraFeatures[]" value={f} defaultChecked={model?.features.includes(f) ?? false} />
                  {t(`insights.run.feature.${f}`)}
                </label>
              ))}
            </fieldset>
          </RunAnalyticsForm>
        </section>
      ) : null}
    </AnalyticsShell>
  );
});
