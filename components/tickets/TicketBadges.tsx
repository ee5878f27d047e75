import type { Translate } from "@/lib/i18n/translate";

export function TicketBadges({ kind, status, t }: { kind: string; status: string; t: Translate }) {
  return (
    <span className="flex flex-wrap gap-1">
      <span className={`rounded px-2 py-0.5 text-xs ${kind === "complaint" ? "bg-red-50 text-red-900" : "bg-slate-100 text-slate-800"}`}>
        {t(`customers.ticketKind.${kind}`)}
      </span>
      <span className={`rounded px-2 py-0.5 text-xs ${status === "open" ? "bg-amber-50 text-amber-900" : "bg-green-50 text-green-900"}`} data-testid="ticket-status">
        {t(`customers.ticketStatus.${status}`)}
      </span>
    </span>
  );
}
