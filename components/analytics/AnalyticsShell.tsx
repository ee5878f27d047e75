// The frame of every analytics page: title, the tabs between the sub-pages, and a
// line saying whether the numbers are the whole tenant's model or the viewer's scope.
import Link from "next/link";
import type { ReactNode } from "react";
import type { Translate } from "@/lib/i18n/translate";

export type AnalyticsTab = "overview" | "clusters" | "basket" | "cohorts" | "stats";
const TABS: { tab: AnalyticsTab; href: string }[] = [
  { tab: "overview", href: "/analytics" },
  { tab: "clusters", href: "/analytics/clusters" },
  { tab: "basket", href: "/analytics/basket" },
  { tab: "cohorts", href: "/analytics/cohorts" },
  { tab: "stats", href: "/analytics/stats" },
];

export function AnalyticsShell({ tab, t, coverage, children }: {
  tab: AnalyticsTab; t: Translate;
  /** "tenant": a model of the whole tenant; "scope": counted within the viewer's data scope. */
  coverage?: "tenant" | "scope" | "mixed";
  children: ReactNode;
}) {
  return (
    <div className="space-y-4" data-testid={`analytics-${tab}`}>
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">{t(`insights.title.${tab}`)}</h1>
        <p className="mt-1 text-slate-700">{t(`insights.intro.${tab}`)}</p>
      </header>
      <nav aria-label={t("insights.tabs")} data-testid="analytics-tabs">
        <ul className="flex flex-wrap gap-1 border-b border-slate-300">
          {TABS.map((x) => (
            <li key={x.tab}>
              <Link
                href={x.href}
                aria-current={x.tab === tab ? "page" : undefined}
                className={`-mb-px block rounded-t border px-4 py-2 text-sm font-medium ${x.tab === tab ? "border-slate-300 border-b-white bg-white text-blue-800" : "border-transparent text-slate-700 hover:text-blue-800"}`}
              >
                {t(`insights.tab.${x.tab}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {coverage ? (
        <p className="rounded border border-slate-200 bg-slate-50 p-2 text-sm text-slate-800" data-testid="analytics-coverage">
          {t(`insights.coverage.${coverage}`)}
        </p>
      ) : null}
      {children}
    </div>
  );
}
