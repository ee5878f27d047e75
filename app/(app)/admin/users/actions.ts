"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { createMember, updateMember } from "@/lib/users/mutations";
import { createMemberSchema, updateMemberSchema } from "@/lib/users/schemas";

export const createMemberAction = defineAction("user:manage", createMemberSchema, async (ctx, input) => {
  const result = await createMember(ctx, input);
  revalidatePath("/admin/users");
  return { ...result, email: input.email };
});

export const updateMemberAction = defineAction("user:manage", updateMemberSchema, async (ctx, input) => {
  await updateMember(ctx, input);
  revalidatePath("/admin/users");
  return { userId: input.userId };
});
