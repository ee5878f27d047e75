import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { getCustomer360 } from "@/lib/customers/detail";
import { manualTagNames } from "@/lib/customers/queries";
import { Card } from "@/components/customers/Card";
import { ProfileCard } from "@/components/customers/ProfileCard";
import { IdentitiesCard } from "@/components/customers/IdentitiesCard";
import { MembershipCard } from "@/components/customers/MembershipCard";
import { ScoresCard } from "@/components/customers/ScoresCard";
import { ScoreExplanations } from "@/components/segments/ScoreExplanations";
import { explainScores } from "@/lib/segments/score-explanations";
import { OrdersCard } from "@/components/customers/OrdersCard";
import { TicketsCard } from "@/components/customers/TicketsCard";
import { Timeline } from "@/components/customers/Timeline";
import { TagEditor } from "@/components/customers/TagEditor";
import { InteractionForm } from "@/components/customers/InteractionForm";
import { DeleteCustomer } from "@/components/customers/DeleteCustomer";
import { DuplicateList } from "@/components/customers/DuplicateList";
import { duplicateListText, interactionFormText, tagEditorText } from "@/components/customers/form-text";
import { customerManagement, mergedSurvivor } from "@/lib/customers/manage";
import { formatDate } from "@/lib/format/display";
import { OPT_OUT_CHANNELS, optOutsOf } from "@/lib/customers/contact-preferences";
import { ContactPreferences } from "@/components/customers/ContactPreferences";

// What the page was reached after (a redirect from a form or an action).
const NOTICES = {
  created: "customers.form.created", saved: "customers.form.saved", merged: "customers.merge.done", restored: "customers.delete.restored",
  mergedFrom: "customers.merge.redirected",
} as const;

// Another tenant's customer, one outside the caller's data scope, a deleted one and
// a malformed id all get the same 404: the page never confirms that an id exists.
export default definePage("customer:read", async ({ ctx, params, searchParams }) => {
  const customer = await getCustomer360(ctx, params.id ?? "");
  if (!customer) {
    // An old link to a customer merged into another one leads to the survivor.
    const survivor = await mergedSurvivor(ctx, params.id ?? "");
    if (survivor) redirect(`/customers/${survivor}?mergedFrom=1`);
    notFound();
  }
  const [t, locale, suggestions, management, optOuts] = await Promise.all([
    getT(ctx.locale), getLocale(ctx.locale), customer.may.editTags ? manualTagNames(ctx) : Promise.resolve([]),
    customerManagement(ctx, customer.id), optOutsOf(ctx, customer.id),
  ]);
  const explanations = await explainScores(ctx, customer.id, locale, t);
  const may = management?.may ?? { edit: false, delete: false, merge: false };
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => searchParams[k] === "1");
  return (
    <div className="space-y-4">
      <Link href="/customers" className="text-blue-700 underline">← {t("customers.back")}</Link>
      {notice ? (
        <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900" data-testid="customer-notice">{t(NOTICES[notice])}</p>
      ) : null}
      <header>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-semibold text-slate-900">{customer.profile.name}</h1>
          {may.edit || may.delete ? (
            <div className="flex flex-wrap items-center gap-3" data-testid="customer-manage">
              {may.edit ? (
                <Link href={`/customers/${customer.id}/edit`} className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
                  {t("customers.edit.button")}
                </Link>
              ) : null}
              {may.merge ? (
                <Link href={`/customers/${customer.id}/merge`} className="rounded border border-blue-700 px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50">
                  {t("customers.merge.button")}
                </Link>
              ) : null}
              {may.delete ? (
                <DeleteCustomer customerId={customer.id} version={customer.version} text={{
                  button: t("customers.delete.button"), confirmTitle: t("customers.delete.confirmTitle", { name: customer.profile.name }),
                  confirmBody: t("customers.delete.confirmBody"), confirm: t("customers.delete.confirm"), cancel: t("customers.delete.cancel"),
                  deleting: t("customers.delete.deleting"),
                }} />
              ) : null}
            </div>
          ) : null}
        </div>
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
      <ScoreExplanations data={explanations} t={t} />
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
          <Card id="customer-contact" title={t("customers.optOut.title")}>
            <ContactPreferences customerId={customer.id} optedOut={optOuts} mayEdit={customer.may.editTags}
              legend={t("customers.optOut.legend")}
              labels={Object.fromEntries(OPT_OUT_CHANNELS.map((c) => [c, t(`customers.optOut.${c}`)])) as Record<(typeof OPT_OUT_CHANNELS)[number], string>} />
          </Card>
          <Card id="customer-duplicates" title={t("customers.duplicates.title")}>
            {management && management.duplicates.length ? (
              <>
                <p className="mb-2 text-sm text-slate-700">{t("customers.duplicates.intro")}</p>
                <DuplicateList duplicates={management.duplicates} text={duplicateListText(t)}
                  formatDate={(d) => formatDate(d, locale, customer.timeZone)} mergeFrom={may.merge ? customer.id : null} />
              </>
            ) : <p className="text-sm text-slate-700">{t("customers.duplicates.none")}</p>}
          </Card>
        </div>
        <Timeline customer={customer} t={t} locale={locale} />
      </div>
    </div>
  );
});
