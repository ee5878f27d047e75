import { defineRoute } from "@/lib/auth/guard";
import { exportIdSchema } from "@/lib/exports/schemas";
import { exportStatus } from "@/lib/exports/requests";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The progress of the caller's own export, polled by the progress bar. */
export const GET = defineRoute("customer:export", async (_req, { ctx, params }) => {
  const parsed = exportIdSchema.safeParse(params);
  if (!parsed.success) throw new AppError("not_found", "exports.notFound");
  return Response.json(await exportStatus(ctx, parsed.data.exportId));
});
