import { PUBLIC, defineRoute } from "@/lib/auth/guard";
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

/** The OpenAPI description of the import API (public: it holds no tenant data). */
export const GET = defineRoute(PUBLIC, async () => Response.json(openApiDocument()));
