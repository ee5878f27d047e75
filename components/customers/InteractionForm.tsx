"use client";
// Log a call, visit or message with the customer from the 360 view. The server
// action checks interaction:create and the scope, and records who logged it.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { logInteractionAction } from "@/app/(app)/customers/[id]/actions";
import { FormError } from "@/components/FormError";
import { INTERACTION_CHANNELS, INTERACTION_TYPES, NOTE_MAX } from "@/lib/customers/schemas";

export type InteractionFormText = {
  channel: string; type: string; note: string; occurredAt: string; occurredAtHelp: string; submit: string; saving: string; saved: string;
  channels: Record<string, string>; types: Record<string, string>;
};

const input = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
const label = "mb-1 block text-sm font-medium text-slate-800";

export function InteractionForm({ customerId, text }: { customerId: string; text: InteractionFormText }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    form.set("customerId", customerId);
    setSaved(false);
    start(async () => {
      const result = await logInteractionAction(form);
      if (!result.ok) {
        setError(result.message);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setError(null);
      setFieldErrors({});
      setSaved(true);
      formEl.reset();
      router.refresh();
    });
  }

  const err = (name: string) => (fieldErrors[name] ? <p id={`ix-${name}-error`} role="alert" className="mt-1 text-sm text-red-700">{fieldErrors[name]}</p> : null);
  const described = (name: string) => (fieldErrors[name] ? `ix-${name}-error` : undefined);
  return (
    <form onSubmit={submit} noValidate className="space-y-3" data-testid="interaction-form">
      <FormError message={error} />
      {saved ? <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-sm text-green-900">{text.saved}</p> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="ix-channel" className={label}>{text.channel}</label>
          <select id="ix-channel" name="channel" defaultValue="call" className={input} aria-describedby={described("channel")}>
            {INTERACTION_CHANNELS.map((c) => <option key={c} value={c}>{text.channels[c] ?? c}</option>)}
          </select>
          {err("channel")}
        </div>
        <div>
          <label htmlFor="ix-type" className={label}>{text.type}</label>
          <select id="ix-type" name="type" defaultValue="follow_up" className={input} aria-describedby={described("type")}>
            {INTERACTION_TYPES.map((x) => <option key={x} value={x}>{text.types[x] ?? x}</option>)}
          </select>
          {err("type")}
        </div>
      </div>
      <div>
        <label htmlFor="ix-note" className={label}>{text.note}</label>
        <textarea id="ix-note" name="note" rows={3} maxLength={NOTE_MAX} className={input} aria-describedby={described("note")} />
        {err("note")}
      </div>
      <div>
        <label htmlFor="ix-occurred" className={label}>{text.occurredAt}</label>
        <input id="ix-occurred" name="occurredAt" type="datetime-local" className={`${input} max-w-xs`} aria-describedby={["ix-occurred-help", described("occurredAt")].filter(Boolean).join(" ")} />
        <p id="ix-occurred-help" className="mt-1 text-xs text-slate-700">{text.occurredAtHelp}</p>
        {err("occurredAt")}
      </div>
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? text.saving : text.submit}
      </button>
    </form>
  );
}
