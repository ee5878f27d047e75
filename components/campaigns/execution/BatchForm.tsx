// Another batch of a running campaign: channel, now or later, throttle, at most N customers.
import type { Translate } from "@/lib/i18n/translate";
import { ActionForm } from "@/components/campaigns/execution/ActionForm";
import { LabeledInput, LabeledSelect } from "@/components/campaigns/execution/inputs";

type Action = Parameters<typeof ActionForm>[0]["action"];

export function BatchForm({ campaignId, channels, t, action }: { campaignId: string; channels: string[]; t: Translate; action: Action }) {
  return (
    <ActionForm action={action} hidden={{ campaignId }} submit={t("campaignRun.batch.submit")} pending={t("campaignRun.working")}
      done={t("campaignRun.batch.done")} testId="batch-form">
      <h3 className="font-medium text-slate-900">{t("campaignRun.batch.title")}</h3>
      <div className="grid gap-3 md:grid-cols-5">
        <LabeledSelect id="b-channel" name="channel" label={t("campaignRun.channelLabel")} defaultValue={channels[0]}>
          {channels.map((c) => <option key={c} value={c}>{t(`campaignRun.channel.${c}`)}</option>)}
        </LabeledSelect>
        <LabeledSelect id="b-mode" name="sendMode" label={t("campaignRun.sendMode")} defaultValue="now">
          <option value="now">{t("campaignRun.sendMode.now")}</option>
          <option value="schedule">{t("campaignRun.sendMode.schedule")}</option>
        </LabeledSelect>
        <LabeledInput id="b-at" name="scheduledAt" type="datetime-local" label={t("campaignRun.scheduledAt")} />
        <LabeledInput id="b-throttle" name="throttlePerHour" type="number" min={1} label={t("campaignRun.throttle")} />
        <LabeledInput id="b-size" name="sizeLimit" type="number" min={1} label={t("campaignRun.sizeLimit")} />
      </div>
    </ActionForm>
  );
}
