import { defineRoute } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { importIdSchema } from "@/lib/imports/schemas";
import { apiImport } from "@/lib/api/imports";

export const dynamic = "force-dynamic";

/** GET /api/v1/imports/{importId}: status, progress, counts and the breakdowns. */
export const GET = defineRoute("import:read", async (_req, { ctx, params }) => {
  const parsed = importIdSchema.safeParse(params);
  if (!parsed.success) throw new AppError("not_found", "imports.error.notFound");
  return Response.json(await apiImport(ctx, parsed.data.importId), { headers: { "Cache-Control": "no-store" } });
}, { apiKeys: true });
