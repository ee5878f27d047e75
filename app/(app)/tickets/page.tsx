import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/context";
import { getLocale, getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/format/display";
import { assigneeOptions, listTickets } from "@/lib/tickets/queries";
import { parseTicketFilters, TICKET_KINDS, type TicketFilters } from "@/lib/tickets/schemas";
import { EmptyState } from "@/components/EmptyState";
import { TicketFiltersForm } from "@/components/tickets/TicketFiltersForm";
import { TicketBadges } from "@/components/tickets/TicketBadges";

function hrefFor(f: TicketFilters, page: number): string {
  const q = new URLSearchParams();
  for (const k of ["kind", "status", "assignee", "from", "to", "customer"] as const) if (f[k]) q.set(k, String(f[k]));
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `/tickets?${s}` : "/tickets";
}

// Service tickets of the customers in the caller's ticket:read scope, newest first.
export default definePage("ticket:read", async ({ ctx, searchParams }) => {
  const { filters, invalid } = parseTicketFilters(searchParams);
  const [t, locale, data, assignees] = await Promise.all([
    getT(ctx.locale), getLocale(ctx.locale), listTickets(ctx, filters), assigneeOptions(ctx),
  ]);
  const filtered = Boolean(filters.kind || filters.status || filters.assignee || filters.from || filters.to || filters.customer);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("tickets.title")}</h1>
        {can(ctx, "ticket:create") ? (
          <Link href="/tickets/new" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800" data-testid="new-ticket">{t("tickets.new.button")}</Link>
        ) : null}
      </div>
      <p className="text-slate-700">{t("tickets.intro")}</p>
      {invalid.length ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("service.filter.invalid", { fields: invalid.map((f) => t(`service.filter.${f}`)).join(t("service.listSeparator")) })}
        </p>
      ) : null}
      <TicketFiltersForm filters={filters} assignees={assignees} t={t} kinds={TICKET_KINDS} filtered={filtered} />
      {data.rows.length === 0 ? (
        <EmptyState title={filtered ? t("tickets.empty.filteredTitle") : t("tickets.empty.title")} body={filtered ? t("tickets.empty.filteredBody") : t("tickets.empty.body")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm" data-testid="tickets-table">
            <caption className="sr-only">{t("tickets.caption")}</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t("tickets.col.subject")}</th>
                <th scope="col" className="px-3 py-2">{t("tickets.col.kindStatus")}</th>
                <th scope="col" className="px-3 py-2">{t("tickets.col.customer")}</th>
                <th scope="col" className="px-3 py-2">{t("tickets.col.assignee")}</th>
                <th scope="col" className="px-3 py-2">{t("tickets.col.opened")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-2 font-normal"><Link href={`/tickets/${r.id}`} className="text-blue-700 underline">{r.subject}</Link></th>
                  <td className="px-3 py-2"><TicketBadges kind={r.kind} status={r.status} t={t} /></td>
                  <td className="px-3 py-2"><Link href={`/customers/${r.customerId}`} className="text-blue-700 underline">{r.customerName}</Link></td>
                  <td className="px-3 py-2">{r.assigneeName ?? t("tickets.nobody")}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(r.openedAt, locale, data.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("service.pagination")} className="flex gap-6">
        {filters.page > 1 ? <Link rel="prev" className="text-blue-700 underline" href={hrefFor(filters, filters.page - 1)}>← {t("service.previous")}</Link> : null}
        {data.hasNext ? <Link rel="next" className="text-blue-700 underline" href={hrefFor(filters, filters.page + 1)}>{t("service.next")} →</Link> : null}
      </nav>
    </div>
  );
});
