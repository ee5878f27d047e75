import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { PRODUCT_FILTER_NAMES, parseProductListRequest, productListHref } from "@/lib/products/filters";
import { listProducts, productFacets } from "@/lib/products/queries";
import { formatNumber } from "@/lib/format/display";
import { EmptyState } from "@/components/EmptyState";
import { ProductFilters } from "@/components/products/ProductFilters";
import { ProductsTable } from "@/components/products/ProductsTable";

export default definePage("product:read", async ({ ctx, searchParams }) => {
  const { request, invalid } = parseProductListRequest(searchParams);
  const [t, locale, page, facets] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale), listProducts(ctx, request), productFacets(ctx)]);
  const { filters, sort } = request;
  const filtered = PRODUCT_FILTER_NAMES.some((n) => filters[n]);
  return (
    <>
      <div className="mb-1 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("products.title")}</h1>
        {can(ctx, "product:manage") ? (
          <Link href="/products/new" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800" data-testid="new-product">
            {t("products.new.button")}
          </Link>
        ) : null}
      </div>
      <p className="mb-6 text-slate-700">{page.withSales ? t("products.intro") : t("products.introNoSales")}</p>
      {invalid.length ? (
        <p role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("orders.filter.invalid", { fields: invalid.map((f) => t(`products.field.${f}`)).join(t("customers.listSeparator")) })}
        </p>
      ) : null}
      <ProductFilters filters={filters} sort={sort} facets={facets} withSales={page.withSales} t={t} />
      <p role="status" className="mb-3 font-medium text-slate-900" data-testid="products-count">
        {t("products.count", { count: formatNumber(page.total, locale) })}
      </p>
      {page.rows.length === 0 ? (
        <EmptyState title={filtered ? t("products.empty.filteredTitle") : t("products.empty.title")}
          body={filtered ? t("orders.empty.filteredBody") : t("products.empty.body")} />
      ) : (
        <ProductsTable rows={page.rows} withSales={page.withSales} t={t} locale={locale} currency={page.currency} />
      )}
      {page.pageCount > 1 ? (
        <nav aria-label={t("products.pagination")} className="mt-4 flex flex-wrap items-center gap-6" data-testid="products-pagination">
          {page.page > 1 ? <Link className="text-blue-700 underline" rel="prev" href={productListHref(filters, sort, page.page - 1)}>← {t("orders.previous")}</Link> : null}
          <span className="text-slate-700">{t("products.pageOf", { page: page.page, pages: page.pageCount })}</span>
          {page.page < page.pageCount ? <Link className="text-blue-700 underline" rel="next" href={productListHref(filters, sort, page.page + 1)}>{t("orders.next")} →</Link> : null}
        </nav>
      ) : null}
    </>
  );
});
