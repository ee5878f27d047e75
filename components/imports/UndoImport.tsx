"use client";
// The import report's undo: a button, then a confirmation naming the file (a second
// click, not a browser dialog), then the job; the page refreshes into its result.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { undoImportAction } from "@/app/(app)/imports/[id]/undo-actions";
import { FormError } from "@/components/FormError";

export type UndoText = Record<"button" | "confirm" | "cancel" | "question" | "queued", string>;

export function UndoImport({ importId, text }: { importId: string; text: UndoText }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [queued, setQueued] = useState(false);

  function undo() {
    start(async () => {
      const res = await undoImportAction({ importId });
      if (!res.ok) setError(res.message);
      else {
        setQueued(true);
        router.refresh();
      }
      setAsking(false);
    });
  }

  if (queued) return <p role="status" className="mt-3 text-sm text-slate-700">{text.queued}</p>;
  return (
    <div className="mt-3" data-testid="import-undo">
      <FormError message={error} />
      {asking ? (
        <div role="group" aria-label={text.question} className="flex flex-wrap items-center gap-3">
          <span className="text-sm text-slate-800">{text.question}</span>
          <button type="button" onClick={undo} disabled={pending} className="rounded bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
            {text.confirm}
          </button>
          <button type="button" onClick={() => setAsking(false)} disabled={pending} className="rounded border border-slate-500 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
            {text.cancel}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setAsking(true)} className="rounded border border-red-700 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50">
          {text.button}
        </button>
      )}
    </div>
  );
}
