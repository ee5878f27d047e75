// What the 360 view's forms may send. Ids must look like ids (anything else is
// refused before a query runs); whether they exist in this tenant and in the
// caller's scope is checked in lib/customers/mutations.ts. Messages are i18n keys.
import { z } from "zod";

const id = z.guid({ message: "customers.error.invalidId" });

export const TAG_NAME_MAX = 30;

export const addTagSchema = z.object({
  customerId: id,
  tagName: z.string({ message: "customers.error.tagNameRequired" }).trim()
    .min(1, "customers.error.tagNameRequired").max(TAG_NAME_MAX, "customers.error.tagNameTooLong"),
});

export const removeTagSchema = z.object({ customerId: id, tagId: id });

/** Channels and types a person logs by hand (the interactions table allows these channels). */
export const INTERACTION_CHANNELS = ["call", "visit", "wechat", "sms", "email", "web"] as const;
export const INTERACTION_TYPES = ["follow_up", "care", "consultation", "store_visit", "note"] as const;
export const NOTE_MAX = 1000;

export const logInteractionSchema = z.object({
  customerId: id,
  channel: z.enum(INTERACTION_CHANNELS, { message: "customers.error.channel" }),
  type: z.enum(INTERACTION_TYPES, { message: "customers.error.type" }),
  note: z.string().trim().max(NOTE_MAX, "customers.error.noteTooLong").default(""),
  /** A wall-clock time in the tenant's zone from <input type="datetime-local">; empty means now. */
  occurredAt: z.union([
    z.literal("").transform(() => null),
    z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "customers.error.occurredAt"),
  ]).nullable().default(null),
});

export type AddTagInput = z.output<typeof addTagSchema>;
export type RemoveTagInput = z.output<typeof removeTagSchema>;
export type LogInteractionInput = z.output<typeof logInteractionSchema>;
