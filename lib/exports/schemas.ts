import { z } from "zod";
import { CUSTOMER_EXPORT_KEYS, DEFAULT_EXPORT_COLUMNS, type CustomerExportColumn } from "@/lib/exports/customer-columns";
import { FILTER_FIELDS, FILTER_NAMES, type CustomerFilters } from "@/lib/customers/filters";

const columns = z.preprocess(
  (v) => (v === undefined || v === "" ? DEFAULT_EXPORT_COLUMNS : Array.isArray(v) ? v : [v]),
  z.array(z.enum(CUSTOMER_EXPORT_KEYS as [CustomerExportColumn, ...CustomerExportColumn[]], { message: "exports.unknownColumn" })).min(1, "exports.noColumns").max(CUSTOMER_EXPORT_KEYS.length),
);

/** The list's own filter fields (same validation), sent along from the list page. */
const filters = z.object(Object.fromEntries(FILTER_NAMES.map((n) => [n, FILTER_FIELDS[n].optional()]))).partial();

export const requestExportSchema = z.object({
  columns,
  filters: z.preprocess((v) => (typeof v === "string" ? JSON.parse(v || "{}") : v ?? {}), filters).default({}),
});

export type RequestExportInput = { columns: CustomerExportColumn[]; filters: CustomerFilters };
export const exportIdSchema = z.object({ exportId: z.uuid() });
