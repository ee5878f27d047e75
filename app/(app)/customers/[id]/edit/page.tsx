import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { customerFormOptions, getCustomerForEdit } from "@/lib/customers/edit";
import { formatDateTime } from "@/lib/format/display";
import { CustomerForm } from "@/components/customers/CustomerForm";
import { customerFormChoices, customerFormText } from "@/components/customers/form-text";

// Like the 360 page: another tenant's customer, one outside the caller's
// customer:update scope, a deleted one and a malformed id are all "not found".
export default definePage("customer:update", async ({ ctx, params }) => {
  const customer = await getCustomerForEdit(ctx, params.id ?? "");
  if (!customer) notFound();
  const [t, locale, options] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale), customerFormOptions(ctx, "customer:update")]);
  const v = customer.values;
  return (
    <div className="max-w-4xl space-y-4">
      <Link href={`/customers/${customer.id}`} className="text-blue-700 underline">← {v.name}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("customers.edit.title", { name: v.name })}</h1>
      <p className="text-slate-700">{t("customers.edit.intro")}</p>
      <p className="text-sm text-slate-700" data-testid="edit-version">
        {t("customers.edit.version", { version: customer.version, time: formatDateTime(customer.updatedAt, locale, customer.timeZone) })}
      </p>
      <CustomerForm
        // A reload after a conflict brings a new version: a fresh form with the current values.
        key={customer.version}
        mode="edit"
        customerId={customer.id}
        version={customer.version}
        masked={customer.masked}
        currentOwner={customer.owner}
        initial={{
          name: v.name, phone: v.phone ?? "", email: v.email ?? "", gender: v.gender ?? "", birthday: v.birthday ?? "",
          province: v.province ?? "", city: v.city ?? "", district: v.district ?? "", address: v.address ?? "",
          occupation: v.occupation ?? "", interests: v.interests.join(", "), sourceChannel: v.sourceChannel ?? "",
          homeStoreId: v.homeStoreId ?? "", ownerUserId: v.ownerUserId ?? "",
        }}
        options={{ ...options, selfId: ctx.userId, ...customerFormChoices(t, v.sourceChannel) }}
        text={customerFormText(t, "edit")}
        locale={locale}
        cancelHref={`/customers/${customer.id}`}
      />
    </div>
  );
});
