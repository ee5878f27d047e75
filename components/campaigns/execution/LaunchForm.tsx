// The launch form of an approved campaign: when (now / at a time), throttle, the
// message, the call script and how call tasks are assigned, the attribution window
// and unit costs for the evaluation, and optionally phase 2 of an earlier campaign.
import type { Translate } from "@/lib/i18n/translate";
import { ActionForm } from "@/components/campaigns/execution/ActionForm";
import { LabeledInput, LabeledSelect, LabeledTextarea } from "@/components/campaigns/execution/inputs";

type Action = Parameters<typeof ActionForm>[0]["action"];

export function LaunchForm({ campaignId, channels, parents, t, action }: {
  campaignId: string; channels: string[]; parents: { id: string; name: string }[]; t: Translate; action: Action;
}) {
  const messages = channels.some((c) => c === "sms" || c === "email" || c === "wechat" || c === "store");
  const calls = channels.includes("call");
  return (
    <section aria-labelledby="launch-h" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="launch-h" className="mb-1 text-lg font-semibold text-slate-900">{t("campaignRun.launch.title")}</h2>
      <p className="mb-3 text-sm text-slate-700">{t("campaignRun.launch.intro")}</p>
      <ActionForm action={action} hidden={{ campaignId }} submit={t("campaignRun.launch.submit")} pending={t("campaignRun.working")}
        done={t("campaignRun.launch.done")} testId="launch-form">
        <div className="grid gap-3 md:grid-cols-3">
          <LabeledSelect id="l-mode" name="sendMode" label={t("campaignRun.sendMode")} defaultValue="now">
            <option value="now">{t("campaignRun.sendMode.now")}</option>
            <option value="schedule">{t("campaignRun.sendMode.schedule")}</option>
          </LabeledSelect>
          <LabeledInput id="l-at" name="scheduledAt" type="datetime-local" label={t("campaignRun.scheduledAt")} help={t("campaignRun.scheduledAt.help")} />
          <LabeledInput id="l-throttle" name="throttlePerHour" type="number" min={1} inputMode="numeric" label={t("campaignRun.throttle")} help={t("campaignRun.throttle.help")} />
        </div>
        {messages ? (
          <LabeledTextarea id="l-template" name="messageTemplate" rows={3} maxLength={1000} label={t("campaignRun.template")} help={t("campaignRun.template.help")} />
        ) : null}
        {calls ? (
          <div className="grid gap-3 md:grid-cols-3">
            <LabeledSelect id="l-assign" name="assignment" label={t("campaignRun.assignment")} defaultValue="round_robin">
              {(["round_robin", "owner", "store"] as const).map((a) => <option key={a} value={a}>{t(`campaignRun.assignment.${a}`)}</option>)}
            </LabeledSelect>
            <LabeledInput id="l-due" name="taskDueDays" type="number" min={1} max={365} defaultValue={7} label={t("campaignRun.taskDueDays")} />
            <div className="md:col-span-3">
              <LabeledTextarea id="l-script" name="callScript" rows={4} maxLength={4000} label={t("campaignRun.callScript")} />
            </div>
          </div>
        ) : null}
        <div className="grid gap-3 md:grid-cols-4">
          <LabeledInput id="l-window" name="attributionDays" type="number" min={1} max={365} defaultValue={14} label={t("campaignRun.attributionDays")} />
          <LabeledInput id="l-cpm" name="costPerMessage" inputMode="decimal" defaultValue="0" label={t("campaignRun.costPerMessage")} />
          <LabeledInput id="l-cpc" name="costPerCall" inputMode="decimal" defaultValue="0" label={t("campaignRun.costPerCall")} />
          <LabeledInput id="l-fixed" name="fixedCost" inputMode="decimal" defaultValue="0" label={t("campaignRun.fixedCost")} />
        </div>
        {parents.length ? (
          <div className="grid gap-3 md:grid-cols-2">
            <LabeledSelect id="l-parent" name="parentCampaignId" label={t("campaignRun.parent")} defaultValue="">
              <option value="">{t("campaignRun.parent.none")}</option>
              {parents.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </LabeledSelect>
            <LabeledSelect id="l-retarget" name="retarget" label={t("campaignRun.retarget")} defaultValue="non_responders">
              <option value="non_responders">{t("campaignRun.retarget.non_responders")}</option>
              <option value="all">{t("campaignRun.retarget.all")}</option>
            </LabeledSelect>
          </div>
        ) : null}
      </ActionForm>
    </section>
  );
}
