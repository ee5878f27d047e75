// Forms of the execution page. Field errors are message keys (lib/i18n/messages/campaign-run.ts).
import { z } from "zod";

const int = (min: number, max: number, key: string) =>
  z.preprocess((v) => (v === "" || v === undefined ? undefined : typeof v === "string" ? Number(v.trim()) : v),
    z.number(key).int(key).min(min, key).max(max, key));
const optionalInt = (min: number, max: number, key: string) =>
  z.preprocess((v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v.trim()) : v),
    z.number(key).int(key).min(min, key).max(max, key).nullable());
const money = (key: string) =>
  z.preprocess((v) => (v === "" || v === undefined ? "0" : typeof v === "string" ? v.replace(/[,，¥￥\s]/g, "") : v),
    z.string().regex(/^\d{1,10}(\.\d{1,4})?$/, key));
// A local date-time as the browser's datetime-local field sends it, read in the tenant's time zone.
const localDateTime = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "campaignRun.error.scheduleFormat");

const schedule = {
  sendMode: z.enum(["now", "schedule"], "campaignRun.error.sendMode").default("now"),
  scheduledAt: z.preprocess((v) => (v === "" ? undefined : v), localDateTime.optional()),
  throttlePerHour: optionalInt(1, 1_000_000, "campaignRun.error.throttle"),
};

function requireTimeWhenScheduled<T extends { sendMode: "now" | "schedule"; scheduledAt?: string }>(v: T, ctx: z.RefinementCtx) {
  if (v.sendMode === "schedule" && !v.scheduledAt) ctx.addIssue({ code: "custom", path: ["scheduledAt"], message: "campaignRun.error.scheduleRequired" });
}

export const launchSchema = z.object({
  campaignId: z.uuid("campaignRun.error.notFound"),
  ...schedule,
  messageTemplate: z.string().trim().max(1000, "campaignRun.error.templateTooLong").default(""),
  callScript: z.string().trim().max(4000, "campaignRun.error.scriptTooLong").default(""),
  assignment: z.enum(["owner", "store", "round_robin"], "campaignRun.error.assignment").default("round_robin"),
  taskDueDays: int(1, 365, "campaignRun.error.days").default(7),
  attributionDays: int(1, 365, "campaignRun.error.days").default(14),
  costPerMessage: money("campaignRun.error.money"),
  costPerCall: money("campaignRun.error.money"),
  fixedCost: money("campaignRun.error.money"),
  parentCampaignId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("campaignRun.error.parent").optional()),
  retarget: z.enum(["all", "non_responders"], "campaignRun.error.retarget").default("all"),
}).superRefine(requireTimeWhenScheduled);
export type LaunchInput = z.output<typeof launchSchema>;

export const batchSchema = z.object({
  campaignId: z.uuid("campaignRun.error.notFound"),
  channel: z.enum(["sms", "email", "wechat", "store"], "campaignRun.error.channel"),
  ...schedule,
  sizeLimit: optionalInt(1, 10_000_000, "campaignRun.error.size"),
  // The form's one-time key: a double submit makes one batch.
  requestKey: z.string().trim().min(8, "campaignRun.error.requestKey").max(64, "campaignRun.error.requestKey"),
}).superRefine(requireTimeWhenScheduled);
export type BatchInput = z.output<typeof batchSchema>;

export const campaignIdSchema = z.object({ campaignId: z.uuid("campaignRun.error.notFound") });

export const optOutSchema = z.object({
  customerId: z.uuid("campaignRun.error.notFound"),
  channel: z.enum(["sms", "email", "wechat", "call", "all"], "campaignRun.error.channel"),
});

export const capSchema = z.object({
  maxContacts: int(1, 1000, "campaignRun.error.cap"),
  windowDays: int(1, 365, "campaignRun.error.days"),
});
