import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/format/display";
import { listInteractions } from "@/lib/interactions/queries";
import { parseInteractionFilters, type InteractionFilters } from "@/lib/interactions/filters";
import { EmptyState } from "@/components/EmptyState";
import { InteractionFiltersForm } from "@/components/interactions/InteractionFiltersForm";
import { interactionLabels } from "@/components/interactions/labels";

function hrefFor(f: InteractionFilters, page: number): string {
  const q = new URLSearchParams();
  for (const k of ["channel", "type", "from", "to", "customer"] as const) if (f[k]) q.set(k, String(f[k]));
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `/interactions?${s}` : "/interactions";
}

// Interactions with the customers in the caller's interaction:read scope, newest
// first. Logging one happens on the customer's 360 view (components/customers/InteractionForm).
export default definePage("interaction:read", async ({ ctx, searchParams }) => {
  const { filters, invalid } = parseInteractionFilters(searchParams);
  const [t, locale, data] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale), listInteractions(ctx, filters)]);
  const { channel, type } = interactionLabels(t);
  const filtered = Boolean(filters.channel || filters.type || filters.from || filters.to || filters.customer);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("interactions.title")}</h1>
      <p className="text-slate-700">{t("interactions.intro")}</p>
      {invalid.length ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("service.filter.invalid", { fields: invalid.map((f) => t(`service.filter.${f}`)).join(t("service.listSeparator")) })}
        </p>
      ) : null}
      <InteractionFiltersForm filters={filters} types={data.types} t={t} filtered={filtered} />
      {data.rows.length === 0 ? (
        <EmptyState title={filtered ? t("interactions.empty.filteredTitle") : t("interactions.empty.title")}
          body={filtered ? t("interactions.empty.filteredBody") : t("interactions.empty.body")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm" data-testid="interactions-table">
            <caption className="sr-only">{t("interactions.caption")}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t("interactions.col.when")}</th>
                <th scope="col" className="px-3 py-2">{t("interactions.col.customer")}</th>
                <th scope="col" className="px-3 py-2">{t("interactions.col.channel")}</th>
                <th scope="col" className="px-3 py-2">{t("interactions.col.type")}</th>
                <th scope="col" className="px-3 py-2">{t("interactions.col.by")}</th>
                <th scope="col" className="px-3 py-2">{t("interactions.col.note")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(r.occurredAt, locale, data.timeZone)}</td>
                  <th scope="row" className="px-3 py-2 font-normal"><Link href={`/customers/${r.customerId}`} className="text-blue-700 underline">{r.customerName}</Link></th>
                  <td className="px-3 py-2">{channel(r.channel)}</td>
                  <td className="px-3 py-2">{type(r.type)}</td>
                  <td className="px-3 py-2">{r.userName ?? (r.campaignName ? t("interactions.byCampaign", { name: r.campaignName }) : "—")}</td>
                  <td className="max-w-md px-3 py-2 whitespace-pre-line">{r.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("service.pagination")} className="flex gap-6">
        {filters.page > 1 ? <Link rel="prev" className="text-blue-700 underline" href={hrefFor(filters, filters.page - 1)}>← {t("service.previous")}</Link> : null}
        {data.hasNext ? <Link rel="next" className="text-blue-700 underline" href={hrefFor(filters, filters.page + 1)}>{t("service.next")} →</Link> : null}
      </nav>
    </div>
  );
});
