import { defineRoute } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { importIdSchema } from "@/lib/imports/schemas";
import { requestUndo } from "@/lib/imports/undo";
import { apiImport } from "@/lib/api/imports";

export const dynamic = "force-dynamic";

/** POST /api/v1/imports/{importId}/undo: undoes a finished customer import (removes what it created, restores what it updated). */
export const POST = defineRoute("import:run", async (_req, { ctx, params }) => {
  const parsed = importIdSchema.safeParse(params);
  if (!parsed.success) throw new AppError("not_found", "imports.error.notFound");
  await requestUndo(ctx, parsed.data.importId);
  return Response.json(await apiImport(ctx, parsed.data.importId), { status: 202 });
}, { apiKeys: true });
