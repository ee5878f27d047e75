import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { assigneeOptions, ticketCustomer, ticketCustomerChoices } from "@/lib/tickets/queries";
import { TicketForm } from "@/components/tickets/TicketForm";
import { ticketFormText } from "@/components/tickets/form-text";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";

// Step 1: pick the customer (a search inside the caller's ticket:create scope).
// Step 2: the ticket form for that customer. The action checks the scope again.
export default definePage("ticket:create", async ({ ctx, searchParams }) => {
  const t = await getT(ctx.locale);
  const customerId = first(searchParams.customerId);
  const q = first(searchParams.q).slice(0, 100);
  const customer = customerId ? await ticketCustomer(ctx, customerId) : null;
  if (customer) {
    const assignees = await assigneeOptions(ctx);
    return (
      <div className="max-w-3xl space-y-4">
        <Link href="/tickets" className="text-blue-700 underline">← {t("tickets.back")}</Link>
        <h1 className="text-2xl font-semibold">{t("tickets.new.title")}</h1>
        <p className="text-slate-700" data-testid="ticket-customer">
          {t("tickets.new.for")} <Link href={`/customers/${customer.id}`} className="font-medium text-blue-700 underline">{customer.name}</Link>
          {" · "}<Link href="/tickets/new" className="text-blue-700 underline">{t("tickets.new.otherCustomer")}</Link>
        </p>
        <TicketForm customerId={customer.id} assignees={assignees} text={{ ...ticketFormText(t), submit: t("tickets.new.submit") }} />
      </div>
    );
  }
  const choices = await ticketCustomerChoices(ctx, q);
  return (
    <div className="max-w-3xl space-y-4">
      <Link href="/tickets" className="text-blue-700 underline">← {t("tickets.back")}</Link>
      <h1 className="text-2xl font-semibold">{t("tickets.new.title")}</h1>
      {customerId ? <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">{t("tickets.error.customerNotFound")}</p> : null}
      <form method="get" action="/tickets/new" role="search" aria-label={t("tickets.new.pick")} className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="tn-q" className="mb-1 block text-sm font-medium text-slate-800">{t("tickets.new.pick")}</label>
          <input id="tn-q" name="q" defaultValue={q} aria-describedby="tn-q-help" className="w-72 rounded border border-slate-400 px-3 py-2" />
          <p id="tn-q-help" className="mt-1 text-xs text-slate-700">{t("tickets.new.pickHelp")}</p>
        </div>
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">{t("tickets.new.search")}</button>
      </form>
      <h2 className="text-lg font-semibold">{q ? t("tickets.new.matches", { q }) : t("tickets.new.recent")}</h2>
      {choices.length === 0 ? (
        <p className="text-slate-700">{t("tickets.new.noMatches")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="ticket-customer-choices">
          {choices.map((c) => (
            <li key={c.id} className="flex items-center justify-between gap-3 px-3 py-2">
              <span>{c.name}{c.phone ? <span className="ml-2 text-sm text-slate-700">{c.phone}</span> : null}</span>
              <Link href={`/tickets/new?customerId=${c.id}`} className="text-blue-700 underline">
                {t("tickets.new.choose")}<span className="sr-only"> {c.name}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
