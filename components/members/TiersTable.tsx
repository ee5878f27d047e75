import type { TierRow } from "@/lib/members/queries";
import { formatNumber } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";
import { TierForm, type TierFormText } from "@/components/members/TierForm";

/** The tiers, lowest rank first, with how many members (in the caller's scope) each holds. */
export function TiersTable({ tiers, withoutTier, total, manage, t, locale, formText }: {
  tiers: TierRow[]; withoutTier: number; total: number; manage: boolean; t: Translate; locale: string; formText: TierFormText;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" data-testid="tiers-table">
        <caption className="sr-only">{t("members.tiers.caption")}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">{t("members.tier.rank")}</th>
            <th scope="col" className="px-3 py-2">{t("members.tier.name")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("members.tier.threshold")}</th>
            <th scope="col" className="px-3 py-2">{t("members.tier.benefits")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("members.tier.members")}</th>
            {manage ? <th scope="col" className="px-3 py-2"><span className="sr-only">{t("members.tier.edit")}</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {tiers.map((tier) => (
            <tr key={tier.id} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2 tabular-nums">{tier.rank}</td>
              <th scope="row" className="px-3 py-2 font-medium">{tier.name}</th>
              <td className="px-3 py-2 text-right tabular-nums">{formatNumber(Number(tier.threshold), locale)}</td>
              <td className="max-w-md px-3 py-2 whitespace-pre-line">{tier.benefits || "—"}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatNumber(tier.members, locale)}</td>
              {manage ? (
                <td className="px-3 py-2">
                  <details>
                    <summary className="cursor-pointer text-blue-800">{t("members.tier.editNamed", { name: tier.name })}</summary>
                    <div className="mt-2 w-[36rem] max-w-[80vw]"><TierForm tier={tier} text={formText} /></div>
                  </details>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-slate-200 text-slate-700">
          <tr>
            <td className="px-3 py-2" colSpan={4}>{t("members.tiers.withoutTier")}</td>
            <td className="px-3 py-2 text-right tabular-nums">{formatNumber(withoutTier, locale)}</td>
            {manage ? <td /> : null}
          </tr>
          <tr>
            <td className="px-3 py-2 font-medium" colSpan={4}>{t("members.tiers.total")}</td>
            <td className="px-3 py-2 text-right font-medium tabular-nums">{formatNumber(total, locale)}</td>
            {manage ? <td /> : null}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
