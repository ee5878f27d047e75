import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";
import type { TicketFilters } from "@/lib/tickets/schemas";
import { FilterInput, FilterSelect } from "@/components/FilterFields";

/** A plain GET form: works without JavaScript, and the URL is the filter. */
export function TicketFiltersForm({ filters, assignees, kinds, filtered, t }: {
  filters: TicketFilters; assignees: { id: string; name: string }[]; kinds: readonly string[]; filtered: boolean; t: Translate;
}) {
  return (
    <form method="get" action="/tickets" aria-label={t("service.filters")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <FilterSelect id="tf-kind" name="kind" label={t("tickets.field.kind")} value={filters.kind} anyText={t("service.filter.any")} wide={false}
        options={kinds.map((k) => ({ value: k, label: t(`customers.ticketKind.${k}`) }))} />
      <FilterSelect id="tf-status" name="status" label={t("tickets.field.status")} value={filters.status} anyText={t("service.filter.any")} wide={false}
        options={["open", "closed"].map((s) => ({ value: s, label: t(`customers.ticketStatus.${s}`) }))} />
      <FilterSelect id="tf-assignee" name="assignee" label={t("tickets.field.assignee")} value={filters.assignee} anyText={t("service.filter.anyone")} wide={false}
        extra={<><option value="me">{t("tickets.filter.me")}</option><option value="none">{t("tickets.nobody")}</option></>}
        options={assignees.map((a) => ({ value: a.id, label: a.name }))} />
      <FilterInput id="tf-from" name="from" type="date" label={t("service.filter.from")} value={filters.from} wide={false} />
      <FilterInput id="tf-to" name="to" type="date" label={t("service.filter.to")} value={filters.to} wide={false} />
      <FilterInput id="tf-customer" name="customer" label={t("service.filter.customer")} value={filters.customer} help={t("service.filter.customerHelp")} wide={false} />
      <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("service.filter.apply")}</button>
      {filtered ? <Link href="/tickets" className="py-2 text-blue-700 underline">{t("service.filter.clear")}</Link> : null}
    </form>
  );
}
