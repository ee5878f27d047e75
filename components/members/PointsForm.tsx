"use client";
// Earn or consume points for one member (member:manage), with the reason that the
// ledger will show. Consuming more than the balance is refused by the server with
// both numbers in the message.
import { adjustPointsAction } from "@/app/(app)/members/actions";
import { FormError } from "@/components/FormError";
import { FieldError } from "@/components/FieldError";
import { buttonClass, fieldError, inputClass, labelClass, useActionForm } from "@/components/use-action-form";
import { POINTS_MAX, REASON_MAX } from "@/lib/points/schemas";

export type PointsFormText = {
  direction: string; earn: string; consume: string; points: string; reason: string; reasonHelp: string;
  submit: string; saving: string; saved: string;
};

export function PointsForm({ memberId, text }: { memberId: string; text: PointsFormText }) {
  const form = useActionForm(adjustPointsAction, { extra: { memberId }, onDone: (_d, el) => el.reset() });
  const err = (name: string) => fieldError(form.fieldErrors, "pt", name);
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" data-testid="points-form">
      <FormError message={form.error} />
      {form.done ? <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-sm text-green-900">{text.saved}</p> : null}
      <fieldset>
        <legend className={labelClass}>{text.direction}</legend>
        <div className="flex gap-6">
          <label className="flex items-center gap-2 text-sm text-slate-900">
            <input type="radio" name="direction" value="earn" defaultChecked /> {text.earn}
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-900">
            <input type="radio" name="direction" value="consume" /> {text.consume}
          </label>
        </div>
        <FieldError error={err("direction")} />
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
        <div>
          <label htmlFor="pt-points" className={labelClass}>{text.points}</label>
          <input id="pt-points" name="points" type="number" min={1} max={POINTS_MAX} step={1} required className={inputClass}
            aria-invalid={err("points") ? true : undefined} aria-describedby={err("points")?.id} />
          <FieldError error={err("points")} />
        </div>
        <div>
          <label htmlFor="pt-reason" className={labelClass}>{text.reason}</label>
          <input id="pt-reason" name="reason" required maxLength={REASON_MAX} className={inputClass}
            aria-invalid={err("reason") ? true : undefined} aria-describedby={["pt-reason-help", err("reason")?.id].filter(Boolean).join(" ")} />
          <p id="pt-reason-help" className="mt-1 text-xs text-slate-700">{text.reasonHelp}</p>
          <FieldError error={err("reason")} />
        </div>
      </div>
      <button type="submit" disabled={form.pending} className={buttonClass}>{form.pending ? text.saving : text.submit}</button>
    </form>
  );
}
