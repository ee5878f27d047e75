import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { getProduct } from "@/lib/products/queries";
import { formatDateTime, formatMoney, formatNumber } from "@/lib/format/display";
import { Card, Facts, NotAllowed } from "@/components/customers/Card";
import { statusLabel } from "@/components/orders/labels";

// Another tenant's product and a malformed id get the same 404.
export default definePage("product:read", async ({ ctx, params, searchParams }) => {
  const product = await getProduct(ctx, params.id ?? "");
  if (!product) notFound();
  const [t, locale] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale)]);
  const money = (v: string | null) => (v === null ? null : formatMoney(v, product.currency, locale));
  const s = product.sales;
  return (
    <div className="space-y-4">
      <Link href="/products" className="text-blue-700 underline">← {t("products.back")}</Link>
      {searchParams.saved === "1" ? <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900">{t("commerce.form.saved")}</p> : null}
      <header className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{product.name}</h1>
        {can(ctx, "product:manage") ? (
          <Link href={`/products/${product.id}/edit`} className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">{t("products.edit.button")}</Link>
        ) : null}
      </header>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card id="product-attributes" title={t("products.detail.attributes")}>
          <Facts items={[
            [t("products.field.sku"), <span key="sku" className="font-mono">{product.sku}</span>],
            [t("products.field.category"), product.category],
            [t("products.field.brand"), product.brand],
            [t("products.field.price"), money(product.price)],
            [t("products.detail.created"), formatDateTime(product.createdAt, locale, product.timeZone)],
            [t("products.detail.updated"), formatDateTime(product.updatedAt, locale, product.timeZone)],
          ]} />
        </Card>
        <Card id="product-sales" title={t("products.detail.sales")}>
          {!s ? <NotAllowed text={t("customers.section.notAllowed", { permission: "order:read" })} /> : (
            <>
              <Facts items={[
                [t("products.col.units"), formatNumber(s.units, locale)],
                [t("products.col.revenue"), money(s.revenue)],
                [t("products.col.buyers"), formatNumber(s.buyers, locale)],
                [t("products.detail.orders"), formatNumber(s.orders, locale)],
                [t("products.detail.repurchaseRate"), s.repurchaseRate === null ? null
                  : t("products.detail.repurchaseValue", {
                    rate: new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(s.repurchaseRate),
                    repeat: formatNumber(s.repeatBuyers, locale), buyers: formatNumber(s.buyers, locale),
                  })],
              ]} />
              <p className="mt-2 text-xs text-slate-700">{t("products.detail.salesNote")}</p>
            </>
          )}
        </Card>
      </div>
      {s ? (
        <Card id="product-recent-orders" title={t("products.detail.recentOrders")}>
          {product.recentOrders.length === 0 ? <p className="text-sm text-slate-700">{t("products.detail.noOrders")}</p> : (
            <div className="overflow-x-auto">
              <table className="min-w-full text-left text-sm" data-testid="product-orders-table">
                <caption className="sr-only">{t("products.detail.recentOrders")}</caption>
                <thead className="text-slate-700">
                  <tr>
                    <th scope="col" className="py-1 pr-3">{t("orders.col.orderNo")}</th>
                    <th scope="col" className="py-1 pr-3">{t("orders.col.orderedAt")}</th>
                    <th scope="col" className="py-1 pr-3">{t("orders.col.customer")}</th>
                    <th scope="col" className="py-1 pr-3">{t("orders.col.status")}</th>
                    <th scope="col" className="py-1 pr-3 text-right">{t("customers.orders.quantity")}</th>
                    <th scope="col" className="py-1 text-right">{t("customers.orders.amount")}</th>
                  </tr>
                </thead>
                <tbody>
                  {product.recentOrders.map((o) => (
                    <tr key={o.id} className="border-t border-slate-100" data-testid="product-order">
                      <th scope="row" className="py-1 pr-3 font-mono font-normal"><Link className="text-blue-700 underline" href={`/orders/${o.id}`}>{o.orderNo}</Link></th>
                      <td className="py-1 pr-3">{formatDateTime(o.orderedAt, locale, product.timeZone)}</td>
                      <td className="py-1 pr-3"><Link className="text-blue-700 underline" href={`/customers/${o.customer.id}`}>{o.customer.name}</Link></td>
                      <td className="py-1 pr-3">{statusLabel(t, o.status)}</td>
                      <td className="py-1 pr-3 text-right">{o.quantity}</td>
                      <td className="py-1 text-right">{money(o.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      ) : null}
    </div>
  );
});
