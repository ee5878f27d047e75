import { definePage } from "@/lib/auth/guard";
import { withTenant } from "@/lib/db/tenant";
import { getLocale, getT } from "@/lib/i18n/server";
import { cohortDimensions, cohortRetention, type CohortDimension, type CohortRow } from "@/lib/analytics/cohorts/retention";
import { analyticsPageContext } from "@/lib/analytics/insights/page-context";
import { AnalyticsShell } from "@/components/analytics/AnalyticsShell";
import { CohortTable } from "@/components/analytics/CohortTable";
import { EmptyState } from "@/components/EmptyState";

const MONTH_CHOICES = [6, 12, 24] as const;
const MAX_GROUPS = 12;

export default definePage("analytics:read", async ({ ctx, searchParams }) => {
  const [t, locale] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale)]);
  const byParam = String(searchParams.by ?? "all");
  const by: CohortDimension = (cohortDimensions as readonly string[]).includes(byParam) ? (byParam as CohortDimension) : "all";
  const monthsParam = Number(searchParams.months ?? 12);
  const months = (MONTH_CHOICES as readonly number[]).includes(monthsParam) ? monthsParam : 12;
  const result = await withTenant({ tenantId: ctx.tenantId, userId: ctx.userId }, async (tx) => {
    const page = await analyticsPageContext(tx, ctx);
    return cohortRetention(tx, { scope: page.scope, timeZone: page.timeZone, by, months, horizon: Math.min(12, months - 1) });
  });
  // Groups by size of their customers, largest first; the rest are not drawn (a note says so).
  const channelLabel = (code: string) => {
    const key = `customers.channel.${code}`;
    const text = t(key);
    return text === key ? code : text;
  };
  const labelOf = (row: CohortRow) =>
    row.group === null ? (by === "all" ? t("insights.cohorts.allCustomers") : t("insights.cohorts.noGroup"))
    : by === "campaign" ? row.groupLabel ?? row.group
    : channelLabel(row.group);
  const groups = new Map<string, { label: string; rows: CohortRow[]; size: number }>();
  for (const row of result.rows) {
    const key = row.group ?? "";
    const g = groups.get(key) ?? { label: labelOf(row), rows: [], size: 0 };
    g.rows.push(row);
    g.size += row.size;
    groups.set(key, g);
  }
  const ordered = [...groups.entries()].sort((a, b) => b[1].size - a[1].size);
  const shown = ordered.slice(0, MAX_GROUPS);
  return (
    <AnalyticsShell tab="cohorts" t={t} coverage="scope">
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="cohort-filters">
        <label className="flex flex-col text-sm font-medium text-slate-800">
          {t("insights.cohorts.by")}
          <select name="by" defaultValue={by} className="mt-1 rounded border border-slate-400 px-2 py-1.5">
            {cohortDimensions.map((d) => <option key={d} value={d}>{t(`insights.cohorts.by.${d}`)}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-sm font-medium text-slate-800">
          {t("insights.cohorts.months")}
          <select name="months" defaultValue={String(months)} className="mt-1 rounded border border-slate-400 px-2 py-1.5">
            {MONTH_CHOICES.map((m) => <option key={m} value={m}>{t("insights.cohorts.monthsN", { n: m })}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("insights.apply")}</button>
      </form>
      <p className="text-sm text-slate-700">{t("insights.cohorts.definition", { zone: result.timeZone })}</p>
      {shown.length === 0 ? (
        <EmptyState title={t("insights.cohorts.empty.title")} body={t("insights.cohorts.empty.body")} />
      ) : (
        shown.map(([key, g], i) => (
          <CohortTable key={key || "none"} id={String(i)} caption={by === "all" ? t("insights.cohorts.captionAll") : t("insights.cohorts.captionGroup", { group: g.label })}
            rows={g.rows} horizon={result.horizon} t={t} locale={locale} />
        ))
      )}
      {ordered.length > shown.length ? <p className="text-sm text-slate-700">{t("insights.cohorts.moreGroups", { n: ordered.length - shown.length })}</p> : null}
    </AnalyticsShell>
  );
});
