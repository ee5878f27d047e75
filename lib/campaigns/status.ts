// A campaign's life cycle, shared by planning (this side) and execution.
//
//   draft ──submit──> pending_approval ──approve──> approved            (one level)
//                          │            └─approve──> pending_approval_2 ──approve──> approved   (budget over the threshold)
//                          └──reject──> rejected (either level)
//   rejected ──edit──> draft;  approved ──(execution)──> running ──> completed | cancelled
//
// Planning owns draft … approved/rejected; execution moves approved onwards.
export const CAMPAIGN_STATUSES = [
  "draft", "pending_approval", "pending_approval_2", "approved", "rejected", "running", "completed", "cancelled",
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export function isCampaignStatus(v: unknown): v is CampaignStatus {
  return typeof v === "string" && (CAMPAIGN_STATUSES as readonly string[]).includes(v);
}

/** Statuses in which the plan may be edited (a rejected campaign goes back to draft when edited). */
export const EDITABLE_STATUSES: readonly CampaignStatus[] = ["draft", "rejected"];
/** Waiting for an approver. */
export const PENDING_STATUSES: readonly CampaignStatus[] = ["pending_approval", "pending_approval_2"];
/** Campaigns whose audience is frozen and may be contacted: the "other running campaigns" of an overlap. */
export const LIVE_STATUSES: readonly CampaignStatus[] = ["approved", "running"];

/** The approval level a pending status waits for. */
export function pendingLevel(status: CampaignStatus): 1 | 2 | null {
  return status === "pending_approval" ? 1 : status === "pending_approval_2" ? 2 : null;
}
