"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { formValidationError } from "@/lib/customers/form-errors";
import { createProduct, updateProduct } from "@/lib/products/mutations";
import { createProductSchema, updateProductSchema } from "@/lib/products/schemas";

// Validated in the handler (not by the guard) so messages can quote what was typed.
const formFields = z.record(z.string(), z.unknown());

export const createProductAction = defineAction("product:manage", formFields, async (ctx, raw) => {
  const t = await getT(ctx.locale);
  const parsed = createProductSchema.safeParse(raw);
  if (!parsed.success) throw formValidationError(parsed.error.issues, t);
  const saved = await createProduct(ctx, parsed.data, t);
  revalidatePath("/products");
  return saved;
});

export const updateProductAction = defineAction("product:manage", formFields, async (ctx, raw) => {
  const t = await getT(ctx.locale);
  const parsed = updateProductSchema.safeParse(raw);
  if (!parsed.success) throw formValidationError(parsed.error.issues, t);
  const saved = await updateProduct(ctx, parsed.data, t);
  revalidatePath("/products");
  revalidatePath(`/products/${saved.id}`);
  return saved;
});
