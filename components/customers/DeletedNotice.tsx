"use client";
// After a delete, on the list: what happened, and an undo (restore) while it is fresh.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { restoreCustomerAction } from "@/app/(app)/customers/actions";

export type DeletedNoticeText = Record<"done" | "undo" | "restoring", string>;

export function DeletedNotice({ customerId, mayRestore, text }: { customerId: string; mayRestore: boolean; text: DeletedNoticeText }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function undo() {
    start(async () => {
      const result = await restoreCustomerAction({ customerId });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      router.push(`/customers/${customerId}?restored=1`);
    });
  }

  return (
    <div role="status" className="mb-4 flex flex-wrap items-center gap-3 rounded border border-slate-300 bg-slate-50 p-3 text-sm text-slate-900" data-testid="deleted-notice">
      <span>{text.done}</span>
      {mayRestore ? (
        <button type="button" onClick={undo} disabled={pending} className="font-medium text-blue-700 underline disabled:opacity-60">
          {pending ? text.restoring : text.undo}
        </button>
      ) : null}
      {error ? <span className="text-red-700">{error}</span> : null}
    </div>
  );
}
