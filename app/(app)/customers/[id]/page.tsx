import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { getCustomer360 } from "@/lib/customers/detail";
import { manualTagNames } from "@/lib/customers/queries";
import { Card } from "@/components/customers/Card";
import { ProfileCard } from "@/components/customers/ProfileCard";
import { IdentitiesCard } from "@/components/customers/IdentitiesCard";
import { MembershipCard } from "@/components/customers/MembershipCard";
import { ScoresCard } from "@/components/customers/ScoresCard";
import { OrdersCard } from "@/components/customers/OrdersCard";
import { TicketsCard } from "@/components/customers/TicketsCard";
import { Timeline } from "@/components/customers/Timeline";
import { TagEditor } from "@/components/customers/TagEditor";
import { InteractionForm } from "@/components/customers/InteractionForm";
import { interactionFormText, tagEditorText } from "@/components/customers/form-text";

// Another tenant's customer, one outside the caller's data scope, a deleted one and
// a malformed id all get the same 404: the page never confirms that an id exists.
export default definePage("customer:read", async ({ ctx, params }) => {
  const customer = await getCustomer360(ctx, params.id ?? "");
  if (!customer) notFound();
  const [t, locale, suggestions] = await Promise.all([
    getT(ctx.locale), getLocale(ctx.locale), customer.may.editTags ? manualTagNames(ctx) : Promise.resolve([]),
  ]);
  return (
    <div className="space-y-4">
      <Link href="/customers" className="text-blue-700 underline">← {t("customers.back")}</Link>
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">{customer.profile.name}</h1>
        <h2 className="sr-only">{t("customers.tags")}</h2>
        <div className="mt-2">
          {customer.may.editTags ? (
            <TagEditor customerId={customer.id} tags={customer.tags} suggestions={suggestions} text={tagEditorText(t)} />
          ) : (
            <ul className="flex flex-wrap gap-1" data-testid="customer-tags">
              {customer.tags.map((g) => <li key={g.id} className="rounded bg-blue-50 px-2 py-0.5 text-sm text-blue-900">{g.name}</li>)}
              {customer.tags.length === 0 ? <li className="text-sm text-slate-700">{t("customers.tags.none")}</li> : null}
            </ul>
          )}
        </div>
      </header>
      <div className="grid gap-4 lg:grid-cols-3">
        <ProfileCard customer={customer} t={t} locale={locale} />
        <MembershipCard customer={customer} t={t} locale={locale} />
        <ScoresCard customer={customer} t={t} locale={locale} />
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {customer.may.logInteraction ? (
            <Card id="customer-log-interaction" title={t("customers.interaction.title")}>
              <InteractionForm customerId={customer.id} text={interactionFormText(t)} />
            </Card>
          ) : null}
          <OrdersCard customer={customer} t={t} locale={locale} />
          <TicketsCard customer={customer} t={t} locale={locale} />
          <IdentitiesCard customer={customer} t={t} locale={locale} />
        </div>
        <Timeline customer={customer} t={t} locale={locale} />
      </div>
    </div>
  );
});
