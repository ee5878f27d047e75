// The store form's fields, for the new and edit pages.
import type { Translate } from "@/lib/i18n/translate";
import { STORE_KINDS } from "@/lib/stores/schemas";
import type { CatalogField } from "@/components/products/CatalogForm";

export function storeFields(t: Translate, departments: { id: string; label: string }[]): CatalogField[] {
  return [
    { name: "code", label: t("stores.field.code"), required: true, maxLength: 32, help: t("stores.help.code") },
    { name: "name", label: t("stores.field.name"), required: true, maxLength: 100 },
    { name: "kind", label: t("stores.field.kind"), type: "select", required: true, options: STORE_KINDS.map((k) => ({ value: k, label: t(`stores.kind.${k}`) })), emptyLabel: t("stores.kind.choose") },
    { name: "departmentId", label: t("stores.field.department"), type: "select", options: departments.map((d) => ({ value: d.id, label: d.label })), emptyLabel: t("stores.department.none"), help: t("stores.help.department") },
    { name: "province", label: t("stores.field.province"), maxLength: 50 },
    { name: "city", label: t("stores.field.city"), maxLength: 50 },
    { name: "district", label: t("stores.field.district"), maxLength: 50 },
    { name: "openedAt", label: t("stores.field.openedAt"), type: "date" },
  ];
}

export function storeLabel(t: Translate, kind: string): string {
  const key = `stores.kind.${kind}`;
  const text = t(key);
  return text === key ? kind : text;
}
