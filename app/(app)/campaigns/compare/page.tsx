import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { loadComparison } from "@/lib/campaigns/evaluation/queries";
import { EmptyState } from "@/components/EmptyState";
import { money, pct, ppInterval } from "@/components/campaigns/evaluation/format";

// Past campaigns side by side (the newest launched ones), each with its headline numbers.
export default definePage("campaign:read", async ({ ctx }) => {
  const [{ rows, currency }, t, locale] = await Promise.all([loadComparison(ctx), getT(ctx.locale), getLocale(ctx.locale)]);
  return (
    <div className="space-y-4">
      <Link href="/campaigns" className="text-blue-700 underline">← {t("campaignRun.backToCampaigns")}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("campaignRun.compare.title")}</h1>
      {rows.length === 0 ? <EmptyState title={t("campaignRun.compare.empty")} body={t("campaignRun.compare.emptyBody")} /> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
          <table className="min-w-full text-sm" data-testid="compare-table">
            <caption className="sr-only">{t("campaignRun.compare.title")}</caption>
            <thead><tr className="text-left text-slate-800">
              {["name", "phase", "nT", "contactRate", "convT", "convC", "uplift", "ci", "revenue", "cost", "roi"].map((k) => (
                <th key={k} scope="col" className="px-2 py-1">{t(`campaignRun.compare.col.${k}`)}</th>
              ))}
            </tr></thead>
            <tbody>
              {rows.map(({ id, name, evaluation: e }) => (
                <tr key={id} className="border-t border-slate-200">
                  <th scope="row" className="px-2 py-1 text-left font-normal"><Link className="text-blue-700 underline" href={`/campaigns/${id}/evaluation`}>{name}</Link></th>
                  <td className="px-2 py-1">{e.phase}</td>
                  <td className="px-2 py-1">{e.overall.treatment.customers}</td>
                  <td className="px-2 py-1">{pct(e.overall.contactRate, locale)}</td>
                  <td className="px-2 py-1">{pct(e.overall.conversionT, locale)}</td>
                  <td className="px-2 py-1">{pct(e.overall.conversionC, locale)}</td>
                  <td className="px-2 py-1">{pct(e.overall.uplift, locale)}</td>
                  <td className="px-2 py-1 whitespace-nowrap">{ppInterval(e.overall.upliftCi, locale)}</td>
                  <td className="px-2 py-1">{money(e.overall.treatment.revenue, currency, locale)}</td>
                  <td className="px-2 py-1">{money(e.cost, currency, locale)}</td>
                  <td className="px-2 py-1">{pct(e.roi, locale, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
});
