"use client";
// Create a member tier or edit one (member:manage): rank (1 = entry level), name,
// spend threshold and benefits.
import { createTierAction, updateTierAction } from "@/app/(app)/members/actions";
import { FormError } from "@/components/FormError";
import { FieldError } from "@/components/FieldError";
import { buttonClass, fieldError, inputClass, labelClass, useActionForm } from "@/components/use-action-form";
import { BENEFITS_MAX, TIER_NAME_MAX } from "@/lib/members/schemas";

export type TierFormText = {
  rank: string; rankHelp: string; name: string; threshold: string; thresholdHelp: string; benefits: string;
  submit: string; saving: string; saved: string;
};

type Tier = { id: string; rank: number; name: string; threshold: string; benefits: string | null };

export function TierForm({ tier, nextRank, text }: { tier?: Tier; nextRank?: number; text: TierFormText }) {
  const form = useActionForm<{ id: string }>(tier ? updateTierAction : createTierAction, {
    extra: tier ? { id: tier.id } : {},
    onDone: (_d, el) => { if (!tier) el.reset(); },
  });
  const p = tier ? `tier-${tier.id.slice(0, 8)}` : "tier-new";
  const err = (name: string) => fieldError(form.fieldErrors, p, name);
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" data-testid={tier ? "tier-edit-form" : "tier-create-form"}>
      <FormError message={form.error} />
      {form.done ? <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-sm text-green-900">{text.saved}</p> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${p}-rank`} className={labelClass}>{text.rank}</label>
          <input id={`${p}-rank`} name="rank" type="number" min={1} max={100} required defaultValue={tier?.rank ?? nextRank ?? 1}
            className={inputClass} aria-describedby={[`${p}-rank-help`, err("rank")?.id].filter(Boolean).join(" ")} />
          <p id={`${p}-rank-help`} className="mt-1 text-xs text-slate-700">{text.rankHelp}</p>
          <FieldError error={err("rank")} />
        </div>
        <div>
          <label htmlFor={`${p}-name`} className={labelClass}>{text.name}</label>
          <input id={`${p}-name`} name="name" required maxLength={TIER_NAME_MAX} defaultValue={tier?.name ?? ""} className={inputClass}
            aria-describedby={err("name")?.id} />
          <FieldError error={err("name")} />
        </div>
        <div>
          <label htmlFor={`${p}-threshold`} className={labelClass}>{text.threshold}</label>
          <input id={`${p}-threshold`} name="threshold" inputMode="decimal" defaultValue={tier?.threshold ?? "0"} className={inputClass}
            aria-describedby={[`${p}-threshold-help`, err("threshold")?.id].filter(Boolean).join(" ")} />
          <p id={`${p}-threshold-help`} className="mt-1 text-xs text-slate-700">{text.thresholdHelp}</p>
          <FieldError error={err("threshold")} />
        </div>
      </div>
      <div>
        <label htmlFor={`${p}-benefits`} className={labelClass}>{text.benefits}</label>
        <textarea id={`${p}-benefits`} name="benefits" rows={2} maxLength={BENEFITS_MAX} defaultValue={tier?.benefits ?? ""} className={inputClass}
          aria-describedby={err("benefits")?.id} />
        <FieldError error={err("benefits")} />
      </div>
      <button type="submit" disabled={form.pending} className={buttonClass}>{form.pending ? text.saving : text.submit}</button>
    </form>
  );
}
