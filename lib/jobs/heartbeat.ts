// The worker writes a heartbeat key every few seconds; /api/health reads it.
import { queuePrefix } from "@/lib/config/env";
import type { Redis } from "ioredis";

export const HEARTBEAT_INTERVAL_MS = 5_000;
const TTL_SECONDS = 20;

export const heartbeatKey = () => `${queuePrefix()}:worker:heartbeat`;

export async function beat(redis: Redis, info: { pid: number; host: string; queues: string[] }): Promise<void> {
  await redis.set(heartbeatKey(), JSON.stringify({ ...info, at: new Date().toISOString() }), "EX", TTL_SECONDS);
}

export async function lastBeat(redis: Redis): Promise<{ at: string; pid: number; host: string; queues: string[] } | null> {
  const raw = await redis.get(heartbeatKey());
  return raw ? JSON.parse(raw) : null;
}
