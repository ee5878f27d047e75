import { defineRoute, PUBLIC } from "@/lib/auth/guard";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = defineRoute(PUBLIC, async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.database === "ok" && health.redis === "ok" ? 200 : 503 });
});
