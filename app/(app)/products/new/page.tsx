import Link from "next/link";
import { definePage } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { productFacets } from "@/lib/products/queries";
import { CatalogForm } from "@/components/products/CatalogForm";
import { catalogFormText, productFields } from "@/components/products/product-fields";
import { createProductAction } from "@/app/(app)/products/actions";

export default definePage("product:manage", async ({ ctx }) => {
  const [t, facets] = await Promise.all([getT(ctx.locale), productFacets(ctx)]);
  return (
    <div className="space-y-4">
      <Link href="/products" className="text-blue-700 underline">← {t("products.back")}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("products.new.title")}</h1>
      <CatalogForm action={createProductAction} fields={productFields(t, facets)} initial={{}} savedHref="/products/"
        cancelHref="/products" text={catalogFormText(t)} testId="product-form" />
    </div>
  );
});
