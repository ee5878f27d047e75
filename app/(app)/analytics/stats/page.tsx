import { definePage } from "@/lib/auth/guard";
import { withTenant } from "@/lib/db/tenant";
import { getLocale, getT } from "@/lib/i18n/server";
import { segmentStats, STAT_GROUPS, STAT_MEASURES, type StatGroup, type StatMeasure } from "@/lib/analytics/insights/segment-stats";
import { analyticsPageContext } from "@/lib/analytics/insights/page-context";
import { makeFormatter, type ChartSpec, type ValueFormat } from "@/components/charts/spec";
import { AnalyticsShell } from "@/components/analytics/AnalyticsShell";
import { AnalyticsChart } from "@/components/analytics/AnalyticsChart";
import { EmptyState } from "@/components/EmptyState";
import { TableHead } from "@/components/TableHead";

const MONEY: readonly StatMeasure[] = ["total_paid", "aov", "predicted_clv", "order_paid"];

export default definePage("analytics:read", async ({ ctx, searchParams }) => {
  const [t, locale] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale)]);
  const m = String(searchParams.measure ?? "total_paid");
  const g = String(searchParams.group ?? "rfm_segment");
  const measure: StatMeasure = (STAT_MEASURES as readonly string[]).includes(m) ? (m as StatMeasure) : "total_paid";
  const groupBy: StatGroup = (STAT_GROUPS as readonly string[]).includes(g) ? (g as StatGroup) : "rfm_segment";
  const { stats, page, clusterNames } = await withTenant({ tenantId: ctx.tenantId, userId: ctx.userId }, async (tx) => {
    const page = await analyticsPageContext(tx, ctx);
    const stats = await segmentStats(tx, { scope: page.scope, measure, groupBy });
    const clusterNames = groupBy === "cluster" ? await tx.clusterProfile.findMany({ select: { cluster: true, nameEn: true, nameZh: true } }) : [];
    return { stats, page, clusterNames };
  });
  const fmt = makeFormatter(locale, page.currency, t("insights.chart.hours"));
  const dec = new Intl.NumberFormat(locale, { maximumFractionDigits: measure === "p_alive" || measure === "expected_purchases_90" ? 3 : 2 });
  const kind: ValueFormat = MONEY.includes(measure) ? "money" : "count";
  const show = (v: number | null) => (v === null ? "—" : kind === "money" ? fmt(v, "money", true) : dec.format(v));
  const groupLabel = (group: string | null) => {
    if (group === null) return t(`insights.stats.noGroup.${groupBy}`);
    if (groupBy === "rfm_segment") return t(`analytics.segment.${group}`);
    if (groupBy === "churn_risk") return t(`analytics.churn.level.${group}`);
    const c = clusterNames.find((x) => String(x.cluster) === group);
    return c ? (locale === "en" ? c.nameEn : c.nameZh) : t("insights.stats.clusterN", { n: group });
  };
  const rows = [
    ...stats.groups.map((x) => ({ key: x.group ?? "none", label: groupLabel(x.group), d: x })),
    { key: "__all", label: t("insights.stats.overall"), d: stats.overall },
  ];
  const spec: ChartSpec | null = stats.groups.length
    ? {
      kind: "category", horizontal: true, categoryLabel: t(`insights.stats.group.${groupBy}`),
      categories: stats.groups.map((x) => groupLabel(x.group)),
      series: [
        { name: t("insights.stats.mean"), values: stats.groups.map((x) => x.mean), format: kind, type: "bar" },
        { name: t("insights.stats.median"), values: stats.groups.map((x) => x.median), format: kind, type: "bar" },
      ],
    }
    : null;
  const qLabel = (p: number) => t("insights.stats.quantile", { p: Math.round(p * 100) });
  const probabilities = stats.overall.quantiles.map((q) => q.p);
  return (
    <AnalyticsShell tab="stats" t={t} coverage="scope">
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="stats-filters">
        <label className="flex flex-col text-sm font-medium text-slate-800">
          {t("insights.stats.measure")}
          <select name="measure" defaultValue={measure} className="mt-1 rounded border border-slate-400 px-2 py-1.5">
            {STAT_MEASURES.map((x) => <option key={x} value={x}>{t(`insights.stats.measure.${x}`)}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-sm font-medium text-slate-800">
          {t("insights.stats.groupBy")}
          <select name="group" defaultValue={groupBy} className="mt-1 rounded border border-slate-400 px-2 py-1.5">
            {STAT_GROUPS.map((x) => <option key={x} value={x}>{t(`insights.stats.group.${x}`)}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("insights.apply")}</button>
      </form>
      <p className="text-sm text-slate-700">
        {stats.asOf ? t("analytics.run.asOf", { date: stats.asOf }) : t("insights.stats.noSnapshot")}
        {" "}{t(`insights.stats.measureNote.${measure === "order_paid" ? "order" : "customer"}`)}
      </p>
      {stats.overall.count === 0 && stats.overall.skipped === 0 ? (
        <EmptyState title={t("insights.stats.empty.title")} body={t("insights.stats.empty.body")} />
      ) : (
        <>
          {spec ? <AnalyticsChart id="segment-stats" title={t("insights.stats.chartTitle", { measure: t(`insights.stats.measure.${measure}`) })}
            spec={spec} t={t} locale={locale} currency={page.currency} height={Math.max(260, 40 * stats.groups.length + 80)} /> : null}
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
            <table className="w-full text-left text-sm" data-testid="segment-stats">
              <caption className="mb-2 text-left text-lg font-semibold text-slate-900">
                {t("insights.stats.caption", { measure: t(`insights.stats.measure.${measure}`), group: t(`insights.stats.group.${groupBy}`) })}
              </caption>
              <TableHead columns={[
                { label: t(`insights.stats.group.${groupBy}`) },
                ...(["count", "mean", "median", "sd", "min"] as const).map((k) => ({ label: t(`insights.stats.${k}`), numeric: true, key: k })),
                ...probabilities.map((p) => ({ label: qLabel(p), numeric: true, key: `q${p}` })),
                { label: t("insights.stats.max"), numeric: true },
                { label: t("insights.stats.missing"), numeric: true },
              ]} />
              <tbody>
                {rows.map(({ key, label, d }) => (
                  <tr key={key} className={`border-b border-slate-100 ${key === "__all" ? "font-semibold" : ""}`} data-testid="stats-row" data-group={key}>
                    <th scope="row" className="py-2 pr-3 font-medium">{label}</th>
                    <td className="py-2 pr-3 text-right tabular-nums">{fmt(d.count, "count")}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{show(d.mean)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{show(d.median)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{show(d.sd)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{show(d.min)}</td>
                    {d.quantiles.map((q) => <td key={q.p} className="py-2 pr-3 text-right tabular-nums">{show(q.value)}</td>)}
                    <td className="py-2 pr-3 text-right tabular-nums">{show(d.max)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{fmt(d.skipped, "count")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-2 text-xs text-slate-700">{t("insights.stats.method")}</p>
          </div>
        </>
      )}
    </AnalyticsShell>
  );
});
