"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { addCustomerTag, logInteraction, removeCustomerTag } from "@/lib/customers/mutations";
import { addTagSchema, logInteractionSchema, removeTagSchema } from "@/lib/customers/schemas";
import { setOptOut, setOptOutSchema } from "@/lib/customers/contact-preferences";

export const addCustomerTagAction = defineAction("customer:update", addTagSchema, async (ctx, input) => {
  const result = await addCustomerTag(ctx, input);
  revalidatePath(`/customers/${input.customerId}`);
  return result;
});

export const removeCustomerTagAction = defineAction("customer:update", removeTagSchema, async (ctx, input) => {
  const result = await removeCustomerTag(ctx, input);
  revalidatePath(`/customers/${input.customerId}`);
  return result;
});

export const logInteractionAction = defineAction("interaction:create", logInteractionSchema, async (ctx, input) => {
  const result = await logInteraction(ctx, input);
  revalidatePath(`/customers/${input.customerId}`);
  return result;
});

/** Records (or withdraws) the customer's wish not to be contacted on a channel; campaigns skip them. */
export const setOptOutAction = defineAction("customer:update", setOptOutSchema, async (ctx, input) => {
  const result = await setOptOut(ctx, input);
  revalidatePath(`/customers/${input.customerId}`);
  return result;
});
