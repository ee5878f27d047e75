import { defineRoute } from "@/lib/auth/guard";
import { exportIdSchema } from "@/lib/exports/schemas";
import { exportFileForDownload } from "@/lib/exports/requests";
import { fileStream } from "@/lib/files/store";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Streams the finished CSV from the file store: constant memory, whatever its size. */
export const GET = defineRoute("customer:export", async (_req, { ctx, params }) => {
  const parsed = exportIdSchema.safeParse(params);
  if (!parsed.success) throw new AppError("not_found", "exports.notFound");
  const file = await exportFileForDownload(ctx, parsed.data.exportId);
  return new Response(fileStream(ctx, file.fileId), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="customers.csv"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "Cache-Control": "private, no-store",
    },
  });
});
