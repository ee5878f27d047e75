import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { getStore } from "@/lib/stores/queries";
import { formatCalendarDate, formatDateTime, formatMoney, formatNumber } from "@/lib/format/display";
import { Card, Facts } from "@/components/customers/Card";
import { storeLabel } from "@/components/stores/store-fields";

// Another tenant's store and a malformed id get the same 404.
export default definePage("product:read", async ({ ctx, params, searchParams }) => {
  const store = await getStore(ctx, params.id ?? "");
  if (!store) notFound();
  const [t, locale] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale)]);
  return (
    <div className="space-y-4">
      <Link href="/stores" className="text-blue-700 underline">← {t("stores.back")}</Link>
      {searchParams.saved === "1" ? <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900">{t("commerce.form.saved")}</p> : null}
      <header className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{store.name}</h1>
        {can(ctx, "product:manage") ? (
          <Link href={`/stores/${store.id}/edit`} className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">{t("stores.edit.button")}</Link>
        ) : null}
      </header>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card id="store-attributes" title={t("stores.detail.attributes")}>
          <Facts items={[
            [t("stores.field.code"), <span key="code" className="font-mono">{store.code}</span>],
            [t("stores.field.kind"), storeLabel(t, store.kind)],
            [t("stores.col.region"), store.region?.name],
            [t("stores.field.department"), store.department?.name],
            [t("stores.field.province"), store.province],
            [t("stores.field.city"), store.city],
            [t("stores.field.district"), store.district],
            [t("stores.field.openedAt"), store.openedAt ? formatCalendarDate(store.openedAt, locale) : null],
            [t("stores.detail.created"), formatDateTime(store.createdAt, locale, store.timeZone)],
          ]} />
        </Card>
        <Card id="store-figures" title={t("stores.detail.figures")}>
          <Facts items={[
            [t("stores.col.customers"), store.customers === null ? t("customers.section.notAllowed", { permission: "customer:read" }) : formatNumber(store.customers, locale)],
            [t("stores.col.revenue"), store.revenue === null ? t("customers.section.notAllowed", { permission: "order:read" }) : formatMoney(store.revenue, store.currency, locale)],
            [t("stores.detail.orders"), store.orders === null ? null : formatNumber(store.orders, locale)],
          ]} />
          {store.revenue === null ? null : (
            <p className="mt-3 text-sm">
              <Link className="text-blue-700 underline" href={`/orders?storeId=${store.id}`} data-testid="store-orders-link">{t("stores.detail.ordersLink")}</Link>
            </p>
          )}
          <p className="mt-2 text-xs text-slate-700">{t("stores.figuresNote")}</p>
        </Card>
      </div>
    </div>
  );
});
