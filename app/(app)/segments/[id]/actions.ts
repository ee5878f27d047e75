"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { segmentIdSchema } from "@/lib/segments/form";
import { deleteSegment, refreshSegment } from "@/lib/segments/mutations";

export const refreshSegmentAction = defineAction("segment:manage", segmentIdSchema, async (ctx, { id }) => {
  const result = await refreshSegment(ctx, id);
  revalidatePath(`/segments/${id}`);
  revalidatePath("/segments");
  return result;
});

export const deleteSegmentAction = defineAction("segment:manage", segmentIdSchema, async (ctx, { id }) => {
  const result = await deleteSegment(ctx, id);
  revalidatePath("/segments");
  return result;
});
