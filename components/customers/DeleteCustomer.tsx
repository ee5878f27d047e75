"use client";
// Soft-delete from the 360 view, behind a confirmation that says what happens.
// The action re-checks customer:delete, the scope and the version shown here.
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteCustomerAction } from "@/app/(app)/customers/actions";
import { FormError } from "@/components/FormError";

export type DeleteCustomerText = Record<"button" | "confirmTitle" | "confirmBody" | "confirm" | "cancel" | "deleting", string>;

export function DeleteCustomer({ customerId, version, text }: { customerId: string; version: number; text: DeleteCustomerText }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);

  function confirm() {
    start(async () => {
      const result = await deleteCustomerAction({ customerId, version });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      router.push(`/customers?deleted=${customerId}`);
    });
  }

  if (!open) {
    return (
      <button ref={openerRef} type="button" onClick={() => { setOpen(true); setTimeout(() => titleRef.current?.focus(), 0); }}
        className="rounded border border-red-700 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50" data-testid="delete-customer">
        {text.button}
      </button>
    );
  }
  return (
    <section role="alertdialog" aria-labelledby="delete-customer-title" aria-describedby="delete-customer-body"
      className="w-full rounded-lg border border-red-300 bg-red-50 p-4" data-testid="delete-confirm">
      <h2 id="delete-customer-title" ref={titleRef} tabIndex={-1} className="text-base font-semibold text-red-900">{text.confirmTitle}</h2>
      <p id="delete-customer-body" className="mt-1 text-sm text-red-900">{text.confirmBody}</p>
      <FormError message={error} />
      <div className="mt-3 flex gap-3">
        <button type="button" onClick={confirm} disabled={pending} className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60">
          {pending ? text.deleting : text.confirm}
        </button>
        <button type="button" onClick={() => { setOpen(false); setError(null); setTimeout(() => openerRef.current?.focus(), 0); }}
          className="rounded border border-slate-400 bg-white px-4 py-2 text-slate-900 hover:bg-slate-50">
          {text.cancel}
        </button>
      </div>
    </section>
  );
}
