"use client";
// Submitting a form to a server action from a client component; the one hook behind
// the ticket, member, interaction and campaign forms. While the action runs the form
// is pending (a second submit is ignored); a refusal keeps what the user typed and
// shows the action's message and per-field errors; a success clears them, then either
// goes to `redirectTo` or marks the form done and re-renders the server page.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";

type Result<R> = { ok: true; data: R } | { ok: false; message: string; fieldErrors?: Record<string, string> };

export type ActionFormOptions<R> = {
  /** values the fields don't carry (ids), set on the submitted form data */
  extra?: Record<string, string | number>;
  /** send a one-time `requestKey` (the server turns a repeated key into the same result); renewed after a success */
  requestKey?: boolean;
  /** after a success, before the refresh (e.g. reset the fields) */
  onDone?: (data: R, form: HTMLFormElement) => void;
  /** after a success, a page to go to instead of refreshing this one (no "done" then) */
  redirectTo?: (data: R) => string | null | undefined;
};

const newRequestKey = () => `rk-${crypto.randomUUID()}`;

export function useActionForm<R>(action: (form: FormData) => Promise<Result<R>>, opts: ActionFormOptions<R> = {}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [requestKey, setRequestKey] = useState(newRequestKey);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    for (const [k, v] of Object.entries(opts.extra ?? {})) form.set(k, String(v));
    if (opts.requestKey) form.set("requestKey", requestKey);
    setDone(false);
    start(async () => {
      const result = await action(form);
      if (!result.ok) {
        setError(result.message);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setError(null);
      setFieldErrors({});
      if (opts.requestKey) setRequestKey(newRequestKey());
      const href = opts.redirectTo?.(result.data);
      if (href) {
        router.push(href);
        return;
      }
      setDone(true);
      opts.onDone?.(result.data, formEl);
      router.refresh();
    });
  }
  return { onSubmit, pending, error, fieldErrors, done };
}

export const inputClass = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
export const labelClass = "mb-1 block text-sm font-medium text-slate-800";
export const buttonClass = "rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60";

/** The error line under a field, tied to it by id (render it with FieldError). */
export function fieldError(fieldErrors: Record<string, string>, prefix: string, name: string) {
  return fieldErrors[name] ? { id: `${prefix}-${name}-error`, text: fieldErrors[name] } : null;
}
