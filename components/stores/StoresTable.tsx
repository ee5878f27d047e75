import Link from "next/link";
import type { StoreRow } from "@/lib/stores/queries";
import { formatMoney, formatNumber } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";
import { storeLabel } from "@/components/stores/store-fields";

type Props = { rows: StoreRow[]; t: Translate; locale: string; currency: string };

export function StoresTable({ rows, t, locale, currency }: Props) {
  const showCustomers = rows.some((r) => r.customers !== null);
  const showRevenue = rows.some((r) => r.revenue !== null);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" data-testid="stores-table">
        <caption className="sr-only">{t("stores.caption")}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">{t("stores.field.name")}</th>
            <th scope="col" className="px-3 py-2">{t("stores.field.code")}</th>
            <th scope="col" className="px-3 py-2">{t("stores.field.kind")}</th>
            <th scope="col" className="px-3 py-2">{t("stores.col.region")}</th>
            <th scope="col" className="px-3 py-2">{t("stores.field.department")}</th>
            <th scope="col" className="px-3 py-2">{t("stores.field.city")}</th>
            {showCustomers ? <th scope="col" className="px-3 py-2 text-right">{t("stores.col.customers")}</th> : null}
            {showRevenue ? <th scope="col" className="px-3 py-2 text-right">{t("stores.col.revenue")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id} className="border-t border-slate-100" data-testid="store-row">
              <th scope="row" className="px-3 py-2 font-medium"><Link className="text-blue-700 underline" href={`/stores/${s.id}`}>{s.name}</Link></th>
              <td className="px-3 py-2 font-mono text-xs text-slate-800">{s.code}</td>
              <td className="px-3 py-2 text-slate-800">{storeLabel(t, s.kind)}</td>
              <td className="px-3 py-2 text-slate-800">{s.region?.name ?? ""}</td>
              <td className="px-3 py-2 text-slate-800">{s.department?.name ?? ""}</td>
              <td className="px-3 py-2 text-slate-800">{[s.province, s.city].filter(Boolean).join(" ")}</td>
              {showCustomers ? <td className="px-3 py-2 text-right text-slate-800">{s.customers === null ? "" : formatNumber(s.customers, locale)}</td> : null}
              {showRevenue ? <td className="px-3 py-2 text-right whitespace-nowrap text-slate-800" data-testid="store-revenue">{s.revenue === null ? "" : formatMoney(s.revenue, currency, locale)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
