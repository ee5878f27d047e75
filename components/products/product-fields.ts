// The product form's fields and texts, for the new and edit pages.
import type { Translate } from "@/lib/i18n/translate";
import type { CatalogField } from "@/components/products/CatalogForm";

export function productFields(t: Translate, facets: { categories: string[]; brands: string[] }): CatalogField[] {
  const suggest = (xs: string[]) => xs.map((x) => ({ value: x, label: x }));
  return [
    { name: "sku", label: t("products.field.sku"), required: true, maxLength: 64, help: t("products.help.sku") },
    { name: "name", label: t("products.field.name"), required: true, maxLength: 200 },
    { name: "category", label: t("products.field.category"), maxLength: 100, options: suggest(facets.categories) },
    { name: "brand", label: t("products.field.brand"), maxLength: 100, options: suggest(facets.brands) },
    { name: "price", label: t("products.field.price"), inputMode: "decimal", maxLength: 40, help: t("products.help.price") },
  ];
}

export function catalogFormText(t: Translate) {
  return { submit: t("commerce.form.save"), saving: t("commerce.form.saving"), cancel: t("commerce.form.cancel"), required: t("commerce.form.required") };
}
