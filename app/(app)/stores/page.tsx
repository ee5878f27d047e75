import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { listStores, MAX_STORES } from "@/lib/stores/queries";
import { formatNumber } from "@/lib/format/display";
import { EmptyState } from "@/components/EmptyState";
import { StoresTable } from "@/components/stores/StoresTable";

export default definePage("product:read", async ({ ctx, searchParams }) => {
  const raw = typeof searchParams.q === "string" ? searchParams.q.trim().slice(0, 100) : "";
  const [t, locale, page] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale), listStores(ctx, raw || null)]);
  return (
    <>
      <div className="mb-1 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("stores.title")}</h1>
        {can(ctx, "product:manage") ? (
          <Link href="/stores/new" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800" data-testid="new-store">{t("stores.new.button")}</Link>
        ) : null}
      </div>
      <p className="mb-6 text-slate-700">{t("stores.intro")}</p>
      <form method="get" action="/stores" role="search" aria-label={t("stores.search.label")} className="mb-6 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-4">
        <div className="max-w-xl flex-1">
          <label htmlFor="stores-q" className="mb-1 block text-sm font-medium text-slate-800">{t("stores.search.label")}</label>
          <input id="stores-q" name="q" type="search" defaultValue={raw} autoComplete="off" className="w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900" />
        </div>
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("orders.filter.apply")}</button>
      </form>
      <p role="status" className="mb-3 font-medium text-slate-900" data-testid="stores-count">
        {t(page.truncated ? "stores.countTruncated" : "stores.count", { count: formatNumber(page.truncated ? MAX_STORES : page.rows.length, locale) })}
      </p>
      {page.rows.length === 0 ? (
        <EmptyState title={raw ? t("stores.empty.filteredTitle") : t("stores.empty.title")} body={raw ? t("orders.empty.filteredBody") : t("stores.empty.body")} />
      ) : (
        <StoresTable rows={page.rows} t={t} locale={locale} currency={page.currency} />
      )}
      <p className="mt-3 text-xs text-slate-700">{t("stores.figuresNote")}</p>
    </>
  );
});
