import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { ORDER_FILTER_NAMES, hasOrderFilters, orderListHref, parseOrderListRequest } from "@/lib/orders/filters";
import { listOrders, orderFilterOptions } from "@/lib/orders/queries";
import { formatNumber } from "@/lib/format/display";
import { formatPhone } from "@/lib/format/phone";
import { EmptyState } from "@/components/EmptyState";
import { OrderFilters } from "@/components/orders/OrderFilters";
import { OrdersTable } from "@/components/orders/OrdersTable";

export default definePage("order:read", async ({ ctx, searchParams }) => {
  const { request, invalid } = parseOrderListRequest(searchParams);
  const [t, locale, page, options] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale), listOrders(ctx, request), orderFilterOptions(ctx)]);
  const { filters, sort } = request;
  const filtered = hasOrderFilters(filters);
  const s = page.search;
  const searchText = !s ? null
    : s.kind === "phone" ? t("customers.search.asPhone", { phone: formatPhone(s.e164) })
      : s.kind === "phoneTail" ? t("customers.search.asPhoneTail", { digits: s.digits })
        : s.kind === "email" ? t("customers.search.asEmail", { email: s.email })
          : t("customers.search.asName", { prefix: s.raw });
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">{t("orders.title")}</h1>
      <p className="mb-6 text-slate-700">{t("orders.intro")}</p>
      {invalid.length ? (
        <p role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("orders.filter.invalid", { fields: ORDER_FILTER_NAMES.filter((f) => invalid.includes(f)).map((f) => t(`orders.field.${f}`)).join(t("customers.listSeparator")) })}
        </p>
      ) : null}
      <OrderFilters filters={filters} sort={sort} options={options} t={t} />
      <div className="mb-3 space-y-1">
        <p role="status" className="font-medium text-slate-900" data-testid="orders-count">
          {page.count.exact
            ? t("orders.count.exact", { count: formatNumber(page.count.value, locale) })
            : t("orders.count.atLeast", { count: formatNumber(page.count.atLeast, locale) })}
        </p>
        {searchText ? <p className="text-sm text-slate-700">{searchText} {t("customers.search.alsoIds")}</p> : null}
      </div>
      {page.rows.length === 0 ? (
        <EmptyState
          title={filtered ? t("orders.empty.filteredTitle") : t("orders.empty.title")}
          body={filtered ? t("orders.empty.filteredBody") : request.page ? t("orders.empty.pageBody") : t("orders.empty.body")}
        />
      ) : (
        <OrdersTable rows={page.rows} t={t} locale={locale} timeZone={page.timeZone} currency={page.currency} />
      )}
      <nav aria-label={t("orders.pagination")} className="mt-4 flex flex-wrap gap-6" data-testid="orders-pagination">
        {request.page ? <Link className="text-blue-700 underline" href={orderListHref(filters, sort)}>{t("orders.firstPage")}</Link> : null}
        {page.prevCursor ? (
          <Link className="text-blue-700 underline" rel="prev" href={orderListHref(filters, sort, { before: page.prevCursor })}>← {t("orders.previous")}</Link>
        ) : null}
        {page.nextCursor ? (
          <Link className="text-blue-700 underline" rel="next" href={orderListHref(filters, sort, { after: page.nextCursor })}>{t("orders.next")} →</Link>
        ) : null}
      </nav>
    </>
  );
});
