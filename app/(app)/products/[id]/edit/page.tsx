import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { getProduct, productFacets } from "@/lib/products/queries";
import { CatalogForm } from "@/components/products/CatalogForm";
import { catalogFormText, productFields } from "@/components/products/product-fields";
import { updateProductAction } from "@/app/(app)/products/actions";

export default definePage("product:manage", async ({ ctx, params }) => {
  const product = await getProduct(ctx, params.id ?? "");
  if (!product) notFound();
  const [t, facets] = await Promise.all([getT(ctx.locale), productFacets(ctx)]);
  return (
    <div className="space-y-4">
      <Link href={`/products/${product.id}`} className="text-blue-700 underline">← {product.name}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("products.edit.title", { name: product.name })}</h1>
      <CatalogForm action={updateProductAction} fields={productFields(t, facets)}
        initial={{ sku: product.sku, name: product.name, category: product.category ?? "", brand: product.brand ?? "", price: product.price ?? "" }}
        hidden={{ id: product.id, updatedAt: product.updatedAt.toISOString() }}
        savedHref="/products/" cancelHref={`/products/${product.id}`} text={catalogFormText(t)} testId="product-form" />
    </div>
  );
});
