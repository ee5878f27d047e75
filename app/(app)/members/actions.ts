"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { createTier, updateTier } from "@/lib/members/tiers";
import { createTierSchema, updateTierSchema } from "@/lib/members/schemas";
import { adjustPoints } from "@/lib/points/adjust";
import { adjustPointsSchema } from "@/lib/points/schemas";

export const createTierAction = defineAction("member:manage", createTierSchema, async (ctx, input) => {
  const result = await createTier(ctx, input);
  revalidatePath("/members");
  return result;
});

export const updateTierAction = defineAction("member:manage", updateTierSchema, async (ctx, input) => {
  const result = await updateTier(ctx, input);
  revalidatePath("/members");
  return result;
});

export const adjustPointsAction = defineAction("member:manage", adjustPointsSchema, async (ctx, input) => {
  const result = await adjustPoints(ctx, input);
  revalidatePath(`/members/${input.memberId}`);
  revalidatePath(`/customers/${result.customerId}`);
  return { id: result.id, delta: result.delta, balanceAfter: result.balanceAfter };
});
