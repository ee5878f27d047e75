// Every job the system knows. One queue per job name.
import { z } from "zod";
import { defineJob, tenantPayload } from "@/lib/jobs/define";

/** Proves the path app → Redis → worker → Postgres (in the tenant's context) → back. */
export const healthCheckJob = defineJob({
  name: "health-check",
  schema: tenantPayload.extend({ requestedBy: z.uuid().nullable(), nonce: z.string().min(1).max(64) }),
  options: { attempts: 1 },
  concurrency: 4,
});

/** Writes a customer export (filters and columns are on its `exports` row) to the file store. */
export const customerExportJob = defineJob({
  name: "customer-export",
  schema: tenantPayload.extend({ exportId: z.uuid() }),
  // Idempotent: a retry starts the file again from the first row.
  options: { attempts: 3 },
  concurrency: 2,
});

export const JOBS = [healthCheckJob, customerExportJob] as const;
