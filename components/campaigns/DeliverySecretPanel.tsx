"use client";
// The delivery receipts' callback address and signing secret (tenant:manage). The
// secret appears once, right after it is created or rotated.
import { useActionState } from "react";
import { rotateDeliverySecretAction } from "@/app/(app)/campaigns/actions";
import { FormError } from "@/components/FormError";

type Text = Record<"title" | "intro" | "url" | "current" | "none" | "createdAt" | "create" | "rotate" | "working" | "shownOnce", string>;
type State = Awaited<ReturnType<typeof rotateDeliverySecretAction>> | null;

export function DeliverySecretPanel({ callbackUrl, prefix, text }: { callbackUrl: string; prefix: string | null; text: Text }) {
  const [state, action, pending] = useActionState<State, FormData>((_prev, form) => rotateDeliverySecretAction(form), null);
  const shownPrefix = state?.ok ? state.data.prefix : prefix;
  return (
    <section aria-labelledby="delivery-h" className="mt-8 rounded-lg border border-slate-200 bg-white p-4" data-testid="delivery-secret">
      <h2 id="delivery-h" className="font-semibold">{text.title}</h2>
      <p className="mt-1 text-sm text-slate-700">{text.intro}</p>
      <p className="mt-2 text-sm"><span className="font-medium">{text.url}:</span> <code className="break-all">{callbackUrl}</code></p>
      <p className="mt-1 text-sm">
        <span className="font-medium">{text.current}:</span>{" "}
        {shownPrefix ? <code>{shownPrefix}…</code> : text.none}
        {shownPrefix && !state?.ok && text.createdAt ? ` (${text.createdAt})` : null}
      </p>
      {state?.ok ? (
        <div role="status" className="mt-3 rounded border border-green-700 bg-green-50 p-3">
          <p className="text-sm text-green-900">{text.shownOnce}</p>
          <code className="mt-1 block break-all text-sm text-slate-900" data-testid="delivery-secret-value">{state.data.secret}</code>
        </div>
      ) : null}
      <form action={action} className="mt-3">
        <FormError message={state && !state.ok ? state.message : null} />
        <button type="submit" disabled={pending} className="rounded border border-slate-400 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-50 disabled:opacity-60">
          {pending ? text.working : shownPrefix ? text.rotate : text.create}
        </button>
      </form>
    </section>
  );
}
