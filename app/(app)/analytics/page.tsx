import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { getLocale, getT } from "@/lib/i18n/server";
import { latestScoringRun } from "@/lib/analytics/scoring/queries";
import { analyticsPageContext } from "@/lib/analytics/insights/page-context";
import { churnSummary } from "@/lib/analytics/insights/churn-summary";
import { formatDateTime, formatNumber } from "@/lib/format/display";
import { AnalyticsShell } from "@/components/analytics/AnalyticsShell";
import { ModelStatus } from "@/components/analytics/ModelStatus";
import { RunAnalyticsForm } from "@/components/analytics/RunAnalyticsForm";
import { EmptyState } from "@/components/EmptyState";

export default definePage("analytics:read", async ({ ctx }) => {
  const [t, locale] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale)]);
  const { run, page, churn } = await withTenant({ tenantId: ctx.tenantId, userId: ctx.userId }, async (tx) => {
    const page = await analyticsPageContext(tx, ctx);
    const run = await latestScoringRun(tx);
    const churn = run && run.status === "succeeded" ? await churnSummary(tx, run.asOf, page.scope) : [];
    return { run, page, churn };
  });
  const mayRun = can(ctx, "analytics:run");
  return (
    <AnalyticsShell tab="overview" t={t}>
      {run ? (
        <ModelStatus run={run} churn={churn} t={t} locale={locale} />
      ) : (
        <EmptyState title={t("insights.overview.noRun.title")} body={t("insights.overview.noRun.body")} />
      )}
      {run ? (
        <p className="text-sm text-slate-700" data-testid="scoring-times">
          {t("insights.overview.started", { time: formatDateTime(run.startedAt, locale, page.timeZone) })}
          {run.customers !== null ? <> · {t("insights.overview.customers", { n: formatNumber(run.customers, locale) })}</> : null}
        </p>
      ) : null}
      {mayRun ? (
        <section aria-labelledby="recompute-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="recompute-title" className="mb-2 text-lg font-semibold text-slate-900">{t("insights.run.title")}</h2>
          <p className="mb-3 text-sm text-slate-700">{t("insights.run.body")}</p>
          <RunAnalyticsForm part="scoring" label={t("insights.run.scoring")} queued={t("insights.run.queued")} />
        </section>
      ) : null}
      <section aria-labelledby="pages-title">
        <h2 id="pages-title" className="mb-2 text-lg font-semibold text-slate-900">{t("insights.overview.more")}</h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {(["clusters", "basket", "cohorts", "stats"] as const).map((tab) => (
            <li key={tab} className="rounded-lg border border-slate-200 bg-white p-4">
              <Link href={`/analytics/${tab}`} className="font-medium text-blue-800 underline">{t(`insights.tab.${tab}`)}</Link>
              <p className="mt-1 text-sm text-slate-700">{t(`insights.intro.${tab}`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </AnalyticsShell>
  );
});
