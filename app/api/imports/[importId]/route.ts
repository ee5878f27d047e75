import { defineRoute } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { importIdSchema } from "@/lib/imports/schemas";
import { importProgress } from "@/lib/imports/requests";

export const dynamic = "force-dynamic";

/** An import's progress (rows done, rate, time left, status), polled by the progress bar. */
export const GET = defineRoute("import:read", async (_req, { ctx, params }) => {
  const parsed = importIdSchema.safeParse(params);
  if (!parsed.success) throw new AppError("not_found", "imports.error.notFound");
  return Response.json(await importProgress(ctx, parsed.data.importId), { headers: { "Cache-Control": "no-store" } });
});
