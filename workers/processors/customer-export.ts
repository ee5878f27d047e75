// Customer export: the work lives in lib/exports (it reads like the list page does).
import type { z } from "zod";
import type { customerExportJob } from "@/lib/jobs/definitions";
import type { TenantTx } from "@/lib/db/tenant";
import { runCustomerExport } from "@/lib/exports/run-customer-export";

export async function processCustomerExport(tx: TenantTx, payload: z.output<typeof customerExportJob.schema>) {
  return runCustomerExport(tx, payload);
}
