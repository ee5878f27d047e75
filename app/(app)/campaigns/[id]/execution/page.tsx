import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { loadExecution } from "@/lib/campaigns/execution/queries";
import { formatDateTime, formatNumber } from "@/lib/format/display";
import { ActionForm } from "@/components/campaigns/execution/ActionForm";
import { AutoRefresh } from "@/components/AutoRefresh";
import { LaunchForm } from "@/components/campaigns/execution/LaunchForm";
import { BatchForm } from "@/components/campaigns/execution/BatchForm";
import { ProgressCard } from "@/components/campaigns/execution/ProgressCard";
import { OutboxTable } from "@/components/campaigns/execution/OutboxTable";
import { StoreLists } from "@/components/campaigns/execution/StoreLists";
import { MESSAGE_CHANNELS } from "@/lib/campaigns/execution/mutations";
import { cancelCampaignAction, completeCampaignAction, createBatchAction, launchCampaignAction, resumeCampaignAction } from "./actions";

const isBatchChannel = (c: string) => (MESSAGE_CHANNELS as readonly string[]).includes(c);

// Another tenant's campaign and a malformed id get the same 404.
export default definePage("campaign:read", async ({ ctx, params }) => {
  const view = await loadExecution(ctx, params.id ?? "");
  if (!view) notFound();
  const [t, locale] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale)]);
  const mayExecute = can(ctx, "campaign:execute");
  const { campaign } = view;
  const running = campaign.status === "running";
  const fmt = (d: Date | null) => formatDateTime(d, locale, view.timeZone);
  return (
    <div className="space-y-6">
      {running ? <AutoRefresh seconds={5} /> : null}
      <Link href={`/campaigns/${campaign.id}`} className="text-blue-700 underline">← {t("campaignRun.backToCampaign")}</Link>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("campaignRun.execution.title", { name: campaign.name })}</h1>
        <p className="text-sm text-slate-800">
          <span className="font-medium">{t("campaignRun.status")}:</span>{" "}
          <span data-testid="campaign-status">{t(`campaignRun.status.${campaign.status}`)}</span>
          {" · "}{t("campaignRun.arms", { treatment: formatNumber(view.arms.treatment, locale), control: formatNumber(view.arms.control, locale) })}
        </p>
      </header>
      <nav aria-label={t("campaignRun.nav")} className="flex gap-4 text-sm">
        <Link className="text-blue-700 underline" href={`/campaigns/${campaign.id}/evaluation`}>{t("campaignRun.evaluation.link")}</Link>
        <Link className="text-blue-700 underline" href="/care-tasks">{t("campaignRun.careTasks.link")}</Link>
        <Link className="text-blue-700 underline" href="/campaigns/compare">{t("campaignRun.compare.link")}</Link>
      </nav>

      {campaign.status === "approved" && mayExecute ? (
        <LaunchForm campaignId={campaign.id} channels={campaign.channels} parents={view.parents} t={t} action={launchCampaignAction} />
      ) : null}
      {campaign.status === "approved" && !mayExecute ? <p className="text-slate-800">{t("campaignRun.launch.noPermission")}</p> : null}
      {["draft", "pending_approval", "pending_approval_2", "rejected"].includes(campaign.status) ? (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{t("campaignRun.launch.notApproved")}</p>
      ) : null}

      {view.run ? <ProgressCard view={view} t={t} locale={locale} /> : null}

      {view.batches.length ? (
        <section aria-labelledby="batches-h" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="batches-h" className="mb-2 text-lg font-semibold text-slate-900">{t("campaignRun.batches.title")}</h2>
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="batches-table">
              <caption className="sr-only">{t("campaignRun.batches.title")}</caption>
              <thead><tr className="text-left text-slate-800">
                {["channel", "scheduledAt", "throttle", "status", "planned", "sent", "failed", "skipped"].map((k) => (
                  <th key={k} scope="col" className="px-2 py-1">{t(`campaignRun.batches.${k}`)}</th>
                ))}
              </tr></thead>
              <tbody>
                {view.batches.map((b) => (
                  <tr key={b.id} className="border-t border-slate-200">
                    <td className="px-2 py-1">{t(`campaignRun.channel.${b.channel}`)}</td>
                    <td className="px-2 py-1">{fmt(b.scheduledAt)}</td>
                    <td className="px-2 py-1">{b.throttlePerHour ? t("campaignRun.batches.perHour", { n: b.throttlePerHour }) : t("campaignRun.batches.unthrottled")}</td>
                    <td className="px-2 py-1">{t(`campaignRun.batchStatus.${b.status}`)}</td>
                    <td className="px-2 py-1">{formatNumber(b.plannedCount, locale)}</td>
                    <td className="px-2 py-1">{formatNumber(b.sentCount, locale)}</td>
                    <td className="px-2 py-1">{formatNumber(b.failedCount, locale)}</td>
                    <td className="px-2 py-1">{formatNumber(b.skippedOptOut + b.skippedCap + b.skippedNoAddress, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {running && mayExecute ? (
        <section aria-labelledby="controls-h" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="controls-h" className="text-lg font-semibold text-slate-900">{t("campaignRun.controls.title")}</h2>
          {campaign.channels.some(isBatchChannel) ? (
            <BatchForm campaignId={campaign.id} channels={campaign.channels.filter(isBatchChannel)} t={t} action={createBatchAction} />
          ) : null}
          <div className="flex flex-wrap gap-4">
            <ActionForm action={resumeCampaignAction} hidden={{ campaignId: campaign.id }} submit={t("campaignRun.resume")} pending={t("campaignRun.working")} done={t("campaignRun.resumed")} />
            <ActionForm action={completeCampaignAction} hidden={{ campaignId: campaign.id }} submit={t("campaignRun.complete")} pending={t("campaignRun.working")} done={t("campaignRun.completed")} testId="complete-form" />
            <ActionForm action={cancelCampaignAction} hidden={{ campaignId: campaign.id }} submit={t("campaignRun.cancel")} pending={t("campaignRun.working")} done={t("campaignRun.cancelled")} danger />
          </div>
        </section>
      ) : null}

      {view.storeLists.length ? <StoreLists campaignId={campaign.id} lists={view.storeLists} t={t} locale={locale} /> : null}

      <OutboxTable rows={view.outbox} t={t} format={fmt} />
    </div>
  );
});
