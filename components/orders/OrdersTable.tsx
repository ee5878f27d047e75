import Link from "next/link";
import type { OrderListRow } from "@/lib/orders/queries";
import { formatDateTime, formatMoney } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";
import { channelLabel, statusLabel } from "@/components/orders/labels";

type Props = { rows: OrderListRow[]; t: Translate; locale: string; timeZone: string; currency: string; caption?: string };

export function OrdersTable({ rows, t, locale, timeZone, currency, caption }: Props) {
  const money = (v: string) => formatMoney(v, currency, locale);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" data-testid="orders-table">
        <caption className="sr-only">{caption ?? t("orders.caption")}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">{t("orders.col.orderNo")}</th>
            <th scope="col" className="px-3 py-2 whitespace-nowrap">{t("orders.col.orderedAt")}</th>
            <th scope="col" className="px-3 py-2">{t("orders.col.customer")}</th>
            <th scope="col" className="px-3 py-2">{t("orders.col.store")}</th>
            <th scope="col" className="px-3 py-2">{t("orders.col.channel")}</th>
            <th scope="col" className="px-3 py-2">{t("orders.col.status")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("orders.col.items")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("orders.col.amount")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("orders.col.paidAmount")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.id} className="border-t border-slate-100" data-testid="order-row">
              <th scope="row" className="px-3 py-2 font-mono font-medium">
                <Link className="text-blue-700 underline" href={`/orders/${o.id}`}>{o.orderNo}</Link>
              </th>
              <td className="px-3 py-2 whitespace-nowrap text-slate-800">{formatDateTime(o.orderedAt, locale, timeZone)}</td>
              <td className="px-3 py-2 text-slate-800"><Link className="text-blue-700 underline" href={`/customers/${o.customer.id}`}>{o.customer.name}</Link></td>
              <td className="px-3 py-2 text-slate-800">{o.store?.name ?? ""}</td>
              <td className="px-3 py-2 text-slate-800">{channelLabel(t, o.channel)}</td>
              <td className="px-3 py-2 text-slate-800"><span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{statusLabel(t, o.status)}</span></td>
              <td className="px-3 py-2 text-right text-slate-800">{o.items}</td>
              <td className="px-3 py-2 text-right whitespace-nowrap text-slate-800">{money(o.amount)}</td>
              <td className="px-3 py-2 text-right whitespace-nowrap text-slate-800">{money(o.paidAmount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
