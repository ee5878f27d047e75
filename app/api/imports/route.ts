import { defineRoute } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { uploadQuerySchema } from "@/lib/imports/schemas";
import { receiveUpload } from "@/lib/imports/upload";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Upload a file to import: the raw file is the request body (any content type),
 * `?entity=customers&name=<file name>`. Streamed into the file store, never held
 * whole; answers 201 with the new import's id, or 400 with why the file cannot be
 * imported (empty, binary, .xls, too large, header only).
 */
export const POST = defineRoute("import:run", async (req, { ctx }) => {
  const url = new URL(req.url);
  const query = uploadQuerySchema.safeParse({ entity: url.searchParams.get("entity") ?? "", name: url.searchParams.get("name") ?? "" });
  if (!query.success) throw new AppError("validation", "imports.error.uploadQuery");
  const length = req.headers.get("content-length");
  const declared = length !== null && /^\d+$/.test(length) ? Number(length) : null;
  const { importId } = await receiveUpload(ctx, { entity: query.data.entity, fileName: query.data.name, body: req.body, declaredBytes: declared });
  return Response.json({ importId }, { status: 201 });
});
