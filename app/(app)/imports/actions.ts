"use server";
import { defineAction } from "@/lib/auth/guard";
import { importIdSchema, saveMappingSchema } from "@/lib/imports/schemas";
import { cancelImport, saveMappingAndCheck, startImport } from "@/lib/imports/requests";

/** Saves the column mapping, match keys and update policy, and checks the file (a dry run in the worker). */
export const saveMappingAction = defineAction("import:run", saveMappingSchema, async (ctx, input) => saveMappingAndCheck(ctx, input));

/** Runs a checked import. */
export const startImportAction = defineAction("import:run", importIdSchema, async (ctx, input) => startImport(ctx, input.importId));

/** Stops a queued or running import; nothing of the file is applied. */
export const cancelImportAction = defineAction("import:run", importIdSchema, async (ctx, input) => cancelImport(ctx, input.importId));
