// Redis connections. BullMQ needs maxRetriesPerRequest: null on its connections;
// never an ioredis keyPrefix (BullMQ's own prefix carries the cluster hash tag).
import { Redis } from "ioredis";
import { redisUrl } from "@/lib/config/env";

const g = globalThis as unknown as { __crmRedis?: Redis };

export function createRedis(options: { forBullmq?: boolean } = {}): Redis {
  return new Redis(redisUrl(), {
    maxRetriesPerRequest: options.forBullmq ? null : 2,
    enableReadyCheck: true,
    lazyConnect: false,
  });
}

/** A shared connection for small commands (rate limits, heartbeats). */
export function sharedRedis(): Redis {
  return (g.__crmRedis ??= createRedis());
}

export async function closeSharedRedis(): Promise<void> {
  const r = g.__crmRedis;
  delete g.__crmRedis;
  if (r) await r.quit().catch(() => r.disconnect());
}
