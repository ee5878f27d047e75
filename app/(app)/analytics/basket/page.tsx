import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { getLocale, getT } from "@/lib/i18n/server";
import { basketRules, basketRun } from "@/lib/analytics/insights/queries";
import { analyticsPageContext } from "@/lib/analytics/insights/page-context";
import { formatDateTime } from "@/lib/format/display";
import { makeFormatter } from "@/components/charts/spec";
import { AnalyticsShell } from "@/components/analytics/AnalyticsShell";
import { NumberInput, RunAnalyticsForm } from "@/components/analytics/RunAnalyticsForm";
import { EmptyState } from "@/components/EmptyState";
import { TableHead } from "@/components/TableHead";

const PAGE_SIZE = 50;

export default definePage("analytics:read", async ({ ctx, searchParams }) => {
  const [t, locale] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale)]);
  const pageNo = Math.max(1, Math.min(10_000, Number.parseInt(String(searchParams.page ?? "1"), 10) || 1));
  const { run, list, page } = await withTenant({ tenantId: ctx.tenantId, userId: ctx.userId }, async (tx) => {
    const page = await analyticsPageContext(tx, ctx);
    const run = await basketRun(tx);
    const list = await basketRules(tx, { scope: page.scope, limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE });
    return { run, list, page };
  });
  const fmt = makeFormatter(locale, page.currency, t("insights.chart.hours"));
  const pct2 = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const dec = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const mayCreateSegment = can(ctx, "segment:manage");
  const names = (ps: { name: string; sku: string }[]) => ps.map((p) => p.name).join(t("insights.basket.and"));
  return (
    <AnalyticsShell tab="basket" t={t} coverage="mixed">
      {!run ? (
        <EmptyState title={t("insights.basket.empty.title")} body={t("insights.basket.empty.body")} />
      ) : (
        <>
          <p className="text-sm text-slate-800" data-testid="basket-summary">
            {t("insights.basket.summary", {
              orders: fmt(run.orders, "count"), rules: fmt(run.rules, "count"), itemsets: fmt(run.itemsets, "count"),
              minSupport: pct2.format(run.minSupport), minConfidence: fmt(run.minConfidence, "percent"),
            })}
            {" "}{t("insights.clusters.computedAt", { time: formatDateTime(run.computedAt, locale, page.timeZone) })}
          </p>
          {run.truncated ? <p role="status" className="text-sm text-amber-900">{t("insights.basket.truncated")}</p> : null}
          {list.rules.length === 0 ? (
            <EmptyState title={t("insights.basket.none.title")} body={t("insights.basket.none.body")} />
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
              <table className="w-full text-left text-sm" data-testid="basket-rules">
                <caption className="mb-2 text-left text-lg font-semibold text-slate-900">{t("insights.basket.caption")}</caption>
                <TableHead columns={[
                  { label: t("insights.basket.antecedent") },
                  { label: t("insights.basket.consequent") },
                  ...(["support", "confidence", "lift", "orders", "boughtANotB"] as const)
                    .map((k) => ({ label: t(`insights.basket.${k}`), numeric: true, key: k })),
                ]} />
                <tbody>
                  {list.rules.map((r) => {
                    const single = r.antecedent.length === 1 && r.consequent.length === 1;
                    const href = single ? `/segments/new?kind=basket&a=${r.antecedent[0]!.id}&b=${r.consequent[0]!.id}` : null;
                    return (
                      <tr key={r.id} className="border-b border-slate-100" data-testid="basket-rule">
                        <th scope="row" className="py-2 pr-3 font-normal">{names(r.antecedent)}</th>
                        <td className="py-2 pr-3">{names(r.consequent)}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">{pct2.format(r.support)}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">{fmt(r.confidence, "percent")}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">{dec.format(r.lift)}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">{fmt(r.orders, "count")}</td>
                        <td className="py-2 pr-3 text-right tabular-nums">
                          {fmt(r.boughtANotB, "count")}
                          {href && mayCreateSegment && r.boughtANotB > 0 ? (
                            <>
                              {" "}
                              <Link href={href} className="text-blue-800 underline" data-testid="rule-segment-link">
                                {t("insights.basket.segmentLink")}
                                <span className="sr-only"> ({t("insights.basket.segmentLinkLabel", { a: names(r.antecedent), b: names(r.consequent) })})</span>
                              </Link>
                            </>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p className="mt-2 text-xs text-slate-700">{t("insights.basket.method")}</p>
              {pages > 1 ? (
                <nav aria-label={t("insights.pagination")} className="mt-3 flex gap-3 text-sm">
                  {pageNo > 1 ? <Link href={`/analytics/basket?page=${pageNo - 1}`} className="text-blue-800 underline">{t("insights.previous")}</Link> : null}
                  <span>{t("insights.pageOf", { page: pageNo, pages })}</span>
                  {pageNo < pages ? <Link href={`/analytics/basket?page=${pageNo + 1}`} className="text-blue-800 underline">{t("insights.next")}</Link> : null}
                </nav>
              ) : null}
            </div>
          )}
        </>
      )}
      {can(ctx, "analytics:run") ? (
        <section aria-labelledby="run-basket-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="run-basket-title" className="mb-2 text-lg font-semibold text-slate-900">{t("insights.run.basketTitle")}</h2>
          <RunAnalyticsForm part="basket" label={t("insights.run.basket")} queued={t("insights.run.queued")}>
            <NumberInput name="minSupportPct" label={t("insights.run.minSupport")} defaultValue={run ? run.minSupport * 100 : 1} min={0.01} max={100} step={0.01} />
            <NumberInput name="minConfidencePct" label={t("insights.run.minConfidence")} defaultValue={run ? run.minConfidence * 100 : 20} min={0} max={100} step={1} />
          </RunAnalyticsForm>
        </section>
      ) : null}
    </AnalyticsShell>
  );
});
