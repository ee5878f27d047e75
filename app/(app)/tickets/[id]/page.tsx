import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/format/display";
import { assigneeOptions, ticketDetail } from "@/lib/tickets/queries";
import { Card, Facts } from "@/components/customers/Card";
import { TicketBadges } from "@/components/tickets/TicketBadges";
import { TicketForm } from "@/components/tickets/TicketForm";
import { TicketStatusButton } from "@/components/tickets/TicketStatusButton";
import { ticketFormText } from "@/components/tickets/form-text";

// One ticket. Absent, another tenant's, its customer outside the caller's
// ticket:read scope, or malformed: the same 404. Editing, closing and reopening
// need ticket:update (the actions check the scope of that grant again).
export default definePage("ticket:read", async ({ ctx, params, searchParams }) => {
  const ticket = await ticketDetail(ctx, params.id ?? "");
  if (!ticket) notFound();
  const [t, locale] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale)]);
  const mayUpdate = can(ctx, "ticket:update");
  const assignees = mayUpdate ? await assigneeOptions(ctx) : [];
  return (
    <div className="max-w-4xl space-y-4">
      <Link href="/tickets" className="text-blue-700 underline">← {t("tickets.back")}</Link>
      {searchParams.created === "1" ? (
        <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900">{t("tickets.new.created")}</p>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-2xl font-semibold" data-testid="ticket-subject">{ticket.subject}</h1>
        {mayUpdate ? (
          <TicketStatusButton id={ticket.id} status={ticket.status}
            text={{ close: t("tickets.close"), reopen: t("tickets.reopen"), saving: t("service.saving") }} />
        ) : null}
      </div>
      <Card id="ticket-facts" title={t("tickets.detail.facts")}>
        <Facts items={[
          [t("tickets.field.kindStatus"), <TicketBadges key="b" kind={ticket.kind} status={ticket.status} t={t} />],
          [t("tickets.col.customer"), <Link key="c" href={`/customers/${ticket.customerId}`} className="text-blue-700 underline">{ticket.customerName}</Link>],
          [t("tickets.field.assignee"), ticket.assigneeName ?? t("tickets.nobody")],
          [t("tickets.col.opened"), formatDateTime(ticket.openedAt, locale, ticket.timeZone)],
          [t("tickets.col.closed"), ticket.closedAt ? formatDateTime(ticket.closedAt, locale, ticket.timeZone) : "—"],
        ]} />
        {ticket.body ? <p className="mt-3 whitespace-pre-line text-sm text-slate-900">{ticket.body}</p> : null}
      </Card>
      {mayUpdate ? (
        <Card id="ticket-edit" title={t("tickets.edit.title")}>
          <TicketForm key={`${ticket.id}-${ticket.status}`} ticket={ticket} assignees={assignees} text={ticketFormText(t)} />
        </Card>
      ) : null}
    </div>
  );
});
