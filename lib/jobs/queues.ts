// Producers: one BullMQ Queue per job name, created lazily and shared by the process.
import { Queue, QueueEvents } from "bullmq";
import type { z } from "zod";
import { queuePrefix } from "@/lib/config/env";
import { createRedis } from "@/lib/redis";
import type { JobDefinition } from "@/lib/jobs/define";

type AnyJob = JobDefinition<z.ZodObject<{ tenantId: z.ZodType<string> }>>;
const g = globalThis as unknown as { __crmQueues?: Map<string, Queue> };
const queues = (g.__crmQueues ??= new Map());

export function queueFor(def: AnyJob): Queue {
  let q = queues.get(def.name);
  if (!q) {
    q = new Queue(def.name, { connection: createRedis({ forBullmq: true }), prefix: queuePrefix(), defaultJobOptions: def.options });
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
  return new QueueEvents(def.name, { connection: createRedis({ forBullmq: true }), prefix: queuePrefix() });
}

export async function closeQueues(): Promise<void> {
  const all = [...queues.values()];
  queues.clear();
  await Promise.all(all.map((q) => q.close()));
}
