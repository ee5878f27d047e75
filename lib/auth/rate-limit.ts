// Fixed-window counters in Redis, shared by every web instance (no in-process state).
import { createHash } from "node:crypto";
import { sharedRedis } from "@/lib/redis";
import { queuePrefix } from "@/lib/config/env";

export type Limit = { max: number; windowSeconds: number };
export const LOGIN_LIMIT_PER_EMAIL: Limit = { max: 8, windowSeconds: 15 * 60 };
export const LOGIN_LIMIT_PER_IP: Limit = { max: 40, windowSeconds: 15 * 60 };

function key(bucket: string, subject: string): string {
  const digest = createHash("sha256").update(subject).digest("hex").slice(0, 32);
  return `${queuePrefix()}:rl:${bucket}:${digest}`;
}

/** Counts one attempt; true while the subject is still within its limit. */
export async function hit(bucket: string, subject: string, limit: Limit): Promise<boolean> {
  const k = key(bucket, subject);
  const [[, count]] = (await sharedRedis().multi().incr(k).expire(k, limit.windowSeconds, "NX").exec()) as [[unknown, number]];
  return count <= limit.max;
}

export async function reset(bucket: string, subject: string): Promise<void> {
  await sharedRedis().del(key(bucket, subject));
}
