// Undo of a finished import: the work (one transaction) lives in lib/imports/undo.ts.
import type { z } from "zod";
import type { importUndoJob } from "@/lib/jobs/definitions";
import type { TenantTx } from "@/lib/db/tenant";
import { runUndo } from "@/lib/imports/undo";

export async function processImportUndo(_tx: TenantTx, payload: z.output<typeof importUndoJob.schema>) {
  return runUndo(payload);
}
