import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";
import type { InteractionFilters } from "@/lib/interactions/filters";
import { INTERACTION_CHANNELS, INTERACTION_TYPES } from "@/lib/customers/schemas";
import { interactionLabels } from "@/components/interactions/labels";

const input = "rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
const label = "mb-1 block text-sm font-medium text-slate-800";

/** A plain GET form: works without JavaScript, and the URL is the filter. */
export function InteractionFiltersForm({ filters, types, filtered, t }: { filters: InteractionFilters; types: string[]; filtered: boolean; t: Translate }) {
  const names = interactionLabels(t);
  const allTypes = [...new Set([...INTERACTION_TYPES, ...types, ...(filters.type ? [filters.type] : [])])].sort();
  return (
    <form method="get" action="/interactions" aria-label={t("service.filters")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <label htmlFor="if-channel" className={label}>{t("interactions.col.channel")}</label>
        <select id="if-channel" name="channel" defaultValue={filters.channel ?? ""} className={input}>
          <option value="">{t("service.filter.any")}</option>
          {INTERACTION_CHANNELS.map((c) => <option key={c} value={c}>{names.channel(c)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="if-type" className={label}>{t("interactions.col.type")}</label>
        <select id="if-type" name="type" defaultValue={filters.type ?? ""} className={input}>
          <option value="">{t("service.filter.any")}</option>
          {allTypes.map((x) => <option key={x} value={x}>{names.type(x)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="if-from" className={label}>{t("service.filter.from")}</label>
        <input id="if-from" name="from" type="date" defaultValue={filters.from ?? ""} className={input} />
      </div>
      <div>
        <label htmlFor="if-to" className={label}>{t("service.filter.to")}</label>
        <input id="if-to" name="to" type="date" defaultValue={filters.to ?? ""} className={input} />
      </div>
      <div>
        <label htmlFor="if-customer" className={label}>{t("service.filter.customer")}</label>
        <input id="if-customer" name="customer" defaultValue={filters.customer} className={input} aria-describedby="if-customer-help" />
        <p id="if-customer-help" className="mt-1 text-xs text-slate-700">{t("service.filter.customerHelp")}</p>
      </div>
      <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("service.filter.apply")}</button>
      {filtered ? <Link href="/interactions" className="py-2 text-blue-700 underline">{t("service.filter.clear")}</Link> : null}
    </form>
  );
}
