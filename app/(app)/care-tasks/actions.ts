"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { reassignTask, recordOutcome } from "@/lib/care-tasks/mutations";
import { outcomeSchema, reassignSchema } from "@/lib/care-tasks/schemas";

export const recordOutcomeAction = defineAction("care_task:update", outcomeSchema, async (ctx, input) => {
  const result = await recordOutcome(ctx, input);
  revalidatePath("/care-tasks");
  return result;
});

export const reassignTaskAction = defineAction("care_task:assign", reassignSchema, async (ctx, input) => {
  const result = await reassignTask(ctx, input);
  revalidatePath("/care-tasks");
  return result;
});
