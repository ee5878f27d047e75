import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getLocale, getT } from "@/lib/i18n/server";
import { customerFormOptions } from "@/lib/customers/edit";
import { CustomerForm } from "@/components/customers/CustomerForm";
import { customerFormChoices, customerFormText } from "@/components/customers/form-text";

const EMPTY = {
  name: "", phone: "", email: "", gender: "", birthday: "", province: "", city: "", district: "", address: "", occupation: "",
  interests: "", sourceChannel: "", homeStoreId: "", ownerUserId: "",
};

export default definePage("customer:create", async ({ ctx }) => {
  const [t, locale, options] = await Promise.all([getT(ctx.locale), getLocale(ctx.locale), customerFormOptions(ctx, "customer:create")]);
  return (
    <div className="max-w-4xl space-y-4">
      <Link href="/customers" className="text-blue-700 underline">← {t("customers.back")}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("customers.new.title")}</h1>
      <p className="text-slate-700">{t("customers.new.intro")}</p>
      <CustomerForm
        mode="create"
        initial={{ ...EMPTY, ownerUserId: ctx.userId }}
        options={{ ...options, selfId: ctx.userId, ...customerFormChoices(t, null) }}
        text={customerFormText(t, "create")}
        locale={locale}
        cancelHref="/customers"
      />
    </div>
  );
});
