import { defineRoute, validationError } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { importIdSchema } from "@/lib/imports/schemas";
import { mapViaApi, mappingBodySchema } from "@/lib/api/imports";

export const dynamic = "force-dynamic";

/** PUT /api/v1/imports/{importId}/mapping: the column mapping, match keys and policy; then checks (dry_run) or runs it. */
export const PUT = defineRoute("import:run", async (req, { ctx, params }) => {
  const id = importIdSchema.safeParse(params);
  if (!id.success) throw new AppError("not_found", "imports.error.notFound");
  const json = await req.json().catch(() => undefined);
  const body = mappingBodySchema.safeParse(json);
  if (!body.success) throw validationError(body.error.issues);
  return Response.json(await mapViaApi(ctx, id.data.importId, body.data), { status: 202 });
}, { apiKeys: true });
