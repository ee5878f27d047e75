import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { loadEvaluation } from "@/lib/campaigns/evaluation/queries";
import { EmptyState } from "@/components/EmptyState";
import { GroupTable } from "@/components/campaigns/evaluation/GroupTable";
import { money, moneyInterval, pct, ppInterval } from "@/components/campaigns/evaluation/format";

export default definePage("campaign:read", async ({ ctx, params }) => {
  const data = await loadEvaluation(ctx, params.id ?? "");
  if (!data) notFound();
  const [t, locale] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale)]);
  const { campaign, evaluation: e, currency } = data;
  const back = <Link href={`/campaigns/${campaign.id}`} className="text-blue-700 underline">← {t("campaignRun.backToCampaign")}</Link>;
  if (!e) {
    return (
      <div className="space-y-4">
        {back}
        <h1 className="text-2xl font-semibold text-slate-900">{t("campaignRun.eval.title", { name: campaign.name })}</h1>
        <EmptyState title={t("campaignRun.eval.notLaunched")} body={t("campaignRun.eval.notLaunchedBody")} />
      </div>
    );
  }
  const o = e.overall;
  const significant = o.upliftCi ? o.upliftCi.low > 0 || o.upliftCi.high < 0 : false;
  const kpis: [string, string][] = [
    ["contactRate", pct(o.contactRate, locale)], ["successRate", pct(o.successRate, locale)],
    ["conversionT", pct(o.conversionT, locale)], ["conversionC", pct(o.conversionC, locale)],
    ["uplift", pct(o.uplift, locale)], ["upliftCi", ppInterval(o.upliftCi, locale)],
    ["revenue", money(o.treatment.revenue, currency, locale)], ["revenueUplift", money(o.revenuePerCustomerUplift, currency, locale)],
    ["revenueUpliftCi", moneyInterval(o.revenuePerCustomerCi, currency, locale)], ["incremental", money(o.incrementalRevenue, currency, locale)],
    ["cost", money(e.cost, currency, locale)], ["roi", pct(e.roi, locale, 0)],
  ];
  return (
    <div className="space-y-6">
      {back}
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">{t("campaignRun.eval.title", { name: campaign.name })}</h1>
        <p className="text-sm text-slate-800">
          {t("campaignRun.eval.window", { days: e.attributionDays })}
          {e.phase === 2 ? ` · ${t("campaignRun.eval.phase2")}` : ""}
        </p>
        <nav aria-label={t("campaignRun.nav")} className="mt-2 flex flex-wrap gap-4 text-sm">
          <Link className="text-blue-700 underline" href={`/campaigns/${campaign.id}/execution`}>{t("campaignRun.execution.link")}</Link>
          <Link className="text-blue-700 underline" href="/campaigns/compare">{t("campaignRun.compare.link")}</Link>
          {data.phases.map((p) => (
            <Link key={p.id} className="text-blue-700 underline" href={`/campaigns/${p.id}/evaluation`}>{t("campaignRun.eval.phaseLink", { phase: p.phase, name: p.name })}</Link>
          ))}
        </nav>
      </header>
      <section aria-labelledby="kpi-h" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="evaluation-summary">
        <h2 id="kpi-h" className="mb-2 text-lg font-semibold text-slate-900">{t("campaignRun.eval.summary")}</h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
          {kpis.map(([k, v]) => (
            <div key={k} className="rounded border border-slate-200 p-2">
              <dt className="text-xs text-slate-700">{t(`campaignRun.eval.${k}`)}</dt>
              <dd className="text-lg font-semibold text-slate-900" data-testid={`kpi-${k}`}>{v}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-sm text-slate-800" data-testid="significance">
          {o.upliftCi ? t(significant ? "campaignRun.eval.significant" : "campaignRun.eval.notSignificant") : t("campaignRun.eval.noControl")}
        </p>
        <p className="mt-2 text-xs text-slate-700">{t("campaignRun.eval.definitions")}</p>
      </section>
      <GroupTable title={t("campaignRun.eval.bySegment")} label={t("campaignRun.eval.segment")} rows={e.bySegment} t={t} locale={locale} currency={currency} testId="by-segment" />
      <GroupTable title={t("campaignRun.eval.byStore")} label={t("campaignRun.eval.store")} rows={e.byStore.map((g) => ({ ...g, label: g.storeName }))} t={t} locale={locale} currency={currency} testId="by-store" />
    </div>
  );
});
