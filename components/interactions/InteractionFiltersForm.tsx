import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";
import type { InteractionFilters } from "@/lib/interactions/filters";
import { INTERACTION_CHANNELS, INTERACTION_TYPES } from "@/lib/customers/schemas";
import { interactionLabels } from "@/components/interactions/labels";
import { FilterInput, FilterSelect } from "@/components/FilterFields";

/** A plain GET form: works without JavaScript, and the URL is the filter. */
export function InteractionFiltersForm({ filters, types, filtered, t }: { filters: InteractionFilters; types: string[]; filtered: boolean; t: Translate }) {
  const names = interactionLabels(t);
  const allTypes = [...new Set([...INTERACTION_TYPES, ...types, ...(filters.type ? [filters.type] : [])])].sort();
  return (
    <form method="get" action="/interactions" aria-label={t("service.filters")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <FilterSelect id="if-channel" name="channel" label={t("interactions.col.channel")} value={filters.channel} anyText={t("service.filter.any")} wide={false}
        options={INTERACTION_CHANNELS.map((c) => ({ value: c, label: names.channel(c) }))} />
      <FilterSelect id="if-type" name="type" label={t("interactions.col.type")} value={filters.type} anyText={t("service.filter.any")} wide={false}
        options={allTypes.map((x) => ({ value: x, label: names.type(x) }))} />
      <FilterInput id="if-from" name="from" type="date" label={t("service.filter.from")} value={filters.from} wide={false} />
      <FilterInput id="if-to" name="to" type="date" label={t("service.filter.to")} value={filters.to} wide={false} />
      <FilterInput id="if-customer" name="customer" label={t("service.filter.customer")} value={filters.customer} help={t("service.filter.customerHelp")} wide={false} />
      <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("service.filter.apply")}</button>
      {filtered ? <Link href="/interactions" className="py-2 text-blue-700 underline">{t("service.filter.clear")}</Link> : null}
    </form>
  );
}
