// The list's search and filters: a plain GET form, so a filtered list is a URL to
// bookmark or share, works without script, and is keyboard-only friendly (native
// controls, every one labelled). Submitting starts again at the first page.
import Link from "next/link";
import type { CustomerFilterOptions } from "@/lib/customers/queries";
import type { CustomerFilters as Filters } from "@/lib/customers/filters";
import { KNOWN_CHANNELS, channelLabelKey } from "@/lib/customers/channels";
import { CHURN_LEVELS } from "@/lib/customers/filters";
import { DEFAULT_SORT, SORTS, type SortKey } from "@/lib/customers/sort";
import { RFM_SEGMENTS } from "@/lib/analytics/rfm/segments";
import type { Translate } from "@/lib/i18n/translate";
import { FilterInput, FilterSelect, filterInputClass, filterLabelClass } from "@/components/FilterFields";

type Props = { filters: Filters; sort: SortKey; options: CustomerFilterOptions; t: Translate };

const input = filterInputClass();
const label = filterLabelClass;


export function CustomerFilters({ filters, sort, options, t }: Props) {
  const channels = [...new Set([...KNOWN_CHANNELS, ...(filters.channel ? [filters.channel] : [])])];
  const channelLabel = (c: string) => {
    const text = t(channelLabelKey(c));
    return text === channelLabelKey(c) ? c : text;
  };
  // A cluster in the URL that the current model no longer has still shows as chosen.
  const clusters = [...options.clusters];
  if (filters.cluster !== undefined && !clusters.some((c) => String(c.cluster) === filters.cluster)) clusters.push({ cluster: Number(filters.cluster), name: "" });
  const clusterLabel = (c: { cluster: number; name: string }) =>
    `${t("customers.filter.clusterOption", { n: c.cluster })}${c.name ? ` · ${c.name}` : ""}`;
  return (
    <form method="get" action="/customers" role="search" aria-label={t("customers.search.label")} className="mb-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="customer-filters">
      <div className="mb-4">
        <label htmlFor="customers-q" className={label}>{t("customers.search.label")}</label>
        <div className="flex flex-wrap gap-2">
          <input
            id="customers-q" name="q" type="search" defaultValue={filters.q ?? ""} autoComplete="off"
            aria-describedby="customers-q-help" className={`${input} max-w-xl flex-1`}
          />
          <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("customers.search.button")}</button>
        </div>
        <p id="customers-q-help" className="mt-1 text-xs text-slate-700">{t("customers.search.help")}</p>
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("customers.filters")}</legend>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <FilterInput id="customers-province" name="province" label={t("customers.filter.province")} value={filters.province} list={{ id: "customers-provinces", values: options.provinces }} />
          <FilterInput id="customers-city" name="city" label={t("customers.filter.city")} value={filters.city} list={{ id: "customers-cities", values: options.cities }} />
          <FilterSelect id="customers-store" name="storeId" label={t("customers.filter.store")} value={filters.storeId} anyText={t("customers.filter.any")}
            options={options.stores.map((s) => ({ value: s.id, label: s.name }))} />
          <FilterSelect id="customers-channel" name="channel" label={t("customers.filter.channel")} value={filters.channel} anyText={t("customers.filter.any")}
            options={channels.map((c) => ({ value: c, label: channelLabel(c) }))} />
          <FilterSelect id="customers-owner" name="ownerUserId" label={t("customers.filter.owner")} value={filters.ownerUserId} anyText={t("customers.filter.anyone")}
            options={options.owners.map((o) => ({ value: o.id, label: o.name }))} />
          <FilterSelect id="customers-tag" name="tagId" label={t("customers.filter.tag")} value={filters.tagId} anyText={t("customers.filter.any")}
            options={options.tags.map((g) => ({ value: g.id, label: g.name }))} />
          <FilterSelect id="customers-tier" name="tierId" label={t("customers.filter.tier")} value={filters.tierId} anyText={t("customers.filter.any")}
            options={options.tiers.map((g) => ({ value: g.id, label: g.name }))} />
          <FilterSelect id="customers-segment" name="rfmSegment" label={t("customers.filter.rfmSegment")} value={filters.rfmSegment} anyText={t("customers.filter.any")}
            options={RFM_SEGMENTS.map((s) => ({ value: s, label: t(`customers.segment.${s}`) }))} />
          <FilterSelect id="customers-churn" name="churnRisk" label={t("customers.filter.churnRisk")} value={filters.churnRisk} anyText={t("customers.filter.any")}
            options={CHURN_LEVELS.map((s) => ({ value: s, label: t(`customers.churn.${s}`) }))} />
          <FilterSelect id="customers-cluster" name="cluster" label={t("customers.filter.cluster")} value={filters.cluster} anyText={t("customers.filter.any")}
            options={clusters.map((c) => ({ value: String(c.cluster), label: clusterLabel(c) }))} />
          <FilterInput id="customers-created-from" name="createdFrom" type="date" label={t("customers.filter.createdFrom")} value={filters.createdFrom} />
          <FilterInput id="customers-created-to" name="createdTo" type="date" label={t("customers.filter.createdTo")} value={filters.createdTo} />
          <FilterInput id="customers-last-order-from" name="lastOrderFrom" type="date" label={t("customers.filter.lastOrderFrom")} value={filters.lastOrderFrom} />
          <FilterInput id="customers-last-order-to" name="lastOrderTo" type="date" label={t("customers.filter.lastOrderTo")} value={filters.lastOrderTo} />
          <FilterSelect id="customers-sort" name="sort" label={t("customers.sort.label")} value={sort === DEFAULT_SORT ? undefined : sort} anyText={t("customers.sort.created_desc")}
            options={SORTS.filter((s) => s !== "created_desc").map((s) => ({ value: s, label: t(`customers.sort.${s}`) }))} />
        </div>
      </fieldset>
      <div className="mt-4 flex items-center gap-4">
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("customers.filter.apply")}</button>
        <Link href="/customers" className="text-blue-700 underline">{t("customers.filter.clear")}</Link>
      </div>
    </form>
  );
}
