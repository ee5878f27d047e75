import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { formatDate, formatMoney } from "@/lib/format/display";
import { getCampaign } from "@/lib/campaigns/queries";
import { DEFAULT_OFFER_LEVELS, MAX_OFFER_LEVELS } from "@/lib/campaigns/plan/preview";
import { EDITABLE_STATUSES } from "@/lib/campaigns/status";
import { tenantDisplay } from "@/lib/campaigns/tenant-display";
import { CampaignTabs } from "@/components/campaigns/CampaignTabs";
import { StatusBadge } from "@/components/campaigns/StatusBadge";
import { AudiencePreview } from "@/components/campaigns/plan/AudiencePreview";
import { ApprovalPanel } from "@/components/campaigns/plan/ApprovalPanel";

/** "0, 20, 50" → [0, 20, 50]: non-negative amounts, at most MAX_OFFER_LEVELS; the defaults otherwise. */
function offerLevels(v: string | string[] | undefined): number[] {
  const s = Array.isArray(v) ? v[0] : v;
  const xs = (s ?? "").split(/[,，\s]+/).filter(Boolean).map(Number).filter((n) => Number.isFinite(n) && n >= 0 && n <= 1e6);
  return xs.length ? [...new Set(xs.map((n) => Math.round(n * 100) / 100))].slice(0, MAX_OFFER_LEVELS) : DEFAULT_OFFER_LEVELS;
}

export default definePage("campaign:read", async ({ ctx, params, searchParams }) => {
  const levels = offerLevels(searchParams.levels);
  const c = await getCampaign(ctx, params.id ?? "", levels);
  if (!c) notFound();
  const [t, locale, display] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale), tenantDisplay(ctx)]);
  const money = (n: number | null) => (n === null ? "—" : formatMoney(n.toFixed(2), display.currency, locale));
  const mayManage = can(ctx, "campaign:manage");
  const rows: [string, string][] = [
    [t("campaigns.field.goal"), c.goal ?? "—"],
    [t("campaigns.field.channels"), c.channels.map((ch) => t(`campaigns.channel.${ch}`)).join(t("campaigns.listSeparator"))],
    [t("campaigns.field.offerDescription"), c.offerDescription ?? "—"],
    [t("campaigns.field.offerValue"), money(c.offerValue)],
    [t("campaigns.field.budget"), money(c.budget)],
    [t("campaigns.field.period"), c.startsAt ? `${formatDate(c.startsAt, locale, c.timeZone)} – ${formatDate(c.endsAt ? new Date(c.endsAt.getTime() - 1) : null, locale, c.timeZone)}` : "—"],
    [t("campaigns.field.ownerUserId"), c.ownerName ?? "—"],
    [t("campaigns.field.controlPercent"), `${Math.round(c.controlRatio * 1000) / 10}%`],
    [t("campaigns.field.requestedBy"), c.requestedByName ?? "—"],
  ];
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <Link href="/campaigns" className="text-blue-700 underline">← {t("campaigns.back")}</Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold text-slate-900">{c.name}</h1>
          <StatusBadge status={c.status} t={t} />
          {mayManage && EDITABLE_STATUSES.includes(c.status) ? (
            <Link href={`/campaigns/${c.id}/edit`} className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm" data-testid="edit-campaign">{t("campaigns.edit.button")}</Link>
          ) : null}
        </div>
      </div>
      <CampaignTabs id={c.id} current="plan" t={t} />
      <section aria-labelledby="plan-h" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="plan-h" className="mb-2 text-lg font-semibold">{t("campaigns.plan.title")}</h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          {rows.map(([k, v]) => <div key={k} className="contents"><dt className="font-medium">{k}</dt><dd>{v}</dd></div>)}
          <dt className="font-medium">{t("campaigns.field.segmentId")}</dt>
          <dd>{c.segment ? <Link className="text-blue-700 underline" href={`/segments/${c.segment.id}`}>{`${c.segment.name} (${t(`segments.kind.${c.segment.kind}`)})`}</Link> : t("campaigns.noSegment")}</dd>
        </dl>
      </section>
      <AudiencePreview id={c.id} preview={c.preview} frozen={!!c.audienceFrozenAt} offerValue={c.offerValue} budget={c.budget}
        levels={levels.join(", ")} t={t} locale={locale} currency={display.currency} />
      <ApprovalPanel c={c} t={t} locale={locale} mayManage={mayManage} mayApprove={can(ctx, "campaign:approve")} userId={ctx.userId} />
    </div>
  );
});
