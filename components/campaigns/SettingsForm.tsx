// The tenant's campaign settings (tenant:manage): the second approval level's budget
// threshold, the default control share and the what-if's default assumptions.
import { saveCampaignSettingsAction } from "@/app/(app)/campaigns/actions";
import { ActionForm } from "@/components/campaigns/ActionForm";
import type { CampaignSettings } from "@/lib/campaigns/settings";
import type { Translate } from "@/lib/i18n/translate";

const pct = (x: number) => String(Math.round(x * 100000) / 1000);

export function SettingsForm({ settings, t }: { settings: CampaignSettings; t: Translate }) {
  const fields: [string, string][] = [
    ["secondLevelThreshold", String(settings.secondLevelThreshold)],
    ["defaultControlPercent", pct(settings.defaultControlRatio)],
    ["baselinePercent", pct(settings.baselineResponseRate)],
    ["defaultResponsePercent", pct(settings.defaultResponseRate)],
    ["grossMarginPercent", pct(settings.grossMargin)],
  ];
  const labels = Object.fromEntries(fields.map(([k]) => [k, t(`campaigns.settings.${k}`)]));
  return (
    <details className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold">{t("campaigns.settings.title")}</summary>
      <ActionForm action={saveCampaignSettingsAction} labels={labels} submitText={t("campaigns.settings.save")} pendingText={t("campaigns.saving")}
        successText={t("campaigns.settings.saved")} testId="campaign-settings" className="mt-3">
        <div className="grid gap-4 sm:grid-cols-3">
          {fields.map(([k, v]) => (
            <div key={k}>
              <label htmlFor={`set-${k}`} className="mb-1 block text-sm font-medium text-slate-800">{labels[k]}</label>
              <input id={`set-${k}`} name={k} defaultValue={v} inputMode="decimal" className="w-full rounded border border-slate-400 bg-white px-3 py-2" />
            </div>
          ))}
        </div>
      </ActionForm>
    </details>
  );
}
