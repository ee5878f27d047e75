import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { formatDate, formatMoney, formatNumber } from "@/lib/format/display";
import { listCampaigns } from "@/lib/campaigns/queries";
import { readCampaignSettings } from "@/lib/campaigns/settings";
import { CAMPAIGN_STATUSES, isCampaignStatus } from "@/lib/campaigns/status";
import { tenantDisplay } from "@/lib/campaigns/tenant-display";
import { withTenant } from "@/lib/db/tenant";
import { EmptyState } from "@/components/EmptyState";
import { StatusBadge } from "@/components/campaigns/StatusBadge";
import { SettingsForm } from "@/components/campaigns/SettingsForm";
import { FrequencyCapForm } from "@/components/campaigns/FrequencyCapForm";
import { DeliverySecretPanel } from "@/components/campaigns/DeliverySecretPanel";
import { readFrequencyCap } from "@/lib/campaigns/execution/caps";
import { webhookSecretInfo } from "@/lib/campaigns/delivery/secret";
import { formatDateTime } from "@/lib/format/display";

export default definePage("campaign:read", async ({ ctx, searchParams }) => {
  const statusParam = Array.isArray(searchParams.status) ? searchParams.status[0] : searchParams.status;
  const status = isCampaignStatus(statusParam) ? statusParam : undefined;
  const [t, locale, { rows, timeZone }, display] = await Promise.all([
    getT(ctx.locale), getLocale(ctx.locale), listCampaigns(ctx, status), tenantDisplay(ctx),
  ]);
  const manage = can(ctx, "tenant:manage");
  const [settings, cap, secret] = manage
    ? await Promise.all([withTenant(ctx, readCampaignSettings), withTenant(ctx, readFrequencyCap), webhookSecretInfo(ctx)])
    : [null, null, null];
  const callbackUrl = `${process.env.NEXTAUTH_URL ?? ""}/api/v1/delivery/{channel}?tenant=${ctx.tenantId}`;
  return (
    <>
      <div className="mb-1 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("campaigns.title")}</h1>
        {can(ctx, "campaign:manage") ? (
          <Link href="/campaigns/new" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800" data-testid="new-campaign">
            {t("campaigns.new.button")}
          </Link>
        ) : null}
      </div>
      <p className="mb-4 text-slate-700">{t("campaigns.intro")}</p>
      <nav aria-label={t("campaigns.filterByStatus")} className="mb-4 flex flex-wrap gap-3 text-sm">
        <Link href="/campaigns" aria-current={!status ? "page" : undefined} className={!status ? "font-semibold" : "text-blue-700 underline"}>{t("campaigns.all")}</Link>
        {CAMPAIGN_STATUSES.map((s) => (
          <Link key={s} href={`/campaigns?status=${s}`} aria-current={status === s ? "page" : undefined} className={status === s ? "font-semibold" : "text-blue-700 underline"}>
            {t(`campaigns.status.${s}`)}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title={t(status ? "campaigns.empty.filteredTitle" : "campaigns.empty.title")} body={t("campaigns.empty.body")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm" data-testid="campaigns-table">
            <caption className="sr-only">{t("campaigns.title")}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2">{t("campaigns.field.name")}</th>
                <th scope="col" className="px-3 py-2">{t("campaigns.field.status")}</th>
                <th scope="col" className="px-3 py-2">{t("campaigns.field.channels")}</th>
                <th scope="col" className="px-3 py-2">{t("campaigns.field.period")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("campaigns.field.budget")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("campaigns.field.audience")}</th>
                <th scope="col" className="px-3 py-2">{t("campaigns.field.ownerUserId")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-2 font-medium"><Link className="text-blue-700 underline" href={`/campaigns/${r.id}`}>{r.name}</Link></th>
                  <td className="px-3 py-2"><StatusBadge status={r.status} t={t} /></td>
                  <td className="px-3 py-2">{r.channels.map((c) => t(`campaigns.channel.${c}`)).join(t("campaigns.listSeparator"))}</td>
                  <td className="px-3 py-2">{r.startsAt ? `${formatDate(r.startsAt, locale, timeZone)} – ${formatDate(r.endsAt ? new Date(r.endsAt.getTime() - 1) : null, locale, timeZone)}` : "—"}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.budget === null ? "—" : formatMoney(String(r.budget), display.currency, locale)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.audienceCount === null ? "—" : formatNumber(r.audienceCount, locale)}</td>
                  <td className="px-3 py-2">{r.ownerName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {settings ? <SettingsForm settings={settings} t={t} /> : null}
      {cap ? <FrequencyCapForm cap={cap} t={t} /> : null}
      {manage ? (
        <DeliverySecretPanel callbackUrl={callbackUrl} prefix={secret?.prefix ?? null} text={{
          title: t("campaignDelivery.secret.title"), intro: t("campaignDelivery.secret.intro"), url: t("campaignDelivery.secret.url"),
          current: t("campaignDelivery.secret.current"), none: t("campaignDelivery.secret.none"),
          createdAt: secret ? t("campaignDelivery.secret.createdAt", { at: formatDateTime(secret.createdAt, locale, display.timeZone) }) : "",
          create: t("campaignDelivery.secret.create"), rotate: t("campaignDelivery.secret.rotate"), working: t("campaignDelivery.secret.working"),
          shownOnce: t("campaignDelivery.secret.shownOnce"),
        }} />
      ) : null}
    </>
  );
});
