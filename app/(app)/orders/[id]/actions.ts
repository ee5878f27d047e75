"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { orderStepSchema, setOrderStatus } from "@/lib/orders/status-update";

export const setOrderStatusAction = defineAction("order:update", orderStepSchema, async (ctx, input) => {
  const result = await setOrderStatus(ctx, input);
  revalidatePath("/orders");
  revalidatePath(`/orders/${result.id}`);
  return result;
});
