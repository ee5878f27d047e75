"use client";
// A form posting to one server action: disables itself while pending (a double
// click submits once), carries a one-time request key (the server turns a repeated
// key into the same result), shows the action's message and field errors, and
// refreshes the page on success.
import type { ReactNode } from "react";
import { FormError } from "@/components/FormError";
import { useActionForm } from "@/components/use-action-form";

type Result = { ok: true; data: unknown } | { ok: false; message: string; fieldErrors?: Record<string, string> };

export function ActionForm({ action, hidden, submit, pending: pendingText, done, children, testId, className, danger }: {
  action: (form: FormData) => Promise<Result>;
  hidden: Record<string, string | number>;
  submit: string;
  pending: string;
  done: string;
  children?: ReactNode;
  testId?: string;
  className?: string;
  danger?: boolean;
}) {
  const form = useActionForm(action, { extra: hidden, requestKey: true });
  const errors = Object.entries(form.fieldErrors);
  return (
    <form onSubmit={form.onSubmit} noValidate className={className ?? "space-y-3"} data-testid={testId}>
      <FormError message={form.error} />
      {errors.length ? (
        <ul role="alert" className="list-disc pl-5 text-sm text-red-700">{errors.map(([k, v]) => <li key={k} data-field={k}>{v}</li>)}</ul>
      ) : null}
      {form.done ? <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-sm text-green-900">{done}</p> : null}
      {children}
      <button type="submit" disabled={form.pending} aria-busy={form.pending}
        className={`rounded px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${danger ? "bg-red-700 hover:bg-red-800" : "bg-blue-700 hover:bg-blue-800"}`}>
        {form.pending ? pendingText : submit}
      </button>
    </form>
  );
}
