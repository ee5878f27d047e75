import { defineRoute, PUBLIC } from "@/lib/auth/guard";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

// 200 when the database and Redis answer; with ?require=worker, also a live worker
// (used by deploy checks and the e2e runner to wait for the worker process).
export const GET = defineRoute(PUBLIC, async (req) => {
  const health = await checkHealth();
  const needWorker = new URL(req.url).searchParams.get("require") === "worker";
  const up = health.database === "ok" && health.redis === "ok" && (!needWorker || health.worker === "ok");
  return Response.json(health, { status: up ? 200 : 503 });
});
