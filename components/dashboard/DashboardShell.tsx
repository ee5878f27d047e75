// The frame of every dashboard: title, the tabs between dashboards (links that keep
// the filters), when the figures were computed ("data as of"), and notes about
// filters that were dropped or a scope that covers no store.
import Link from "next/link";
import type { ReactNode } from "react";
import type { DashboardBase } from "@/lib/dashboard/base";
import { filterQuery } from "@/lib/dashboard/filters";
import type { Translate } from "@/lib/i18n/translate";

export type DashboardTab = "overview" | "sales" | "products" | "customers" | "members" | "interactions" | "bigScreen";
const TABS: { tab: DashboardTab; href: string }[] = [
  { tab: "overview", href: "/dashboard" },
  { tab: "sales", href: "/dashboard/sales" },
  { tab: "products", href: "/dashboard/products" },
  { tab: "customers", href: "/dashboard/customers" },
  { tab: "members", href: "/dashboard/members" },
  { tab: "interactions", href: "/dashboard/interactions" },
  { tab: "bigScreen", href: "/dashboard/big-screen" },
];

function formatInstant(d: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
}

export function DashboardShell({ tab, title, base, t, locale, children }: {
  tab: DashboardTab; title: string; base: DashboardBase; t: Translate; locale: string; children: ReactNode;
}) {
  const query = filterQuery(base.filters, {}, ["from", "to", "grain", "compare", "storeId", "channel"]);
  const noStores = base.stores !== null && base.stores.length === 0 && !base.filters.storeId;
  return (
    <div className="space-y-4" data-testid={`dashboard-${tab}`}>
      <header className="flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        <p className="text-sm text-slate-700" data-testid="data-as-of">
          {base.status.computed
            ? <>
                {t("dashboard.asOf", { time: formatInstant(base.status.refreshedAt, locale, base.timeZone), zone: base.timeZone })}
                {base.status.dataTo ? <> · {t("dashboard.ordersUpTo", { day: base.status.dataTo })}</> : null}
              </>
            : t("dashboard.notComputed.title")}
        </p>
      </header>
      <nav aria-label={t("dashboard.tabs")} data-testid="dashboard-tabs">
        <ul className="flex flex-wrap gap-1 border-b border-slate-300">
          {TABS.map((x) => (
            <li key={x.tab}>
              <Link
                href={`${x.href}${query}`}
                aria-current={x.tab === tab ? "page" : undefined}
                className={`-mb-px block rounded-t border px-4 py-2 text-sm font-medium ${x.tab === tab ? "border-slate-300 border-b-white bg-white text-blue-800" : "border-transparent text-slate-700 hover:text-blue-800"}`}
              >
                {t(`dashboard.tab.${x.tab}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {base.invalid.length ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" data-testid="filters-invalid">
          {t("dashboard.filter.invalid", { names: [...new Set(base.invalid)].map((n) => t(`dashboard.filter.${n === "storeId" ? "store" : n}`)).join(", ") })}
        </p>
      ) : null}
      {noStores && tab !== "customers" && tab !== "interactions" ? (
        <p className="rounded border border-slate-300 bg-slate-50 p-2 text-sm text-slate-800" data-testid="no-store-scope">{t("dashboard.noScope")}</p>
      ) : null}
      {children}
    </div>
  );
}
