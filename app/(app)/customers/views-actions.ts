"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { deleteView, deleteViewSchema, saveView, saveViewSchema } from "@/lib/customers/saved-views";

/** Saves the list's current filters and sort under a name, for the caller only. */
export const saveViewAction = defineAction("customer:read", saveViewSchema, async (ctx, input) => {
  const out = await saveView(ctx, input);
  revalidatePath("/customers");
  return out;
});

export const deleteViewAction = defineAction("customer:read", deleteViewSchema, async (ctx, input) => {
  const out = await deleteView(ctx, input.id);
  revalidatePath("/customers");
  return out;
});
