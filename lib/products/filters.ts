// The product list's filters and sort, from the URL (a plain GET form). A bad value
// is dropped and reported; the others still apply. The catalog is small next to
// orders (hundreds to a few thousand SKUs), so pages are numbered.
import { z } from "zod";

export const PRODUCT_SORTS = ["units_desc", "revenue_desc", "name_asc", "sku_asc", "price_desc", "price_asc", "created_desc"] as const;
export type ProductSortKey = (typeof PRODUCT_SORTS)[number];
export const DEFAULT_PRODUCT_SORT: ProductSortKey = "units_desc";
export const MAX_PRODUCT_PAGE = 1000;

export type ProductFilters = { q?: string; category?: string; brand?: string };
export type ProductListRequest = { filters: ProductFilters; sort: ProductSortKey; page: number };

const text = (max: number) => z.string().trim().min(1).max(max);
export const PRODUCT_FILTER_FIELDS = { q: text(100), category: text(100), brand: text(100) } as const;
export type ProductFilterField = keyof typeof PRODUCT_FILTER_FIELDS;
export const PRODUCT_FILTER_NAMES = Object.keys(PRODUCT_FILTER_FIELDS) as ProductFilterField[];

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function isProductSortKey(v: unknown): v is ProductSortKey {
  return typeof v === "string" && (PRODUCT_SORTS as readonly string[]).includes(v);
}

export function parseProductListRequest(params: SearchParams): { request: ProductListRequest; invalid: ProductFilterField[] } {
  const filters: ProductFilters = {};
  const invalid: ProductFilterField[] = [];
  for (const name of PRODUCT_FILTER_NAMES) {
    const value = first(params[name]);
    if (value === undefined || value.trim() === "") continue;
    const parsed = PRODUCT_FILTER_FIELDS[name].safeParse(value);
    if (parsed.success) filters[name] = parsed.data;
    else invalid.push(name);
  }
  const sortParam = first(params.sort);
  const pageParam = Number(first(params.page));
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= MAX_PRODUCT_PAGE ? pageParam : 1;
  return { request: { filters, sort: isProductSortKey(sortParam) ? sortParam : DEFAULT_PRODUCT_SORT, page }, invalid };
}

export function productListHref(filters: ProductFilters, sort: ProductSortKey, page = 1): string {
  const q = new URLSearchParams();
  for (const name of PRODUCT_FILTER_NAMES) if (filters[name]) q.set(name, filters[name]!);
  if (sort !== DEFAULT_PRODUCT_SORT) q.set("sort", sort);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `/products?${s}` : "/products";
}
