"use server";
import { defineAction, PUBLIC } from "@/lib/auth/guard";
import { signUp, signUpSchema } from "@/lib/tenants/sign-up";

export const signUpAction = defineAction(PUBLIC, signUpSchema, async (_ctx, input) => {
  const { tenantId } = await signUp(input);
  return { tenantId };
});
