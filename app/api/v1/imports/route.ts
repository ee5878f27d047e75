import { defineRoute } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { listViaApi, uploadParamsSchema, uploadViaApi } from "@/lib/api/imports";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST /api/v1/imports?entity=customers&name=<file>[&mode=run|dry_run|upload][&policy=…][&matchKeys=…]
 * Body: the file itself (CSV or .xlsx). Header Idempotency-Key: a retry with the same
 * key answers with the first request's import (200) instead of importing again.
 * 202 with the import when queued; 422 with the import when the columns cannot be
 * matched automatically (send a mapping: PUT …/mapping). docs/api.md.
 */
export const POST = defineRoute("import:run", async (req, { ctx }) => {
  const url = new URL(req.url);
  const parsed = uploadParamsSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw new AppError("validation", "api.error.uploadParams");
  const length = req.headers.get("content-length");
  const out = await uploadViaApi(ctx, {
    params: parsed.data, idempotencyKey: req.headers.get("idempotency-key"), body: req.body,
    declaredBytes: length !== null && /^\d+$/.test(length) ? Number(length) : null,
  });
  if (out.mappingProblem) {
    const t = await getT(ctx.locale);
    return Response.json({
      error: { code: "mapping_required", message: t(out.mappingProblem.key, out.mappingProblem.params) }, import: out.body,
    }, { status: 422 });
  }
  return Response.json(out.body, { status: out.replayed ? 200 : 202, headers: out.replayed ? { "Idempotent-Replayed": "true" } : {} });
}, { apiKeys: true });

/** GET /api/v1/imports: the latest 100 imports of the tenant. */
export const GET = defineRoute("import:read", async (_req, { ctx }) => Response.json({ imports: await listViaApi(ctx) }), { apiKeys: true });
