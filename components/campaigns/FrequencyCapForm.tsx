// The tenant's contact frequency cap (tenant:manage): N contacts in D days.
import { saveFrequencyCapAction } from "@/app/(app)/campaigns/actions";
import { ActionForm } from "@/components/campaigns/ActionForm";
import type { FrequencyCap } from "@/lib/campaigns/execution/caps";
import type { Translate } from "@/lib/i18n/translate";

export function FrequencyCapForm({ cap, t }: { cap: FrequencyCap; t: Translate }) {
  const labels = { maxContacts: t("campaignDelivery.cap.maxContacts"), windowDays: t("campaignDelivery.cap.windowDays") };
  return (
    <section aria-labelledby="cap-h" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="cap-h" className="font-semibold">{t("campaignDelivery.cap.title")}</h2>
      <p className="mt-1 text-sm text-slate-700">{t("campaignDelivery.cap.intro")}</p>
      <ActionForm action={saveFrequencyCapAction} labels={labels} submitText={t("campaignDelivery.cap.save")} pendingText={t("campaigns.saving")}
        successText={t("campaignDelivery.cap.saved")} testId="frequency-cap" className="mt-3">
        <div className="flex flex-wrap gap-4">
          {(["maxContacts", "windowDays"] as const).map((k) => (
            <div key={k}>
              <label htmlFor={`cap-${k}`} className="mb-1 block text-sm font-medium text-slate-800">{labels[k]}</label>
              <input id={`cap-${k}`} name={k} defaultValue={String(cap[k])} inputMode="numeric" className="w-32 rounded border border-slate-400 bg-white px-3 py-2" />
            </div>
          ))}
        </div>
      </ActionForm>
    </section>
  );
}
