import Link from "next/link";
import { notFound } from "next/navigation";
import { definePage } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { getStore, storeDepartmentChoices } from "@/lib/stores/queries";
import { CatalogForm } from "@/components/products/CatalogForm";
import { catalogFormText } from "@/components/products/product-fields";
import { storeFields } from "@/components/stores/store-fields";
import { updateStoreAction } from "@/app/(app)/stores/actions";

export default definePage("product:manage", async ({ ctx, params }) => {
  const store = await getStore(ctx, params.id ?? "");
  if (!store) notFound();
  const [t, departments] = await Promise.all([getT(ctx.locale), storeDepartmentChoices(ctx)]);
  return (
    <div className="space-y-4">
      <Link href={`/stores/${store.id}`} className="text-blue-700 underline">← {store.name}</Link>
      <h1 className="text-2xl font-semibold text-slate-900">{t("stores.edit.title", { name: store.name })}</h1>
      <CatalogForm action={updateStoreAction} fields={storeFields(t, departments)}
        initial={{
          code: store.code, name: store.name, kind: store.kind, departmentId: store.departmentId ?? "", province: store.province ?? "",
          city: store.city ?? "", district: store.district ?? "", openedAt: store.openedAt ? store.openedAt.toISOString().slice(0, 10) : "",
        }}
        hidden={{ id: store.id }} savedHref="/stores/" cancelHref={`/stores/${store.id}`} text={catalogFormText(t)} testId="store-form" />
    </div>
  );
});
