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
import { FilterInput, FilterSelect, filterInputClass, filterLabelClass } from "@/components/FilterFields";

type Props = { filters: Filters; sort: OrderSortKey; options: OrderFilterOptions; t: Translate };

const input = filterInputClass();
const label = filterLabelClass;


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
          <FilterInput id="orders-from" name="from" type="date" label={t("orders.filter.from")} value={filters.from} />
          <FilterInput id="orders-to" name="to" type="date" label={t("orders.filter.to")} value={filters.to} />
          <FilterSelect id="orders-store" name="storeId" label={t("orders.filter.store")} value={filters.storeId} anyText={t("orders.filter.any")}
            options={options.stores.map((s) => ({ value: s.id, label: s.name }))} />
          <FilterSelect id="orders-channel" name="channel" label={t("orders.filter.channel")} value={filters.channel} anyText={t("orders.filter.any")}
            options={channels.map((c) => ({ value: c, label: channelLabel(t, c) }))} />
          <FilterSelect id="orders-status" name="status" label={t("orders.filter.status")} value={filters.status} anyText={t("orders.filter.any")}
            options={statuses.map((s) => ({ value: s, label: statusLabel(t, s) }))} />
          <FilterSelect id="orders-payment" name="payment" label={t("orders.filter.payment")} value={filters.payment} anyText={t("orders.filter.any")}
            options={PAYMENT_STATES.map((p) => ({ value: p, label: t(`orders.payment.${p}`) }))} />
          <FilterSelect id="orders-sort" name="sort" label={t("orders.sort.label")} value={sort === DEFAULT_ORDER_SORT ? undefined : sort} anyText={t("orders.sort.ordered_desc")}
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
