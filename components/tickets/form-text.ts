// Translated strings for the ticket forms (client components cannot call getT).
import type { Translate } from "@/lib/i18n/translate";
import type { TicketFormText } from "@/components/tickets/TicketForm";
import { TICKET_KINDS } from "@/lib/tickets/schemas";

export function ticketFormText(t: Translate): TicketFormText {
  return {
    kind: t("tickets.field.kind"), subject: t("tickets.field.subject"), body: t("tickets.field.body"),
    assignee: t("tickets.field.assignee"), nobody: t("tickets.nobody"), submit: t("tickets.edit.submit"),
    saving: t("service.saving"), saved: t("tickets.edit.saved"),
    kinds: Object.fromEntries(TICKET_KINDS.map((k) => [k, t(`customers.ticketKind.${k}`)])),
  };
}
