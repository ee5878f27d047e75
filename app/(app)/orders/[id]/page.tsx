import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { getOrder } from "@/lib/orders/detail";
import { formatDateTime, formatMoney } from "@/lib/format/display";
import { nextSteps } from "@/lib/orders/status-update";
import { Card, Facts } from "@/components/customers/Card";
import { channelLabel, statusLabel } from "@/components/orders/labels";
import { OrderStatusForm } from "@/components/orders/OrderStatusForm";

// Another tenant's order, one outside the caller's data scope and a malformed id
// all get the same 404.
export default definePage("order:read", async ({ ctx, params }) => {
  const order = await getOrder(ctx, params.id ?? "");
  if (!order) notFound();
  const [t, locale] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale)]);
  const money = (v: string) => formatMoney(v, order.currency, locale);
  const when = (d: Date | null) => formatDateTime(d, locale, order.timeZone);
  const mayOpenCatalog = can(ctx, "product:read");
  const steps = can(ctx, "order:update") ? nextSteps(order.status) : [];
  return (
    <div className="space-y-4">
      <Link href="/orders" className="text-blue-700 underline">← {t("orders.back")}</Link>
      <header className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("orders.detail.title", { orderNo: order.orderNo })}</h1>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-sm" data-testid="order-status">{statusLabel(t, order.status)}</span>
      </header>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card id="order-summary" title={t("orders.detail.summary")} className="lg:col-span-2">
          <Facts items={[
            [t("orders.col.customer"), <Link key="c" className="text-blue-700 underline" href={`/customers/${order.customer.id}`}>{order.customer.name}</Link>],
            [t("orders.col.store"), order.store
              ? (mayOpenCatalog ? <Link key="s" className="text-blue-700 underline" href={`/stores/${order.store.id}`}>{order.store.name}</Link> : order.store.name)
              : null],
            [t("orders.col.channel"), channelLabel(t, order.channel)],
            [t("orders.col.status"), statusLabel(t, order.status)],
            [t("orders.col.orderedAt"), when(order.events[0]!.at)],
            [t("orders.col.amount"), money(order.amount)],
            [t("orders.detail.discount"), money(order.discount)],
            [t("orders.col.paidAmount"), money(order.paidAmount)],
            ...(order.campaign ? [[t("orders.detail.campaign"), order.campaign.name] as [string, string]] : []),
          ]} />
        </Card>
        <Card id="order-timeline" title={t("orders.detail.timeline")}>
          <ol className="space-y-2 text-sm">
            {order.events.map((e) => (
              <li key={e.event} className="flex justify-between gap-3" data-testid="order-event" data-reached={e.at ? "yes" : "no"}>
                <span className={e.at ? "font-medium text-slate-900" : "text-slate-700"}>{t(`orders.event.${e.event}`)}</span>
                <span className="text-slate-800">{e.at ? when(e.at) : t("orders.event.notYet")}</span>
              </li>
            ))}
          </ol>
          {steps.length ? (
            <div className="mt-4 border-t border-slate-100 pt-3">
              <OrderStatusForm orderId={order.id} status={order.status} steps={steps.map((s) => ({ value: s, label: t(`orders.step.${s}`) }))}
                text={{ title: t("orders.step.title"), working: t("orders.step.working") }} />
            </div>
          ) : null}
        </Card>
      </div>
      <Card id="order-items" title={t("orders.detail.items")}>
        {order.items.length === 0 ? <p className="text-sm text-slate-700">{t("orders.detail.noItems")}</p> : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm" data-testid="order-items-table">
              <caption className="sr-only">{t("customers.orders.itemsOf", { orderNo: order.orderNo })}</caption>
              <thead className="text-slate-700">
                <tr>
                  <th scope="col" className="py-1 pr-3">{t("customers.orders.product")}</th>
                  <th scope="col" className="py-1 pr-3">{t("products.col.sku")}</th>
                  <th scope="col" className="py-1 pr-3 text-right">{t("customers.orders.quantity")}</th>
                  <th scope="col" className="py-1 pr-3 text-right">{t("customers.orders.unitPrice")}</th>
                  <th scope="col" className="py-1 text-right">{t("customers.orders.amount")}</th>
                </tr>
              </thead>
              <tbody>
                {order.items.map((it) => (
                  <tr key={it.id} className="border-t border-slate-100" data-testid="order-item">
                    <th scope="row" className="py-1 pr-3 font-normal">
                      {mayOpenCatalog ? <Link className="text-blue-700 underline" href={`/products/${it.product.id}`}>{it.product.name}</Link> : it.product.name}
                    </th>
                    <td className="py-1 pr-3 font-mono text-xs">{it.product.sku}</td>
                    <td className="py-1 pr-3 text-right">{it.quantity}</td>
                    <td className="py-1 pr-3 text-right">{money(it.unitPrice)}</td>
                    <td className="py-1 text-right">{money(it.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
});
