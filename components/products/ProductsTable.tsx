import Link from "next/link";
import type { ProductListRow } from "@/lib/products/queries";
import { formatMoney, formatNumber } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";

type Props = { rows: ProductListRow[]; withSales: boolean; t: Translate; locale: string; currency: string };

export function ProductsTable({ rows, withSales, t, locale, currency }: Props) {
  const money = (v: string | null) => (v === null ? "" : formatMoney(v, currency, locale));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" data-testid="products-table">
        <caption className="sr-only">{t("products.caption")}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">{t("products.col.name")}</th>
            <th scope="col" className="px-3 py-2">{t("products.col.sku")}</th>
            <th scope="col" className="px-3 py-2">{t("products.col.category")}</th>
            <th scope="col" className="px-3 py-2">{t("products.col.brand")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("products.col.price")}</th>
            {withSales ? (
              <>
                <th scope="col" className="px-3 py-2 text-right">{t("products.col.units")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("products.col.revenue")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("products.col.buyers")}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id} className="border-t border-slate-100" data-testid="product-row">
              <th scope="row" className="px-3 py-2 font-medium"><Link className="text-blue-700 underline" href={`/products/${p.id}`}>{p.name}</Link></th>
              <td className="px-3 py-2 font-mono text-xs text-slate-800">{p.sku}</td>
              <td className="px-3 py-2 text-slate-800">{p.category ?? ""}</td>
              <td className="px-3 py-2 text-slate-800">{p.brand ?? ""}</td>
              <td className="px-3 py-2 text-right whitespace-nowrap text-slate-800">{money(p.price)}</td>
              {p.sales ? (
                <>
                  <td className="px-3 py-2 text-right text-slate-800" data-testid="product-units">{formatNumber(p.sales.units, locale)}</td>
                  <td className="px-3 py-2 text-right whitespace-nowrap text-slate-800">{money(p.sales.revenue)}</td>
                  <td className="px-3 py-2 text-right text-slate-800">{formatNumber(p.sales.buyers, locale)}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
