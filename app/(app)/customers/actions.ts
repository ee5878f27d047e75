"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/guard";
import { getT } from "@/lib/i18n/server";
import { findDuplicates } from "@/lib/customers/duplicates";
import { createCustomer, deleteCustomer, restoreCustomer, updateCustomer } from "@/lib/customers/edit";
import {
  checkDuplicatesSchema, createCustomerSchema, deleteCustomerSchema, mergeCustomersSchema, restoreCustomerSchema, updateCustomerSchema,
} from "@/lib/customers/edit-schema";
import { formValidationError } from "@/lib/customers/form-errors";
import { mergeCustomers } from "@/lib/customers/merge";
import { withTenant } from "@/lib/db/tenant";
import { normalizePhone } from "@/lib/format/phone";

// The forms' fields are validated in the handler (not by the guard) because their
// messages quote what was typed and are translated with parameters.
const formFields = z.record(z.string(), z.unknown());

export const createCustomerAction = defineAction("customer:create", formFields, async (ctx, raw) => {
  const parsed = createCustomerSchema().safeParse(raw);
  if (!parsed.success) throw formValidationError(parsed.error.issues, await getT(ctx.locale));
  const result = await createCustomer(ctx, parsed.data);
  if (result.status === "saved") revalidatePath("/customers");
  return result;
});

export const updateCustomerAction = defineAction("customer:update", formFields, async (ctx, raw) => {
  const parsed = updateCustomerSchema().safeParse(raw);
  if (!parsed.success) throw formValidationError(parsed.error.issues, await getT(ctx.locale));
  const result = await updateCustomer(ctx, parsed.data);
  if (result.status === "saved") {
    revalidatePath("/customers");
    revalidatePath(`/customers/${result.id}`);
  }
  return result;
});

export const deleteCustomerAction = defineAction("customer:delete", deleteCustomerSchema, async (ctx, input) => {
  const result = await deleteCustomer(ctx, input);
  revalidatePath("/customers");
  return result;
});

export const restoreCustomerAction = defineAction("customer:delete", restoreCustomerSchema, async (ctx, input) => {
  const result = await restoreCustomer(ctx, input);
  revalidatePath("/customers");
  return result;
});

export const mergeCustomersAction = defineAction("customer:update", mergeCustomersSchema, async (ctx, input) => {
  const result = await mergeCustomers(ctx, input);
  revalidatePath("/customers");
  revalidatePath(`/customers/${result.survivorId}`);
  return result;
});

/** Live suggestions while a form is filled in (before saving): read-only, inside the caller's read scope. */
export const checkDuplicatesAction = defineAction("customer:read", checkDuplicatesSchema, async (ctx, input) => {
  const email = input.email.normalize("NFKC").trim().toLowerCase();
  const identity = input.identityExternalId.normalize("NFKC").trim();
  return withTenant(ctx, (tx) => findDuplicates(tx, ctx, {
    phone: normalizePhone(input.phone),
    email: email.includes("@") ? email : null,
    identityIds: identity ? [identity] : [],
    excludeId: input.customerId,
  }));
});
