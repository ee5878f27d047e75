// The columns a customer export may contain, in file order, with their headers in
// both languages. Phone and e-mail are masked at run time unless the requester
// holds customer:unmask (checked again when the job runs, not when it was asked).
export const CUSTOMER_EXPORT_COLUMNS = [
  { key: "id", en: "Customer ID", zh: "客户ID" },
  { key: "externalId", en: "External ID", zh: "外部编号" },
  { key: "name", en: "Name", zh: "姓名" },
  { key: "gender", en: "Gender", zh: "性别" },
  { key: "birthday", en: "Birthday", zh: "生日" },
  { key: "phone", en: "Mobile", zh: "手机号" },
  { key: "email", en: "E-mail", zh: "邮箱" },
  { key: "province", en: "Province", zh: "省份" },
  { key: "city", en: "City", zh: "城市" },
  { key: "district", en: "District", zh: "区县" },
  { key: "sourceChannel", en: "Source channel", zh: "来源渠道" },
  { key: "owner", en: "Owner", zh: "负责人" },
  { key: "homeStore", en: "Home store", zh: "所属门店" },
  { key: "tags", en: "Tags", zh: "标签" },
  { key: "createdAt", en: "Created", zh: "创建时间" },
  { key: "firstOrderAt", en: "First order", zh: "首次下单" },
  { key: "lastOrderAt", en: "Last order", zh: "最近下单" },
] as const;

export type CustomerExportColumn = (typeof CUSTOMER_EXPORT_COLUMNS)[number]["key"];
export const CUSTOMER_EXPORT_KEYS = CUSTOMER_EXPORT_COLUMNS.map((c) => c.key) as CustomerExportColumn[];
export const DEFAULT_EXPORT_COLUMNS: CustomerExportColumn[] = ["name", "phone", "email", "province", "city", "sourceChannel", "owner", "homeStore", "tags", "createdAt", "lastOrderAt"];

export function isExportColumn(v: string): v is CustomerExportColumn {
  return (CUSTOMER_EXPORT_KEYS as string[]).includes(v);
}

export function headerOf(key: CustomerExportColumn, locale: "zh-CN" | "en"): string {
  const c = CUSTOMER_EXPORT_COLUMNS.find((x) => x.key === key)!;
  return locale === "en" ? c.en : c.zh;
}
