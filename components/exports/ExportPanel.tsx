"use client";
// Export the current list: pick columns, start, watch a progress bar fed by the
// export's own row (so a reload picks the bar up again), then download.
import { useEffect, useState, useTransition } from "react";
import { requestCustomerExportAction } from "@/app/(app)/exports/actions";
import { FormError } from "@/components/FormError";

export type ExportText = Record<
  "exports.title" | "exports.intro" | "exports.columns" | "exports.start" | "exports.starting" | "exports.queued" | "exports.running"
  | "exports.runningUnknown" | "exports.succeeded" | "exports.failed" | "exports.download" | "exports.progress",
  string
>;
type Status = { id: string; status: "queued" | "running" | "succeeded" | "failed"; rowsDone: number; rowsTotal: number | null; error: string | null };
type Column = { key: string; label: string; checked: boolean };

const fill = (s: string, p: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in p ? String(p[k]) : m));

export function ExportPanel({ text, columns, filters, resume }: { text: ExportText; columns: Column[]; filters: Record<string, string>; resume: Status | null }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(resume);
  const active = status && (status.status === "queued" || status.status === "running");

  useEffect(() => {
    if (!status || !active) return;
    const timer = setInterval(async () => {
      const res = await fetch(`/api/exports/${status.id}`, { cache: "no-store" });
      if (res.ok) setStatus(await res.json());
    }, 1_000);
    return () => clearInterval(timer);
  }, [status, active]);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    form.set("filters", JSON.stringify(filters));
    setError(null);
    start(async () => {
      const res = await requestCustomerExportAction(form);
      if (!res.ok) setError(res.fieldErrors ? Object.values(res.fieldErrors)[0] ?? res.message : res.message);
      else setStatus({ id: res.data.exportId, status: "queued", rowsDone: 0, rowsTotal: null, error: null });
    });
  }

  const percent = status?.rowsTotal ? Math.min(100, Math.round((status.rowsDone / status.rowsTotal) * 100)) : status?.status === "succeeded" ? 100 : 0;
  const label = !status ? "" : status.status === "queued" ? text["exports.queued"]
    : status.status === "running" ? fill(status.rowsTotal !== null ? text["exports.running"] : text["exports.runningUnknown"], { done: status.rowsDone.toLocaleString(), total: (status.rowsTotal ?? 0).toLocaleString() })
    : status.status === "succeeded" ? fill(text["exports.succeeded"], { done: status.rowsDone.toLocaleString() })
    : fill(text["exports.failed"], { error: status.error ?? "" });

  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3" open={Boolean(status)} data-testid="export-panel">
      <summary className="cursor-pointer font-medium text-slate-900">{text["exports.title"]}</summary>
      <p className="mt-2 text-sm text-slate-700">{text["exports.intro"]}</p>
      <form onSubmit={onSubmit} className="mt-3">
        <FormError message={error} />
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800">{text["exports.columns"]}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {columns.map((c) => (
              <label key={c.key} className="flex items-center gap-1 text-sm text-slate-900">
                <input type="checkbox" name="columns[]" value={c.key} defaultChecked={c.checked} />
                {c.label}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" disabled={pending || Boolean(active)} className="mt-3 rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          {pending ? text["exports.starting"] : text["exports.start"]}
        </button>
      </form>
      {status ? (
        <div className="mt-3" data-testid="export-status">
          <div role="progressbar" aria-label={text["exports.progress"]} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full max-w-md rounded bg-slate-200">
            <div className={status.status === "failed" ? "h-2 rounded bg-red-700" : "h-2 rounded bg-blue-700"} style={{ width: `${percent}%` }} />
          </div>
          <p role="status" className="mt-1 text-sm text-slate-800">{label}</p>
          {status.status === "succeeded" ? (
            <a href={`/api/exports/${status.id}/download`} className="mt-1 inline-block text-blue-700 underline" data-testid="export-download">{text["exports.download"]}</a>
          ) : null}
        </div>
      ) : null}
    </details>
  );
}
