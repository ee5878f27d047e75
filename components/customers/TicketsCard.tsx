import Link from "next/link";
import type { Customer360 } from "@/lib/customers/detail";
import { formatDateTime } from "@/lib/format/display";
import type { Translate } from "@/lib/i18n/translate";
import { Card, NotAllowed } from "@/components/customers/Card";

export function TicketsCard({ customer, t, locale }: { customer: Customer360; t: Translate; locale: string }) {
  const s = customer.tickets;
  return (
    <Card id="customer-tickets" title={t("customers.tickets")}>
      {!s.allowed ? (
        <NotAllowed text={t("customers.section.notAllowed", { permission: "ticket:read" })} />
      ) : s.data.length === 0 ? (
        <p className="text-sm text-slate-700">{t("customers.tickets.none")}</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {s.data.map((ticket) => (
            <li key={ticket.id} className="flex flex-wrap gap-x-3 gap-y-1">
              <span className={`rounded px-2 py-0.5 text-xs ${ticket.kind === "complaint" ? "bg-red-50 text-red-900" : "bg-slate-100 text-slate-800"}`}>
                {t(`customers.ticketKind.${ticket.kind}`)}
              </span>
              <Link href={`/tickets/${ticket.id}`} className="font-medium text-blue-700 underline">{ticket.subject}</Link>
              <span className="text-slate-700">{formatDateTime(ticket.openedAt, locale, customer.timeZone)}</span>
              <span className="text-slate-700">{t(`customers.ticketStatus.${ticket.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
