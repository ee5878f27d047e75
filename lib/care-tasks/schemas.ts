import { z } from "zod";

export const OUTCOMES = ["reached", "not_reached", "interested", "purchased", "refused"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const outcomeSchema = z.object({
  taskId: z.uuid("careTasks.error.notFound"),
  outcome: z.enum(OUTCOMES, "careTasks.error.outcome"),
  note: z.string().trim().max(1000, "careTasks.error.noteTooLong").default(""),
  // The version the form was rendered from: a task changed since (reassigned, done elsewhere) is refused.
  version: z.coerce.number("careTasks.error.stale").int().min(1),
});
export type OutcomeInput = z.output<typeof outcomeSchema>;

export const reassignSchema = z.object({
  taskId: z.uuid("careTasks.error.notFound"),
  assigneeUserId: z.uuid("careTasks.error.assignee"),
  dueDate: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "careTasks.error.dueDate").optional()),
});
export type ReassignInput = z.output<typeof reassignSchema>;
