"use client";
// Log a call, visit or message with the customer from the 360 view. The server
// action checks interaction:create and the scope, and records who logged it.
import { logInteractionAction } from "@/app/(app)/customers/[id]/actions";
import { FieldError } from "@/components/FieldError";
import { FormError } from "@/components/FormError";
import { buttonClass, fieldError, inputClass, labelClass, useActionForm } from "@/components/use-action-form";
import { INTERACTION_CHANNELS, INTERACTION_TYPES, NOTE_MAX } from "@/lib/customers/schemas";

export type InteractionFormText = {
  channel: string; type: string; note: string; occurredAt: string; occurredAtHelp: string; submit: string; saving: string; saved: string;
  channels: Record<string, string>; types: Record<string, string>;
};

export function InteractionForm({ customerId, text }: { customerId: string; text: InteractionFormText }) {
  const form = useActionForm(logInteractionAction, { extra: { customerId }, onDone: (_d, el) => el.reset() });
  const err = (name: string) => <FieldError error={fieldError(form.fieldErrors, "ix", name)} />;
  const described = (name: string) => fieldError(form.fieldErrors, "ix", name)?.id;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" data-testid="interaction-form">
      <FormError message={form.error} />
      {form.done ? <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-sm text-green-900">{text.saved}</p> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="ix-channel" className={labelClass}>{text.channel}</label>
          <select id="ix-channel" name="channel" defaultValue="call" className={inputClass} aria-describedby={described("channel")}>
            {INTERACTION_CHANNELS.map((c) => <option key={c} value={c}>{text.channels[c] ?? c}</option>)}
          </select>
          {err("channel")}
        </div>
        <div>
          <label htmlFor="ix-type" className={labelClass}>{text.type}</label>
          <select id="ix-type" name="type" defaultValue="follow_up" className={inputClass} aria-describedby={described("type")}>
            {INTERACTION_TYPES.map((x) => <option key={x} value={x}>{text.types[x] ?? x}</option>)}
          </select>
          {err("type")}
        </div>
      </div>
      <div>
        <label htmlFor="ix-note" className={labelClass}>{text.note}</label>
        <textarea id="ix-note" name="note" rows={3} maxLength={NOTE_MAX} className={inputClass} aria-describedby={described("note")} />
        {err("note")}
      </div>
      <div>
        <label htmlFor="ix-occurred" className={labelClass}>{text.occurredAt}</label>
        <input id="ix-occurred" name="occurredAt" type="datetime-local" className={`${inputClass} max-w-xs`} aria-describedby={["ix-occurred-help", described("occurredAt")].filter(Boolean).join(" ")} />
        <p id="ix-occurred-help" className="mt-1 text-xs text-slate-700">{text.occurredAtHelp}</p>
        {err("occurredAt")}
      </div>
      <button type="submit" disabled={form.pending} className={buttonClass}>
        {form.pending ? text.saving : text.submit}
      </button>
    </form>
  );
}
