// A job is declared once: its queue name, its zod payload (which always carries the
// tenantId it runs for) and its retry options. The app enqueues through
// lib/jobs/enqueue.ts; the worker re-parses the payload with the same schema before
// running it in that tenant's context. The app never imports workers/.
import { z } from "zod";
import type { JobsOptions } from "bullmq";

export const tenantPayload = z.object({ tenantId: z.uuid() });

export type JobDefinition<S extends z.ZodObject<{ tenantId: z.ZodType<string> }>> = {
  name: string;
  schema: S;
  options: JobsOptions;
  /** How many of these one worker process runs at once. */
  concurrency: number;
};

export function defineJob<S extends z.ZodObject<{ tenantId: z.ZodType<string> }>>(def: {
  name: string;
  schema: S;
  options?: JobsOptions;
  concurrency?: number;
}): JobDefinition<S> {
  return {
    name: def.name,
    schema: def.schema,
    concurrency: def.concurrency ?? 1,
    options: {
      attempts: 3,
      backoff: { type: "exponential", delay: 2_000 },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
      ...def.options,
    },
  };
}

export type PayloadOf<D> = D extends JobDefinition<infer S> ? z.input<S> : never;
