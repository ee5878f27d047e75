"use server";
import { defineAction } from "@/lib/auth/guard";
import { importIdSchema } from "@/lib/imports/schemas";
import { requestUndo } from "@/lib/imports/undo";

/** Undoes a finished import (a job): removes what it created, restores what it updated. */
export const undoImportAction = defineAction("import:run", importIdSchema, async (ctx, input) => requestUndo(ctx, input.importId));
