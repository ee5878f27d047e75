// What a merge will do, before it is confirmed: which record survives, which empty
// fields it fills, how many rows of each kind move or are dropped, and what
// happens to membership and points.
import Link from "next/link";
import { MERGE_TABLES, type MergePreview, type MergeSide, type MemberInfo } from "@/lib/customers/merge";
import { formatDate, formatNumber } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";
import { Facts } from "@/components/customers/Card";
import { channelLabel } from "@/components/customers/CustomersTable";

type Props = { preview: MergePreview; t: Translate; locale: string; timeZone: string; swapHref: string };

function Side({ side, title, t, locale, timeZone, testId }: { side: MergeSide; title: string; t: Translate; locale: string; timeZone: string; testId: string }) {
  return (
    <section aria-labelledby={`${testId}-title`} className="rounded border border-slate-200 p-3" data-testid={testId}>
      <h3 id={`${testId}-title`} className="text-sm font-semibold text-slate-700">{title}</h3>
      <p className="mb-2 text-lg font-semibold text-slate-900">
        <Link href={`/customers/${side.id}`} className="text-blue-700 underline">{side.name}</Link>
      </p>
      <Facts items={[
        [t("customers.profile.phone"), side.phone],
        [t("customers.profile.email"), side.email],
        [t("customers.profile.externalId"), side.externalId],
        [t("customers.profile.owner"), side.owner ?? t("customers.unassigned")],
        [t("customers.profile.created"), formatDate(side.createdAt, locale, timeZone)],
        [t("customers.profile.lastOrder"), side.lastOrderAt ? formatDate(side.lastOrderAt, locale, timeZone) : t("customers.never")],
      ]} />
    </section>
  );
}

const tier = (m: MemberInfo, t: Translate) => m.tierName ?? t("customers.merge.member.noTier");

function memberText(preview: MergePreview, t: Translate, locale: string): string {
  const m = preview.member;
  switch (m.decision) {
    case "none": return t("customers.merge.member.none");
    case "survivor_only": return t("customers.merge.member.survivor_only");
    case "move": return t("customers.merge.member.move", { memberNo: m.other.memberNo, tier: tier(m.other, t), points: formatNumber(m.other.points, locale) });
    default: {
      const kept = m.decision === "keep_other" ? m.other : m.survivor;
      const dropped = m.decision === "keep_other" ? m.survivor : m.other;
      return t("customers.merge.member.keep", {
        kept: kept.memberNo, tier: tier(kept, t), dropped: dropped.memberNo, total: formatNumber(m.survivor.points + m.other.points, locale),
      });
    }
  }
}

export function MergePreviewView({ preview, t, locale, timeZone, swapHref }: Props) {
  const rows = MERGE_TABLES.map((table) => ({ table, ...preview.moves[table] })).filter((r) => r.moved || r.dropped);
  const formatFill = (field: string, value: string) => {
    if (["createdAt", "firstOrderAt", "lastOrderAt"].includes(field)) return formatDate(new Date(value), locale, timeZone);
    if (field === "gender") return t(`customers.gender.${value}`);
    if (field === "sourceChannel") return channelLabel(t, value);
    return value;
  };
  return (
    <div className="space-y-4" data-testid="merge-preview-body">
      <div className="grid gap-4 md:grid-cols-2">
        <Side side={preview.survivor} title={t("customers.merge.survivor")} t={t} locale={locale} timeZone={timeZone} testId="merge-survivor" />
        <Side side={preview.other} title={t("customers.merge.other")} t={t} locale={locale} timeZone={timeZone} testId="merge-other" />
      </div>
      <p><Link href={swapHref} className="text-blue-700 underline">{t("customers.merge.swap", { name: preview.other.name })}</Link></p>

      <section aria-labelledby="merge-fills-title">
        <h3 id="merge-fills-title" className="mb-1 font-semibold text-slate-900">{t("customers.merge.fills")}</h3>
        {preview.fills.length ? (
          <Facts items={preview.fills.map((f) => [t(`customers.merge.field.${f.field}`), formatFill(f.field, f.value)])} />
        ) : <p className="text-sm text-slate-700">{t("customers.merge.noFills")}</p>}
        <p className="mt-1 text-xs text-slate-700">{t("customers.merge.fillsNote")}</p>
      </section>

      <section aria-labelledby="merge-moves-title">
        <h3 id="merge-moves-title" className="mb-1 font-semibold text-slate-900">{t("customers.merge.moves")}</h3>
        {rows.length ? (
          <table className="min-w-full text-left text-sm" data-testid="merge-moves">
            <caption className="sr-only">{t("customers.merge.moves")}</caption>
            <thead className="text-slate-700">
              <tr>
                <th scope="col" className="py-1 pr-3">{t("customers.merge.table")}</th>
                <th scope="col" className="py-1 pr-3 text-right">{t("customers.merge.moved")}</th>
                <th scope="col" className="py-1 text-right">{t("customers.merge.dropped")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.table} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-3 font-normal">{t(`customers.merge.tableName.${r.table}`)}</th>
                  <td className="py-1 pr-3 text-right">{formatNumber(r.moved, locale)}</td>
                  <td className="py-1 text-right">{formatNumber(r.dropped, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p className="text-sm text-slate-700">{t("customers.merge.nothingMoves")}</p>}
        {rows.some((r) => r.dropped) ? <p className="mt-1 text-xs text-slate-700">{t("customers.merge.droppedNote")}</p> : null}
      </section>

      <section aria-labelledby="merge-member-title">
        <h3 id="merge-member-title" className="mb-1 font-semibold text-slate-900">{t("customers.merge.member")}</h3>
        <p className="text-sm text-slate-800" data-testid="merge-member">{memberText(preview, t, locale)}</p>
      </section>
    </div>
  );
}
