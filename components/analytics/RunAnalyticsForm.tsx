"use client";
// "Recompute" for one part of the analytics (scores, clusters, basket rules): posts
// the form to the server action, which only enqueues the job, and says so.
import { useState, useTransition, type FormEvent, type ReactNode } from "react";
import { runAnalyticsAction } from "@/app/(app)/analytics/actions";

export function RunAnalyticsForm({ part, label, queued, children, testId }: {
  part: "scoring" | "clusters" | "basket";
  label: string;
  queued: string;
  /** Extra labelled inputs (k range, thresholds). */
  children?: ReactNode;
  testId?: string;
}) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    start(async () => {
      const res = await runAnalyticsAction(form);
      if (res.ok) setMessage({ ok: true, text: queued });
      else setMessage({ ok: false, text: [res.message, ...Object.values(res.fieldErrors ?? {})].join(" ") });
    });
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" data-testid={testId ?? `run-${part}`}>
      <input type="hidden" name="part" value={part} />
      {children}
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {label}
      </button>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-slate-800" : "text-red-700"}`}>{message.text}</p>
      ) : null}
    </form>
  );
}

/** A small labelled number input for the forms above. */
export function NumberInput({ name, label, defaultValue, min, max, step }: {
  name: string; label: string; defaultValue: number; min: number; max: number; step?: number;
}) {
  return (
    <label className="flex flex-col text-sm font-medium text-slate-800">
      {label}
      <input type="number" name={name} defaultValue={defaultValue} min={min} max={max} step={step ?? 1}
        className="mt-1 w-28 rounded border border-slate-400 px-2 py-1.5 text-slate-900" />
    </label>
  );
}
