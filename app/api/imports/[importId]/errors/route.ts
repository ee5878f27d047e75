import { defineRoute } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { fileStream } from "@/lib/files/store";
import { importIdSchema } from "@/lib/imports/schemas";
import { errorReportForDownload } from "@/lib/imports/requests";

export const dynamic = "force-dynamic";

/** Streams an import's problems CSV (UTF-8 with BOM) from the file store. */
export const GET = defineRoute("import:read", async (_req, { ctx, params }) => {
  const parsed = importIdSchema.safeParse(params);
  if (!parsed.success) throw new AppError("not_found", "imports.error.notFound");
  const file = await errorReportForDownload(ctx, parsed.data.importId);
  return new Response(fileStream(ctx, file.fileId), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="import-problems.csv"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "Cache-Control": "private, no-store",
    },
  });
});
