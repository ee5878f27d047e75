// What /api/health reports: can we reach the database (as the app role), Redis,
// and has a worker sent a heartbeat lately.
import { appPgPool } from "@/lib/db/pools";
import { sharedRedis } from "@/lib/redis";
import { lastBeat } from "@/lib/jobs/heartbeat";

type Status = "ok" | "down";
export type Health = { status: Status; database: Status; redis: Status; worker: Status; workerSeenAt: string | null };

async function withTimeout<T>(p: Promise<T>, ms = 2_000): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);
}

export async function checkHealth(): Promise<Health> {
  const database = await withTimeout(appPgPool().query("SELECT 1")).then(() => "ok" as const, () => "down" as const);
  let redis: Status = "down";
  let workerSeenAt: string | null = null;
  try {
    await withTimeout(sharedRedis().ping());
    redis = "ok";
    workerSeenAt = (await withTimeout(lastBeat(sharedRedis())))?.at ?? null;
  } catch {
    redis = "down";
  }
  const worker: Status = workerSeenAt ? "ok" : "down";
  const status: Status = database === "ok" && redis === "ok" && worker === "ok" ? "ok" : "down";
  return { status, database, redis, worker, workerSeenAt };
}
