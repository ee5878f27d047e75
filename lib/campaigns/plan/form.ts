// The campaign plan form (issue 7, point 1) to a validated plan. Field errors are
// message keys; the refusals that need the database (empty audience, budget below
// the estimated cost) are in mutations.ts / the approval workflow.
import { z } from "zod";
import { AppError } from "@/lib/errors";

export const CHANNELS = ["sms", "email", "wechat", "call", "store"] as const;
export type Channel = (typeof CHANNELS)[number];

const isRealDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
const text = (max: number, key: string) => z.string().trim().max(max, key);
const money = (key: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[,，¥￥\s]/g, "") : v),
    z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, key).transform(Number),
  );
const day = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "campaigns.error.date").refine(isRealDay, "campaigns.error.date");
const channels = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(CHANNELS, "campaigns.error.channel")))
  .refine((xs) => xs.length > 0, "campaigns.error.channelRequired")
  .transform((xs) => [...new Set(xs)]);

export const planFormSchema = z.object({
  name: z.string().trim().min(1, "campaigns.error.nameRequired").max(100, "campaigns.error.nameTooLong"),
  goal: text(500, "campaigns.error.goalTooLong").default(""),
  channels,
  offerDescription: text(200, "campaigns.error.offerTooLong").default(""),
  offerValue: z.preprocess((v) => (v === "" || v === undefined ? "0" : v), money("campaigns.error.offerValue")),
  budget: money("campaigns.error.budget"),
  startsOn: day,
  endsOn: day,
  ownerUserId: z.guid("campaigns.error.owner"),
  segmentId: z.guid("campaigns.error.segmentRequired"),
  controlPercent: z.coerce.number({ error: "campaigns.error.controlPercent" }).min(0, "campaigns.error.controlPercent").max(50, "campaigns.error.controlPercent"),
}).refine((p) => p.endsOn >= p.startsOn, { path: ["endsOn"], message: "campaigns.error.endBeforeStart" });
export type PlanForm = z.output<typeof planFormSchema>;

/** Today in the tenant's zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Parses with `schema`, or throws a validation error whose field errors are message keys (the guard translates them). */
export function parseForm<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "_")] ??= issue.message;
  throw new AppError("validation", "error.validation", {}, fieldErrors);
}
