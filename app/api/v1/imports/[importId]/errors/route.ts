import { defineRoute } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { importIdSchema } from "@/lib/imports/schemas";
import { problemsCsvResponse } from "@/lib/api/imports";

export const dynamic = "force-dynamic";

/** GET /api/v1/imports/{importId}/errors: the problems CSV (original row, column, reason), UTF-8 with BOM. */
export const GET = defineRoute("import:read", async (_req, { ctx, params }) => {
  const parsed = importIdSchema.safeParse(params);
  if (!parsed.success) throw new AppError("not_found", "imports.error.notFound");
  return problemsCsvResponse(ctx, parsed.data.importId);
}, { apiKeys: true });
