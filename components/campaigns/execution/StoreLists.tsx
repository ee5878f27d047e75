// The in-store channel's lists: per home store, how many customers to offer the
// campaign to at the counter, each downloadable (CSV) for printing.
import type { StoreListSummary } from "@/lib/campaigns/delivery/store-list";
import { formatNumber } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";

export function StoreLists({ campaignId, lists, t, locale }: { campaignId: string; lists: StoreListSummary[]; t: Translate; locale: string }) {
  const base = `/campaigns/${campaignId}/execution/store-list`;
  return (
    <section aria-labelledby="store-lists-h" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="store-lists-h" className="mb-1 text-lg font-semibold text-slate-900">{t("campaignDelivery.store.title")}</h2>
      <p className="mb-2 text-sm text-slate-700">{t("campaignDelivery.store.intro")}</p>
      <table className="min-w-full text-sm" data-testid="store-lists">
        <caption className="sr-only">{t("campaignDelivery.store.title")}</caption>
        <thead><tr className="text-left text-slate-800">
          <th scope="col" className="px-2 py-1">{t("campaignDelivery.store.store")}</th>
          <th scope="col" className="px-2 py-1">{t("campaignDelivery.store.customers")}</th>
          <th scope="col" className="px-2 py-1"><span className="sr-only">{t("campaignDelivery.store.download")}</span></th>
        </tr></thead>
        <tbody>
          {lists.map((s) => (
            <tr key={s.storeId} className="border-t border-slate-200">
              <td className="px-2 py-1">{s.code} · {s.name}</td>
              <td className="px-2 py-1">{formatNumber(s.customers, locale)}</td>
              <td className="px-2 py-1"><a className="text-blue-700 underline" href={`${base}?store=${s.storeId}`}>{t("campaignDelivery.store.download")}</a></td>
            </tr>
          ))}
        </tbody>
      </table>
      <a className="mt-2 inline-block text-blue-700 underline" href={base}>{t("campaignDelivery.store.downloadAll")}</a>
    </section>
  );
}
