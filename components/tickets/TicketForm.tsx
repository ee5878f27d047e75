"use client";
// Open a ticket for a customer, or edit one. The server action checks the
// permission (ticket:create / ticket:update) and that the customer is in scope.
import { useRouter } from "next/navigation";
import { createTicketAction } from "@/app/(app)/tickets/actions";
import { updateTicketAction } from "@/app/(app)/tickets/[id]/actions";
import { FormError } from "@/components/FormError";
import { FieldError } from "@/components/FieldError";
import { buttonClass, fieldError, inputClass, labelClass, useActionForm } from "@/components/use-action-form";
import { BODY_MAX, SUBJECT_MAX, TICKET_KINDS } from "@/lib/tickets/schemas";

export type TicketFormText = {
  kind: string; subject: string; body: string; assignee: string; nobody: string; submit: string; saving: string; saved: string;
  kinds: Record<string, string>;
};

type Initial = { id: string; kind: string; subject: string; body: string | null; assigneeUserId: string | null };

export function TicketForm({ customerId, ticket, assignees, text }: {
  customerId?: string; ticket?: Initial; assignees: { id: string; name: string }[]; text: TicketFormText;
}) {
  const router = useRouter();
  const form = useActionForm<{ id: string }>(ticket ? updateTicketAction : createTicketAction, {
    extra: ticket ? { id: ticket.id } : { customerId: customerId ?? "" },
    onDone: (data) => { if (!ticket) router.push(`/tickets/${data.id}?created=1`); },
  });
  const err = (name: string) => fieldError(form.fieldErrors, "tk", name);
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4" data-testid="ticket-form">
      <FormError message={form.error} />
      {form.done && ticket ? <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-sm text-green-900">{text.saved}</p> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="tk-kind" className={labelClass}>{text.kind}</label>
          <select id="tk-kind" name="kind" defaultValue={ticket?.kind ?? "consultation"} className={inputClass} aria-describedby={err("kind")?.id}>
            {TICKET_KINDS.map((k) => <option key={k} value={k}>{text.kinds[k] ?? k}</option>)}
          </select>
          <FieldError error={err("kind")} />
        </div>
        <div>
          <label htmlFor="tk-assignee" className={labelClass}>{text.assignee}</label>
          <select id="tk-assignee" name="assigneeUserId" defaultValue={ticket?.assigneeUserId ?? ""} className={inputClass} aria-describedby={err("assigneeUserId")?.id}>
            <option value="">{text.nobody}</option>
            {assignees.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
          <FieldError error={err("assigneeUserId")} />
        </div>
      </div>
      <div>
        <label htmlFor="tk-subject" className={labelClass}>{text.subject}</label>
        <input id="tk-subject" name="subject" required maxLength={SUBJECT_MAX} defaultValue={ticket?.subject ?? ""} className={inputClass}
          aria-invalid={err("subject") ? true : undefined} aria-describedby={err("subject")?.id} />
        <FieldError error={err("subject")} />
      </div>
      <div>
        <label htmlFor="tk-body" className={labelClass}>{text.body}</label>
        <textarea id="tk-body" name="body" rows={5} maxLength={BODY_MAX} defaultValue={ticket?.body ?? ""} className={inputClass} aria-describedby={err("body")?.id} />
        <FieldError error={err("body")} />
      </div>
      <button type="submit" disabled={form.pending} className={buttonClass}>{form.pending ? text.saving : text.submit}</button>
    </form>
  );
}
