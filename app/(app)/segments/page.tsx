import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { formatDateTime, formatNumber } from "@/lib/format/display";
import { listSegments } from "@/lib/segments/queries";
import { segmentsOverview } from "@/lib/segments/overview";
import { SegmentsOverview } from "@/components/segments/SegmentsOverview";
import { tenantTimeZoneOf } from "@/lib/segments/time-zone";
import { EmptyState } from "@/components/EmptyState";

export default definePage("segment:read", async ({ ctx }) => {
  const [t, locale, rows, tz, overview] = await Promise.all([
    getT(ctx.locale), getLocale(ctx.locale), listSegments(ctx), tenantTimeZoneOf(ctx), segmentsOverview(ctx),
  ]);
  const manage = can(ctx, "segment:manage");
  return (
    <>
      <div className="mb-1 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("segments.title")}</h1>
        {manage ? (
          <div className="flex flex-wrap gap-2">
            <Link href="/segments/builder" className="rounded border border-blue-700 bg-white px-4 py-2 font-medium text-blue-800 hover:bg-blue-50" data-testid="open-builder">
              {t("segments.builder.link")}
            </Link>
            <Link href="/segments/new" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800" data-testid="new-segment">
              {t("segments.new.button")}
            </Link>
          </div>
        ) : null}
      </div>
      <p className="mb-6 text-slate-700">{t("segments.intro")}</p>
      <SegmentsOverview overview={overview} t={t} locale={locale} canManage={manage} />
      <h2 className="mb-2 text-xl font-semibold text-slate-900">{t("segments.overview.saved")}</h2>
      {rows.length === 0 ? (
        <EmptyState title={t("segments.empty.title")} body={t("segments.empty.body")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm" data-testid="segments-table">
            <caption className="sr-only">{t("segments.title")}</caption>
            <thead className="bg-slate-50 text-slate-800">
              <tr>
                <th scope="col" className="px-3 py-2">{t("segments.field.name")}</th>
                <th scope="col" className="px-3 py-2">{t("segments.field.kind")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("segments.field.members")}</th>
                <th scope="col" className="px-3 py-2">{t("segments.field.refreshedAt")}</th>
                <th scope="col" className="px-3 py-2">{t("segments.field.createdBy")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-2 font-medium"><Link className="text-blue-700 underline" href={`/segments/${r.id}`}>{r.name}</Link></th>
                  <td className="px-3 py-2">{t(`segments.kind.${r.kind}`)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatNumber(r.memberCount, locale)}</td>
                  <td className="px-3 py-2">{r.refreshedAt ? formatDateTime(r.refreshedAt, locale, tz) : t("segments.never")}</td>
                  <td className="px-3 py-2">{r.createdByName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
});
