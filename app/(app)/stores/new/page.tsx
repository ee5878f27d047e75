import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { storeDepartmentChoices } from "@/lib/stores/queries";
import { CatalogForm } from "@/components/products/CatalogForm";
import { catalogFormText } from "@/components/products/product-fields";
import { storeFields } from "@/components/stores/store-fields";
import { createStoreAction } from "@/app/(app)/stores/actions";

export default definePage("product:manage", async ({ ctx }) => {
  const [t, departments] = await Promise.all([getT(ctx.locale), storeDepartmentChoices(ctx)]);
  return (
    <div className="space-y-4">
      <Link href="/stores" className="text-blue-700 underline">← {t("stores.back")}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("stores.new.title")}</h1>
      <CatalogForm action={createStoreAction} fields={storeFields(t, departments)} initial={{ kind: "store" }} savedHref="/stores/"
        cancelHref="/stores" text={catalogFormText(t)} testId="store-form" />
    </div>
  );
});
