import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";
import type { TicketFilters } from "@/lib/tickets/schemas";

const input = "rounded border border-slate-400 bg-white px-3 py-2 text-slate-900";
const label = "mb-1 block text-sm font-medium text-slate-800";

/** A plain GET form: works without JavaScript, and the URL is the filter. */
export function TicketFiltersForm({ filters, assignees, kinds, filtered, t }: {
  filters: TicketFilters; assignees: { id: string; name: string }[]; kinds: readonly string[]; filtered: boolean; t: Translate;
}) {
  return (
    <form method="get" action="/tickets" aria-label={t("service.filters")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <label htmlFor="tf-kind" className={label}>{t("tickets.field.kind")}</label>
        <select id="tf-kind" name="kind" defaultValue={filters.kind ?? ""} className={input}>
          <option value="">{t("service.filter.any")}</option>
          {kinds.map((k) => <option key={k} value={k}>{t(`customers.ticketKind.${k}`)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="tf-status" className={label}>{t("tickets.field.status")}</label>
        <select id="tf-status" name="status" defaultValue={filters.status ?? ""} className={input}>
          <option value="">{t("service.filter.any")}</option>
          <option value="open">{t("customers.ticketStatus.open")}</option>
          <option value="closed">{t("customers.ticketStatus.closed")}</option>
        </select>
      </div>
      <div>
        <label htmlFor="tf-assignee" className={label}>{t("tickets.field.assignee")}</label>
        <select id="tf-assignee" name="assignee" defaultValue={filters.assignee ?? ""} className={input}>
          <option value="">{t("service.filter.anyone")}</option>
          <option value="me">{t("tickets.filter.me")}</option>
          <option value="none">{t("tickets.nobody")}</option>
          {assignees.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="tf-from" className={label}>{t("service.filter.from")}</label>
        <input id="tf-from" name="from" type="date" defaultValue={filters.from ?? ""} className={input} />
      </div>
      <div>
        <label htmlFor="tf-to" className={label}>{t("service.filter.to")}</label>
        <input id="tf-to" name="to" type="date" defaultValue={filters.to ?? ""} className={input} />
      </div>
      <div>
        <label htmlFor="tf-customer" className={label}>{t("service.filter.customer")}</label>
        <input id="tf-customer" name="customer" defaultValue={filters.customer} className={input} aria-describedby="tf-customer-help" />
        <p id="tf-customer-help" className="mt-1 text-xs text-slate-700">{t("service.filter.customerHelp")}</p>
      </div>
      <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("service.filter.apply")}</button>
      {filtered ? <Link href="/tickets" className="py-2 text-blue-700 underline">{t("service.filter.clear")}</Link> : null}
    </form>
  );
}
