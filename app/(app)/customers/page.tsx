import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { FILTER_NAMES, hasFilters, listHref, parseListRequest } from "@/lib/customers/filters";
import { customerFilterOptions, listCustomers } from "@/lib/customers/queries";
import { EmptyState } from "@/components/EmptyState";
import { CustomerFilters } from "@/components/customers/CustomerFilters";
import { CustomersTable } from "@/components/customers/CustomersTable";
import { ListSummary } from "@/components/customers/ListSummary";
import { ExportPanel } from "@/components/exports/ExportPanel";
import { can } from "@/lib/auth/context";
import { exportPanelProps } from "@/lib/exports/panel-props";
import { DeletedNotice } from "@/components/customers/DeletedNotice";
import { SavedViews } from "@/components/customers/SavedViews";
import { listSavedViews } from "@/lib/customers/saved-views";
import { DEFAULT_SORT } from "@/lib/customers/sort";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default definePage("customer:read", async ({ ctx, searchParams }) => {
  const { request, invalid } = parseListRequest(searchParams);
  const [t, locale, page, options, views] = await Promise.all([
    getT(ctx.locale), getLocale(ctx.locale), listCustomers(ctx, request), customerFilterOptions(ctx), listSavedViews(ctx),
  ]);
  const { filters, sort } = request;
  const href = listHref(filters, sort);
  const filtered = hasFilters(filters);
  const exportPanel = can(ctx, "customer:export") ? await exportPanelProps(ctx, t, filters) : null;
  return (
    <>
      <div className="mb-1 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("customers.title")}</h1>
        <div className="flex flex-wrap gap-2">
          {can(ctx, "import:run") && can(ctx, "customer:import") ? (
            <Link href="/imports/new" className="rounded border border-blue-700 px-4 py-2 font-medium text-blue-800 hover:bg-blue-50" data-testid="import-customers">
              {t("customers.importButton")}
            </Link>
          ) : null}
          {can(ctx, "customer:create") ? (
            <Link href="/customers/new" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800" data-testid="new-customer">
              {t("customers.new.button")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="mb-6 text-slate-700">{t("customers.intro")}</p>
      {typeof searchParams.deleted === "string" && UUID.test(searchParams.deleted) ? (
        <DeletedNotice customerId={searchParams.deleted} mayRestore={can(ctx, "customer:delete")}
          text={{ done: t("customers.delete.done"), undo: t("customers.delete.undo"), restoring: t("customers.delete.restoring") }} />
      ) : null}
      {invalid.length ? (
        <p role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("customers.filter.invalid", { fields: FILTER_NAMES.filter((f) => invalid.includes(f)).map((f) => t(`customers.field.${f}`)).join(t("customers.listSeparator")) })}
        </p>
      ) : null}
      <SavedViews
        views={views} query={href.includes("?") ? href.slice(href.indexOf("?") + 1) : ""} canSave={filtered || sort !== DEFAULT_SORT}
        text={{
          title: t("customers.views.title"), none: t("customers.views.none"), name: t("customers.views.name"), save: t("customers.views.save"),
          saved: t("customers.views.saved"), delete: t("customers.views.delete"),
        }}
      />
      <CustomerFilters filters={filters} sort={sort} options={options} t={t} />
      {exportPanel ? <div className="mb-4"><ExportPanel {...exportPanel} /></div> : null}
      <ListSummary page={page} request={request} t={t} locale={locale} />
      {page.rows.length === 0 ? (
        <EmptyState
          title={filtered ? t("customers.empty.filteredTitle") : t("customers.empty.title")}
          body={filtered ? t("customers.empty.filteredBody") : request.page ? t("customers.empty.pageBody") : t("customers.empty.body")}
        />
      ) : (
        <CustomersTable rows={page.rows} t={t} locale={locale} timeZone={page.timeZone} />
      )}
      <nav aria-label={t("customers.pagination")} className="mt-4 flex flex-wrap gap-6" data-testid="customers-pagination">
        {request.page ? <Link className="text-blue-700 underline" href={listHref(filters, sort)}>{t("customers.firstPage")}</Link> : null}
        {page.prevCursor ? (
          <Link className="text-blue-700 underline" rel="prev" href={listHref(filters, sort, { before: page.prevCursor })}>← {t("customers.previous")}</Link>
        ) : null}
        {page.nextCursor ? (
          <Link className="text-blue-700 underline" rel="next" href={listHref(filters, sort, { after: page.nextCursor })}>{t("customers.next")} →</Link>
        ) : null}
      </nav>
    </>
  );
});
