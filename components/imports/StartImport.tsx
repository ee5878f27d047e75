"use client";
// After the check: run the import for real, or drop it.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { cancelImportAction, startImportAction } from "@/app/(app)/imports/actions";
import { FormError } from "@/components/FormError";

export function StartImport({ importId, text }: { importId: string; text: Record<"start" | "starting" | "discard" | "discarding", string> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [which, setWhich] = useState<"start" | "discard" | null>(null);
  const [error, setError] = useState<string | null>(null);

  function go(kind: "start" | "discard") {
    setWhich(kind);
    start(async () => {
      const res = kind === "start" ? await startImportAction({ importId }) : await cancelImportAction({ importId });
      if (!res.ok) setError(res.message);
      else router.refresh();
    });
  }

  return (
    <div className="mt-4" data-testid="import-start">
      <FormError message={error} />
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={() => go("start")} disabled={pending} className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          {pending && which === "start" ? text.starting : text.start}
        </button>
        <button type="button" onClick={() => go("discard")} disabled={pending} className="rounded border border-slate-500 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60">
          {pending && which === "discard" ? text.discarding : text.discard}
        </button>
      </div>
    </div>
  );
}
