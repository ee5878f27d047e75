"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { formValidationError } from "@/lib/customers/form-errors";
import { createStore, updateStore } from "@/lib/stores/mutations";
import { createStoreSchema, updateStoreSchema } from "@/lib/stores/schemas";

// Stores have no resource of their own: they are part of the catalog (product:manage).
const formFields = z.record(z.string(), z.unknown());

export const createStoreAction = defineAction("product:manage", formFields, async (ctx, raw) => {
  const t = await getT(ctx.locale);
  const parsed = createStoreSchema.safeParse(raw);
  if (!parsed.success) throw formValidationError(parsed.error.issues, t);
  const saved = await createStore(ctx, parsed.data, t);
  revalidatePath("/stores");
  return saved;
});

export const updateStoreAction = defineAction("product:manage", formFields, async (ctx, raw) => {
  const t = await getT(ctx.locale);
  const parsed = updateStoreSchema.safeParse(raw);
  if (!parsed.success) throw formValidationError(parsed.error.issues, t);
  const saved = await updateStore(ctx, parsed.data, t);
  revalidatePath("/stores");
  revalidatePath(`/stores/${saved.id}`);
  return saved;
});
