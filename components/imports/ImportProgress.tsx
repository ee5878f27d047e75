"use client";
// The progress bar of a queued or running import (or its check), fed by the import's
// own row through /api/imports/[id], so a reload or another tab shows the same bar.
// When it ends the page re-renders with the outcome.
import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { cancelImportAction } from "@/app/(app)/imports/actions";
import { FormError } from "@/components/FormError";

export type ProgressState = {
  id: string; status: string; phase: string | null; mode: string | null; percent: number; rowsDone: number; rowsTotal: number | null;
  rate: number | null; secondsLeft: number | null; cancelRequested: boolean; active: boolean;
};

export type ProgressText = Record<
  "label" | "queued" | "reading" | "rate" | "timeLeft" | "applying" | "checking" | "finished" | "cancel" | "cancelling" | "cancelRequested",
  string
>;

const fill = (s: string, p: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in p ? String(p[k]) : m));

export function ImportProgress({ initial, text, locale, canCancel }: { initial: ProgressState; text: ProgressText; locale: string; canCancel: boolean }) {
  const router = useRouter();
  const [p, setP] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const n = (x: number) => x.toLocaleString(locale);

  useEffect(() => {
    if (!p.active) {
      router.refresh();
      return;
    }
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/imports/${p.id}`, { cache: "no-store" });
        if (res.ok) setP(await res.json());
      } catch {
        // A missed poll is retried on the next tick.
        setP((x) => ({ ...x }));
      }
    }, 1_000);
    return () => clearTimeout(timer);
  }, [p, router]);

  function cancel() {
    start(async () => {
      const res = await cancelImportAction({ importId: p.id });
      if (!res.ok) setError(res.message);
      else setP((x) => ({ ...x, cancelRequested: true }));
    });
  }

  let line: string;
  if (!p.active) line = text.finished;
  else if (p.status === "queued" || !p.phase) line = text.queued;
  else if (p.phase === "applying") line = p.mode === "dry_run" ? text.checking : fill(text.applying, { rows: n(p.rowsTotal ?? p.rowsDone) });
  else {
    line = fill(text.reading, { rows: n(p.rowsDone) });
    if (p.rate) line += " · " + fill(text.rate, { rate: n(p.rate) });
    if (p.secondsLeft !== null) line += " · " + fill(text.timeLeft, { seconds: n(p.secondsLeft) });
  }

  return (
    <section className="mb-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="import-progress">
      <FormError message={error} />
      <div role="progressbar" aria-label={text.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={p.percent} className="h-3 w-full rounded bg-slate-200">
        <div className="h-3 rounded bg-blue-700 transition-all" style={{ width: `${p.percent}%` }} />
      </div>
      <p role="status" className="mt-2 text-sm text-slate-800" data-testid="import-progress-text">{p.percent}% · {line}</p>
      {p.cancelRequested ? <p className="mt-1 text-sm text-amber-900">{text.cancelRequested}</p> : null}
      {canCancel && p.active && !p.cancelRequested ? (
        <button type="button" onClick={cancel} disabled={pending} className="mt-3 rounded border border-red-700 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60">
          {pending ? text.cancelling : text.cancel}
        </button>
      ) : null}
    </section>
  );
}
