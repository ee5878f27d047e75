// The product list's search, filters and sort: a plain GET form (bookmarkable, no script).
import Link from "next/link";
import { DEFAULT_PRODUCT_SORT, PRODUCT_SORTS, type ProductFilters as Filters, type ProductSortKey } from "@/lib/products/filters";
import type { Translate } from "@/lib/i18n/translate";

type Props = { filters: Filters; sort: ProductSortKey; facets: { categories: string[]; brands: string[] }; withSales: boolean; t: Translate };

const input = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
const label = "mb-1 block text-sm font-medium text-slate-800";

export function ProductFilters({ filters, sort, facets, withSales, t }: Props) {
  const sorts = PRODUCT_SORTS.filter((s) => withSales || (s !== "units_desc" && s !== "revenue_desc"));
  const pick = (id: string, name: keyof Filters, text: string, values: string[]) => (
    <div>
      <label htmlFor={id} className={label}>{text}</label>
      <select id={id} name={name} defaultValue={filters[name] ?? ""} className={input}>
        <option value="">{t("orders.filter.any")}</option>
        {[...new Set([...values, ...(filters[name] ? [filters[name]!] : [])])].map((v) => <option key={v} value={v}>{v}</option>)}
      </select>
    </div>
  );
  return (
    <form method="get" action="/products" role="search" aria-label={t("products.search.label")} className="mb-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="product-filters">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="sm:col-span-2">
          <label htmlFor="products-q" className={label}>{t("products.search.label")}</label>
          <input id="products-q" name="q" type="search" defaultValue={filters.q ?? ""} autoComplete="off" className={input} />
        </div>
        {pick("products-category", "category", t("products.field.category"), facets.categories)}
        {pick("products-brand", "brand", t("products.field.brand"), facets.brands)}
        <div>
          <label htmlFor="products-sort" className={label}>{t("products.sort.label")}</label>
          <select id="products-sort" name="sort" defaultValue={sort === DEFAULT_PRODUCT_SORT && withSales ? "" : sort} className={input}>
            {withSales ? <option value="">{t("products.sort.units_desc")}</option> : null}
            {sorts.filter((s) => s !== DEFAULT_PRODUCT_SORT).map((s) => <option key={s} value={s}>{t(`products.sort.${s}`)}</option>)}
          </select>
        </div>
      </div>
      <div className="mt-4 flex items-center gap-4">
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("orders.filter.apply")}</button>
        <Link href="/products" className="text-blue-700 underline">{t("orders.filter.clear")}</Link>
      </div>
    </form>
  );
}
