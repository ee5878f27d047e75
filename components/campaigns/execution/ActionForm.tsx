"use client";
// A form posting to one server action: disables itself while pending (a double
// click submits once), carries a one-time request key (the server turns a repeated
// key into the same result), shows the action's message and field errors, and
// refreshes the page on success.
import { useState, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { FormError } from "@/components/FormError";

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
  const router = useRouter();
  const [isPending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [ok, setOk] = useState(false);
  const [requestKey, setRequestKey] = useState(() => `rk-${crypto.randomUUID()}`);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (isPending) return;
    const form = new FormData(e.currentTarget);
    for (const [k, v] of Object.entries(hidden)) form.set(k, String(v));
    form.set("requestKey", requestKey);
    setOk(false);
    start(async () => {
      const result = await action(form);
      if (!result.ok) {
        setError(result.message);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setError(null);
      setFieldErrors({});
      setOk(true);
      setRequestKey(`rk-${crypto.randomUUID()}`);
      router.refresh();
    });
  }

  const errors = Object.entries(fieldErrors);
  return (
    <form onSubmit={onSubmit} noValidate className={className ?? "space-y-3"} data-testid={testId}>
      <FormError message={error} />
      {errors.length ? (
        <ul role="alert" className="list-disc pl-5 text-sm text-red-700">{errors.map(([k, v]) => <li key={k} data-field={k}>{v}</li>)}</ul>
      ) : null}
      {ok ? <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-sm text-green-900">{done}</p> : null}
      {children}
      <button type="submit" disabled={isPending} aria-busy={isPending}
        className={`rounded px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${danger ? "bg-red-700 hover:bg-red-800" : "bg-blue-700 hover:bg-blue-800"}`}>
        {isPending ? pendingText : submit}
      </button>
    </form>
  );
}
