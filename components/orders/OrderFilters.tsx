// The order list's filters: a plain GET form, so a filtered list is a URL to
// bookmark or share, works without script and is keyboard-friendly (native
// controls, every one labelled). Submitting starts again at the first page.
import Link from "next/link";
import { KNOWN_CHANNELS } from "@/lib/customers/channels";
import type { OrderFilters as Filters } from "@/lib/orders/filters";
import type { OrderFilterOptions } from "@/lib/orders/queries";
import { DEFAULT_ORDER_SORT, ORDER_SORTS, type OrderSortKey } from "@/lib/orders/sort";
import { ORDER_STATUSES, PAYMENT_STATES } from "@/lib/orders/statuses";
import type { Translate } from "@/lib/i18n/translate";
import { channelLabel, statusLabel } from "@/components/orders/labels";

type Props = { filters: Filters; sort: OrderSortKey; options: OrderFilterOptions; t: Translate };

const input = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
const label = "mb-1 block text-sm font-medium text-slate-800";

function Select({ id, name, labelText, value, anyText, options }: {
  id: string; name: string; labelText: string; value: string | undefined; anyText: string; options: { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={id} className={label}>{labelText}</label>
      <select id={id} name={name} defaultValue={value ?? ""} className={input}>
        <option value="">{anyText}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

export function OrderFilters({ filters, sort, options, t }: Props) {
  const channels = [...new Set([...KNOWN_CHANNELS, ...(filters.channel ? [filters.channel] : [])])];
  const statuses = [...new Set<string>([...ORDER_STATUSES, ...(filters.status ? [filters.status] : [])])];
  return (
    <form method="get" action="/orders" role="search" aria-label={t("orders.search.label")} className="mb-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="order-filters">
      <div className="mb-4">
        <label htmlFor="orders-q" className={label}>{t("orders.search.label")}</label>
        <input id="orders-q" name="q" type="search" defaultValue={filters.q ?? ""} autoComplete="off" aria-describedby="orders-q-help" className={`${input} max-w-xl`} />
        <p id="orders-q-help" className="mt-1 text-xs text-slate-700">{t("orders.search.help")}</p>
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("orders.filters")}</legend>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <label htmlFor="orders-from" className={label}>{t("orders.filter.from")}</label>
            <input id="orders-from" name="from" type="date" defaultValue={filters.from ?? ""} className={input} />
          </div>
          <div>
            <label htmlFor="orders-to" className={label}>{t("orders.filter.to")}</label>
            <input id="orders-to" name="to" type="date" defaultValue={filters.to ?? ""} className={input} />
          </div>
          <Select id="orders-store" name="storeId" labelText={t("orders.filter.store")} value={filters.storeId} anyText={t("orders.filter.any")}
            options={options.stores.map((s) => ({ value: s.id, label: s.name }))} />
          <Select id="orders-channel" name="channel" labelText={t("orders.filter.channel")} value={filters.channel} anyText={t("orders.filter.any")}
            options={channels.map((c) => ({ value: c, label: channelLabel(t, c) }))} />
          <Select id="orders-status" name="status" labelText={t("orders.filter.status")} value={filters.status} anyText={t("orders.filter.any")}
            options={statuses.map((s) => ({ value: s, label: statusLabel(t, s) }))} />
          <Select id="orders-payment" name="payment" labelText={t("orders.filter.payment")} value={filters.payment} anyText={t("orders.filter.any")}
            options={PAYMENT_STATES.map((p) => ({ value: p, label: t(`orders.payment.${p}`) }))} />
          <Select id="orders-sort" name="sort" labelText={t("orders.sort.label")} value={sort === DEFAULT_ORDER_SORT ? undefined : sort} anyText={t("orders.sort.ordered_desc")}
            options={ORDER_SORTS.filter((s) => s !== DEFAULT_ORDER_SORT).map((s) => ({ value: s, label: t(`orders.sort.${s}`) }))} />
        </div>
      </fieldset>
      <div className="mt-4 flex items-center gap-4">
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("orders.filter.apply")}</button>
        <Link href="/orders" className="text-blue-700 underline">{t("orders.filter.clear")}</Link>
      </div>
    </form>
  );
}
