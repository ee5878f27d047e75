import Link from "next/link";
import type { Customer360 } from "@/lib/customers/detail";
import { formatDateTime, formatMoney, formatNumber } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";
import { Card, NotAllowed } from "@/components/customers/Card";
import { channelLabel } from "@/components/customers/CustomersTable";

export function OrdersCard({ customer, t, locale }: { customer: Customer360; t: Translate; locale: string }) {
  const o = customer.orders;
  const money = (v: string) => formatMoney(v, customer.currency, locale);
  return (
    <Card id="customer-orders" title={t("customers.orders")}>
      {!o.allowed ? (
        <NotAllowed text={t("customers.section.notAllowed", { permission: "order:read" })} />
      ) : o.data.latest.length === 0 ? (
        <p className="text-sm text-slate-700">{t("customers.orders.none")}</p>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-700">
            {t("customers.orders.showing", { shown: o.data.latest.length, total: formatNumber(o.data.total, locale) })}
          </p>
          <ul className="space-y-3">
            {o.data.latest.map((order) => (
              <li key={order.id} className="rounded border border-slate-200 p-3" data-testid="customer-order">
                <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
                  <Link href={`/orders/${order.id}`} className="font-mono font-medium text-blue-700 underline">{order.orderNo}</Link>
                  <span>{formatDateTime(order.orderedAt, locale, customer.timeZone)}</span>
                  <span>{channelLabel(t, order.channel)}</span>
                  <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{t(`customers.orderStatus.${order.status}`)}</span>
                  <span className="ml-auto font-medium">{t("customers.orders.paid", { amount: money(order.paidAmount) })}</span>
                </div>
                {order.items.length ? (
                  <table className="mt-2 min-w-full text-left text-sm">
                    <caption className="sr-only">{t("customers.orders.itemsOf", { orderNo: order.orderNo })}</caption>
                    <thead className="text-slate-700">
                      <tr>
                        <th scope="col" className="py-1 pr-3">{t("customers.orders.product")}</th>
                        <th scope="col" className="py-1 pr-3 text-right">{t("customers.orders.quantity")}</th>
                        <th scope="col" className="py-1 pr-3 text-right">{t("customers.orders.unitPrice")}</th>
                        <th scope="col" className="py-1 text-right">{t("customers.orders.amount")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {order.items.map((it) => (
                        <tr key={it.id} className="border-t border-slate-100">
                          <td className="py-1 pr-3">{it.productName} <span className="text-xs text-slate-600">{it.sku}</span></td>
                          <td className="py-1 pr-3 text-right">{it.quantity}</td>
                          <td className="py-1 pr-3 text-right">{money(it.unitPrice)}</td>
                          <td className="py-1 text-right">{money(it.amount)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
