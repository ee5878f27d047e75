"use client";
// A form whose fields are rendered on the server (labels, options, values) and
// submitted to a guarded server action. On failure it shows the action's message
// and each field's error next to the field's label text; on success it goes to
// `successHref` ({id} filled from the answer) or refreshes the page and says so.
import { useState, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { FormError } from "@/components/FormError";

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
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ message: string; fields: [string, string][] } | null>(null);
  const [done, setDone] = useState(false);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setDone(false);
    start(async () => {
      const result = await action(data);
      if (!result.ok) {
        setError({ message: result.message, fields: Object.entries(result.fieldErrors ?? {}) });
        return;
      }
      setError(null);
      const id = (result.data as { id?: unknown } | null)?.id;
      if (successHref) router.push(successHref.replace("{id}", typeof id === "string" ? id : ""));
      else {
        setDone(true);
        router.refresh();
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className={className} data-testid={testId} encType={encType} noValidate>
      {error ? (
        <div data-testid="form-error">
          <FormError message={error.message} />
          {error.fields.length ? (
            <ul className="mb-4 list-disc pl-6 text-sm text-red-800">
              {error.fields.map(([field, msg]) => <li key={field}>{labels[field] ? `${labels[field]}: ` : ""}{msg}</li>)}
            </ul>
          ) : null}
        </div>
      ) : null}
      {children}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={`rounded px-4 py-2 font-medium disabled:opacity-60 ${tones[tone]}`}>
          {pending ? pendingText : submitText}
        </button>
        {done && successText ? <p role="status" className="text-sm text-green-800">{successText}</p> : null}
      </div>
    </form>
  );
}
