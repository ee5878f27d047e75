// The product form, validated on the server. Messages are message keys (with the
// typed value as a parameter where quoting it helps), translated by
// lib/customers/form-errors.ts in the caller's language.
import { z } from "zod";

const optionalText = (max: number, tooLong: string) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().max(max, tooLong).optional().default(""))
    .transform((v) => (v === "" ? null : v));

/** "1299", "1,299.00", "¥1 299.5" → "1299.50"; empty → null. */
export function parseAmount(raw: string): string | null | undefined {
  const cleaned = raw.replace(/[¥￥,\s]/g, "").replace(/^CNY/i, "");
  if (cleaned === "") return null;
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(cleaned)) return undefined;
  return Number(cleaned).toFixed(2);
}

const price = z.preprocess((v) => (typeof v === "string" ? v.trim() : v ?? ""), z.string().max(40, "products.error.price"))
  .transform((raw, ctx) => {
    const value = parseAmount(raw);
    if (value === undefined) {
      ctx.addIssue({ code: "custom", message: "products.error.price", params: { value: raw } });
      return z.NEVER;
    }
    return value;
  });

const fields = {
  sku: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string({ error: "products.error.skuRequired" })
    .min(1, "products.error.skuRequired").max(64, "products.error.skuTooLong")
    .regex(/^\S+$/, "products.error.skuSpaces")),
  name: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string({ error: "products.error.nameRequired" })
    .min(1, "products.error.nameRequired").max(200, "products.error.nameTooLong")),
  category: optionalText(100, "products.error.tooLong"),
  brand: optionalText(100, "products.error.tooLong"),
  price,
};

export const createProductSchema = z.object(fields);
export const updateProductSchema = z.object({
  ...fields,
  id: z.guid("products.error.notFound"),
  /** When the form was opened (the product's updated_at): a later save by someone else is not overwritten. */
  updatedAt: z.string().datetime({ offset: true, error: "products.error.stale" }),
});

export type ProductInput = z.output<typeof createProductSchema>;
export type ProductUpdate = z.output<typeof updateProductSchema>;
