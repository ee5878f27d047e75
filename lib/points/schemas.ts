// What the points form may send: earn or consume a whole number of points, with
// the reason a person will read later in the ledger. Messages are i18n keys.
import { z } from "zod";

export const POINTS_MAX = 1_000_000;
export const REASON_MAX = 200;

export const adjustPointsSchema = z.object({
  memberId: z.guid({ message: "members.error.invalidId" }),
  direction: z.enum(["earn", "consume"], { message: "points.error.direction" }),
  points: z.coerce.number({ message: "points.error.amount" })
    .int("points.error.amount").min(1, "points.error.amount").max(POINTS_MAX, "points.error.amountMax"),
  reason: z.string({ message: "points.error.reasonRequired" }).trim()
    .min(1, "points.error.reasonRequired").max(REASON_MAX, "points.error.reasonTooLong"),
});

export type AdjustPointsInput = z.output<typeof adjustPointsSchema>;
