// The campaign plan form (create and edit), rendered on the server and submitted
// through ActionForm to the guarded action.
import { createCampaignAction } from "@/app/(app)/campaigns/actions";
import { updateCampaignAction } from "@/app/(app)/campaigns/[id]/actions";
import { ActionForm } from "@/components/campaigns/ActionForm";
import { CHANNELS } from "@/lib/campaigns/plan/form";
import type { PlanFormOptions } from "@/lib/campaigns/queries";
import type { Translate } from "@/lib/i18n/translate";

export type PlanValues = {
  name: string; goal: string; channels: string[]; offerDescription: string; offerValue: string; budget: string;
  startsOn: string; endsOn: string; ownerUserId: string; segmentId: string; controlPercent: string;
};

const input = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
const label = "mb-1 block text-sm font-medium text-slate-800";

function Input({ name, text, values, type = "text", help, inputMode }: { name: keyof PlanValues; text: string; values: PlanValues; type?: string; help?: string; inputMode?: "decimal" }) {
  const id = `plan-${name}`;
  return (
    <div>
      <label htmlFor={id} className={label}>{text}</label>
      <input id={id} name={name} type={type} defaultValue={values[name] as string} className={input} inputMode={inputMode} aria-describedby={help ? `${id}-help` : undefined} />
      {help ? <p id={`${id}-help`} className="mt-1 text-xs text-slate-700">{help}</p> : null}
    </div>
  );
}

export function PlanForm({ mode, id, values, options, t }: { mode: "create" | "edit"; id?: string; values: PlanValues; options: PlanFormOptions; t: Translate }) {
  const labels = Object.fromEntries(
    ["name", "goal", "channels", "offerDescription", "offerValue", "budget", "startsOn", "endsOn", "ownerUserId", "segmentId", "controlPercent"]
      .map((k) => [k, t(`campaigns.field.${k}`)]),
  );
  return (
    <ActionForm action={mode === "create" ? createCampaignAction : updateCampaignAction} labels={labels}
      submitText={t(mode === "create" ? "campaigns.new.submit" : "campaigns.edit.submit")} pendingText={t("campaigns.saving")}
      successHref="/campaigns/{id}" testId="plan-form" className="space-y-5 rounded-lg border border-slate-200 bg-white p-4">
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("campaigns.section.goal")}</legend>
        <Input name="name" text={labels.name!} values={values} />
        <div>
          <label htmlFor="plan-ownerUserId" className={label}>{labels.ownerUserId}</label>
          <select id="plan-ownerUserId" name="ownerUserId" defaultValue={values.ownerUserId} className={input}>
            {options.owners.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="plan-goal" className={label}>{labels.goal}</label>
          <textarea id="plan-goal" name="goal" rows={2} defaultValue={values.goal} className={input} />
        </div>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("campaigns.section.audience")}</legend>
        <div>
          <label htmlFor="plan-segmentId" className={label}>{labels.segmentId}</label>
          <select id="plan-segmentId" name="segmentId" defaultValue={values.segmentId} className={input} aria-describedby="plan-segmentId-help">
            <option value="">{t("campaigns.chooseSegment")}</option>
            {options.segments.map((s) => (
              <option key={s.id} value={s.id}>{`${s.name} (${t(`segments.kind.${s.kind}`)}, ${s.memberCount})`}</option>
            ))}
          </select>
          <p id="plan-segmentId-help" className="mt-1 text-xs text-slate-700">{t("campaigns.help.segment")}</p>
        </div>
        <Input name="controlPercent" text={labels.controlPercent!} values={values} inputMode="decimal" help={t("campaigns.help.control")} />
      </fieldset>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-900">{labels.channels}</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {CHANNELS.map((c) => (
            <label key={c} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="channels[]" value={c} defaultChecked={values.channels.includes(c)} /> {t(`campaigns.channel.${c}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("campaigns.section.offer")}</legend>
        <Input name="offerDescription" text={labels.offerDescription!} values={values} />
        <Input name="offerValue" text={labels.offerValue!} values={values} inputMode="decimal" help={t("campaigns.help.offerValue")} />
        <Input name="budget" text={labels.budget!} values={values} inputMode="decimal" help={t("campaigns.help.budget", { threshold: options.settings.secondLevelThreshold })} />
        <Input name="startsOn" text={labels.startsOn!} values={values} type="date" />
        <Input name="endsOn" text={labels.endsOn!} values={values} type="date" />
      </fieldset>
    </ActionForm>
  );
}
