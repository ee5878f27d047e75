"use client";
// Submitting a form to a server action from a client component: pending state, the
// action's message and per-field errors, then a refresh (or a callback) on success.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";

type Result<R> = { ok: true; data: R } | { ok: false; message: string; fieldErrors?: Record<string, string> };

export function useActionForm<R>(
  action: (form: FormData) => Promise<Result<R>>,
  opts: { extra?: Record<string, string>; onDone?: (data: R, form: HTMLFormElement) => void } = {},
) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    for (const [k, v] of Object.entries(opts.extra ?? {})) form.set(k, v);
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
      setDone(true);
      if (opts.onDone) opts.onDone(result.data, formEl);
      router.refresh();
    });
  }
  return { onSubmit, pending, error, fieldErrors, done };
}

export const inputClass = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
export const labelClass = "mb-1 block text-sm font-medium text-slate-800";
export const buttonClass = "rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60";

/** The error line under a field, tied to it by id. */
export function fieldError(fieldErrors: Record<string, string>, prefix: string, name: string) {
  return fieldErrors[name] ? { id: `${prefix}-${name}-error`, text: fieldErrors[name] } : null;
}
