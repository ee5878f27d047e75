"use client";
// The last step of a merge: confirm what the preview showed. The action re-checks
// both customers (scope, tenant, live) and the versions the preview was made from.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { mergeCustomersAction } from "@/app/(app)/customers/actions";
import { FormError } from "@/components/FormError";

export type MergeConfirmText = Record<"confirm" | "merging" | "help", string>;

type Props = { survivorId: string; survivorVersion: number; otherId: string; otherVersion: number; text: MergeConfirmText };

export function MergeConfirm({ survivorId, survivorVersion, otherId, otherVersion, text }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function merge() {
    start(async () => {
      const result = await mergeCustomersAction({
        customerId: survivorId, otherCustomerId: otherId, customerVersion: survivorVersion, otherVersion,
      });
      if (!result.ok) {
        setError(result.message);
        if (result.code === "conflict") router.refresh();
        return;
      }
      router.push(`/customers/${result.data.survivorId}?merged=1`);
    });
  }

  return (
    <div className="space-y-2" data-testid="merge-confirm">
      <FormError message={error} />
      <p id="merge-confirm-help" className="text-sm text-slate-700">{text.help}</p>
      <button type="button" onClick={merge} disabled={pending} aria-describedby="merge-confirm-help"
        className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60">
        {pending ? text.merging : text.confirm}
      </button>
    </div>
  );
}
