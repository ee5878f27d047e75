import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { formatDateTime, formatNumber } from "@/lib/format/display";
import { customerFilterOptions } from "@/lib/customers/queries";
import { basketOptions, getSegment } from "@/lib/segments/queries";
import { tenantTimeZoneOf } from "@/lib/segments/time-zone";
import { DefinitionSummary } from "@/components/segments/DefinitionSummary";
import { SegmentActions } from "@/components/segments/SegmentActions";
import { EmptyState } from "@/components/EmptyState";

export default definePage("segment:read", async ({ ctx, params }) => {
  const segment = await getSegment(ctx, params.id ?? "");
  if (!segment) notFound();
  const def = segment.definition;
  const productIds = def?.kind === "basket" ? [def.def.bought, def.def.notBought].flatMap((s) => (s.type === "product" ? [s.productId] : [])) : [];
  const [t, locale, tz, options, basket] = await Promise.all([
    getT(ctx.locale), getLocale(ctx.locale), tenantTimeZoneOf(ctx), customerFilterOptions(ctx), basketOptions(ctx, productIds),
  ]);
  const names: Record<string, string> = Object.fromEntries([
    ...options.stores.map((s) => [s.id, s.name]), ...options.owners.map((o) => [o.id, o.name]), ...options.tags.map((g) => [g.id, g.name]),
    ...options.tiers.map((x) => [x.id, x.name]), ...basket.products.map((p) => [p.id, p.label]),
  ]);
  const manage = can(ctx, "segment:manage");
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <Link href="/segments" className="text-blue-700 underline">← {t("segments.back")}</Link>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">{segment.name}</h1>
        <p className="text-slate-700">{t(`segments.kind.${segment.kind}`)} · {t("segments.createdBy", { name: segment.createdByName ?? "—" })}</p>
      </div>
      <section aria-labelledby="seg-def" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="seg-def" className="mb-2 text-lg font-semibold">{t("segments.definition.title")}</h2>
        <DefinitionSummary def={def} t={t} names={names} />
      </section>
      <section aria-labelledby="seg-members" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="seg-members" className="mb-2 text-lg font-semibold">{t("segments.members.title")}</h2>
        <p className="mb-1" data-testid="segment-count">{t("segments.members.count", { count: formatNumber(segment.memberCount, locale) })}</p>
        {segment.visibleCount !== null && segment.visibleCount !== segment.memberCount ? (
          <p className="mb-1 text-sm text-slate-700">{t("segments.members.visible", { count: formatNumber(segment.visibleCount, locale) })}</p>
        ) : null}
        <p className="mb-3 text-sm text-slate-700">
          {segment.refreshedAt ? t("segments.members.refreshedAt", { at: formatDateTime(segment.refreshedAt, locale, tz) }) : t("segments.never")}
        </p>
        {manage ? <SegmentActions id={segment.id} kind={segment.kind} t={t} /> : null}
        {can(ctx, "campaign:manage") ? (
          <p className="mt-3"><Link className="text-blue-700 underline" href={`/campaigns/new?segmentId=${segment.id}`}>{t("segments.planCampaign")}</Link></p>
        ) : null}
        {segment.visibleCount === null ? (
          <p className="mt-3 text-sm text-slate-700">{t("segments.members.noCustomerRead")}</p>
        ) : segment.sample.length === 0 ? (
          <div className="mt-3"><EmptyState title={t("segments.members.emptyTitle")} body={t("segments.members.emptyBody")} /></div>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full text-left text-sm" data-testid="segment-sample">
              <caption className="mb-1 text-left text-sm text-slate-700">
                {t("segments.members.sample", { n: segment.sample.length })}{segment.masked ? ` ${t("segments.members.masked")}` : ""}
              </caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("segments.member.name")}</th>
                  <th scope="col" className="px-3 py-2">{t("segments.member.phone")}</th>
                  <th scope="col" className="px-3 py-2">{t("segments.member.city")}</th>
                  <th scope="col" className="px-3 py-2">{t("segments.field.rfmSegments")}</th>
                  <th scope="col" className="px-3 py-2">{t("segments.field.churnRisk")}</th>
                </tr>
              </thead>
              <tbody>
                {segment.sample.map((m) => (
                  <tr key={m.id} className="border-t border-slate-100">
                    <th scope="row" className="px-3 py-2 font-medium"><Link className="text-blue-700 underline" href={`/customers/${m.id}`}>{m.name}</Link></th>
                    <td className="px-3 py-2 tabular-nums">{m.contact.phone ?? "—"}</td>
                    <td className="px-3 py-2">{m.city ?? "—"}</td>
                    <td className="px-3 py-2">{m.rfmSegment ? t(`customers.segment.${m.rfmSegment}`) : "—"}</td>
                    <td className="px-3 py-2">{m.churnRisk ? t(`segments.churn.${m.churnRisk}`) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
});
