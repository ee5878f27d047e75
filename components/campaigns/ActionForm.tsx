"use client";
// A form whose fields are rendered on the server (labels, options, values) and
// submitted to a guarded server action. On failure it shows the action's message
// and each field's error next to the field's label text; on success it goes to
// `successHref` ({id} filled from the answer) or refreshes the page and says so.
import type { ReactNode } from "react";
import { FormError } from "@/components/FormError";
import { useActionForm } from "@/components/use-action-form";

type Result = { ok: true; data: unknown } | { ok: false; message: string; fieldErrors?: Record<string, string> };

type Props = {
  action: (form: FormData) => Promise<Result>;
  children: ReactNode;
  submitText: string;
  pendingText: string;
  /** field name → its label, to name the field in an error */
  labels?: Record<string, string>;
  successHref?: string;
  successText?: string;
  /** the submit button's look */
  tone?: "primary" | "secondary" | "danger";
  testId?: string;
  className?: string;
  encType?: "multipart/form-data";
};

const tones = {
  primary: "bg-blue-700 text-white hover:bg-blue-800",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-50",
  danger: "bg-red-700 text-white hover:bg-red-800",
};

export function ActionForm({ action, children, submitText, pendingText, labels = {}, successHref, successText, tone = "primary", testId, className, encType }: Props) {
  const form = useActionForm(action, {
    redirectTo: successHref ? (data) => {
      const id = (data as { id?: unknown } | null)?.id;
      return successHref.replace("{id}", typeof id === "string" ? id : "");
    } : undefined,
  });
  const fields = Object.entries(form.fieldErrors);

  return (
    <form onSubmit={form.onSubmit} className={className} data-testid={testId} encType={encType} noValidate>
      {form.error ? (
        <div data-testid="form-error">
          <FormError message={form.error} />
          {fields.length ? (
            <ul className="mb-4 list-disc pl-6 text-sm text-red-800">
              {fields.map(([field, msg]) => <li key={field}>{labels[field] ? `${labels[field]}: ` : ""}{msg}</li>)}
            </ul>
          ) : null}
        </div>
      ) : null}
      {children}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={form.pending} className={`rounded px-4 py-2 font-medium disabled:opacity-60 ${tones[tone]}`}>
          {form.pending ? pendingText : submitText}
        </button>
        {form.done && successText ? <p role="status" className="text-sm text-green-800">{successText}</p> : null}
      </div>
    </form>
  );
}
