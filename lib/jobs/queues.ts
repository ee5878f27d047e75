// Producers: one BullMQ Queue per job name, created lazily and shared by the process.
// BullMQ never closes a connection it was handed (it counts it as shared), so each
// Queue's and QueueEvents' own connection is quit here when it closes; otherwise a
// script that enqueues (the demo seeder, a bench) never exits.
import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import type { z } from "zod";
import { queuePrefix } from "@/lib/config/env";
import { createRedis } from "@/lib/redis";
import type { JobDefinition } from "@/lib/jobs/define";

type AnyJob = JobDefinition<z.ZodObject<{ tenantId: z.ZodType<string> }>>;
const g = globalThis as unknown as { __crmQueues?: Map<string, Queue> };
const queues = (g.__crmQueues ??= new Map());

async function quit(connection: Redis): Promise<void> {
  await connection.quit().catch(() => connection.disconnect());
}

export function queueFor(def: AnyJob): Queue {
  let q = queues.get(def.name);
  if (!q) {
    const connection = createRedis({ forBullmq: true });
    q = new Queue(def.name, { connection, prefix: queuePrefix(), defaultJobOptions: def.options });
    const close = q.close.bind(q);
    q.close = async () => {
      await close();
      await quit(connection);
    };
    queues.set(def.name, q);
  }
  return q;
}

/** Validates the payload with the job's own schema, then enqueues it. */
export async function enqueue<D extends AnyJob>(def: D, payload: z.input<D["schema"]>, opts: { jobId?: string } = {}) {
  const data = def.schema.parse(payload);
  return queueFor(def).add(def.name, data, opts.jobId ? { jobId: opts.jobId } : {});
}

export function queueEventsFor(def: AnyJob): QueueEvents {
  const connection = createRedis({ forBullmq: true });
  const events = new QueueEvents(def.name, { connection, prefix: queuePrefix() });
  const close = events.close.bind(events);
  events.close = async () => {
    await close();
    await quit(connection);
  };
  return events;
}

export async function closeQueues(): Promise<void> {
  const all = [...queues.values()];
  queues.clear();
  await Promise.all(all.map((q) => q.close()));
}
