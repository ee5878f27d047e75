"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { requestHealthCheck } from "@/lib/system/status";

export const runHealthCheckAction = defineAction("system:manage", z.object({}), async (ctx) => {
  const result = await requestHealthCheck(ctx);
  revalidatePath("/admin/system");
  return result;
});
