"use client";
// Close or reopen a ticket (ticket:update); the page refreshes with the new status.
import { closeTicketAction, reopenTicketAction } from "@/app/(app)/tickets/[id]/actions";
import { FormError } from "@/components/FormError";
import { useActionForm } from "@/components/use-action-form";

export function TicketStatusButton({ id, status, text }: { id: string; status: string; text: { close: string; reopen: string; saving: string } }) {
  const closing = status === "open";
  const form = useActionForm(closing ? closeTicketAction : reopenTicketAction, { extra: { id } });
  return (
    <form onSubmit={form.onSubmit} data-testid="ticket-status-form">
      <FormError message={form.error} />
      <button type="submit" disabled={form.pending} data-testid={closing ? "close-ticket" : "reopen-ticket"}
        className={closing ? "rounded bg-slate-800 px-4 py-2 font-medium text-white hover:bg-slate-900 disabled:opacity-60"
          : "rounded border border-slate-500 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-60"}>
        {form.pending ? text.saving : closing ? text.close : text.reopen}
      </button>
    </form>
  );
}
