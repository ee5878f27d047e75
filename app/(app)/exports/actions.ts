"use server";
import { defineAction } from "@/lib/auth/guard";
import { requestExportSchema } from "@/lib/exports/schemas";
import { requestCustomerExport } from "@/lib/exports/requests";

export const requestCustomerExportAction = defineAction("customer:export", requestExportSchema, async (ctx, input) =>
  requestCustomerExport(ctx, input),
);
