import { defineRoute } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { importIdSchema } from "@/lib/imports/schemas";
import { problemsCsvResponse } from "@/lib/api/imports";

export const dynamic = "force-dynamic";

/** Streams an import's problems CSV (UTF-8 with BOM) from the file store. */
export const GET = defineRoute("import:read", async (_req, { ctx, params }) => {
  const parsed = importIdSchema.safeParse(params);
  if (!parsed.success) throw new AppError("not_found", "imports.error.notFound");
  return problemsCsvResponse(ctx, parsed.data.importId);
});
