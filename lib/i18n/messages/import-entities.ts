// Import of members, interactions and service tickets (lib/imports/members,
// lib/imports/interactions, lib/imports/tickets, lib/imports/undo-records.ts).
export const en = {
  "imports.outcome.pointsEntries": "Points entries posted (opening balances and differences)",
  "imports.outcome.tierChanges": "Tier changes recorded",
  "imports.reason.noCustomer": "matches no customer; import or create the customer first",
  "imports.reason.unknownTier": "is not one of your member tiers ({tiers})",
  "imports.reason.memberOfOther": "is the member no. of another customer",
  "imports.reason.alreadyMember": "is new, but this customer is already member {memberNo}",
  "imports.reason.sameInteraction": "same customer, channel, time and type as row {row}: skipped as a duplicate",
  "imports.undo.recordsDone.members": "Removed {removed} members the import created and reversed its points on {pointsReversed} other members; kept {kept} members with activity since and {pointsKept} members whose points were spent since.",
  "imports.undo.recordsDone.interactions": "Removed {removed} interactions the import created; kept {kept} other records refer to.",
  "imports.undo.recordsDone.serviceTickets": "Removed {removed} service tickets the import created; kept {kept} other records refer to.",
  "imports.undo.recordsNote.members": "Its points entries are reversed; tiers, join dates and statuses it changed on members that existed before are not.",
  "imports.undo.recordsNote.interactions": "Changes it made to interactions that existed before are not reverted.",
  "imports.undo.recordsNote.serviceTickets": "Changes it made to tickets that existed before are not reverted.",
};

export const zh: Record<keyof typeof en, string> = {
  "imports.outcome.pointsEntries": "记入的积分流水（期初积分及差额）",
  "imports.outcome.tierChanges": "记录的等级变更",
  "imports.reason.noCustomer": "找不到对应的客户；请先导入或新建该客户",
  "imports.reason.unknownTier": "不是已有的会员等级（{tiers}）",
  "imports.reason.memberOfOther": "是另一个客户的会员卡号",
  "imports.reason.alreadyMember": "是新卡号，但该客户已是会员 {memberNo}",
  "imports.reason.sameInteraction": "与第 {row} 行的客户、渠道、时间和类型相同：作为重复跳过",
  "imports.undo.recordsDone.members": "已删除本次导入新建的 {removed} 个会员，并冲回其在 {pointsReversed} 个原有会员上记的积分；保留之后有活动的 {kept} 个会员，以及积分已被使用的 {pointsKept} 个会员。",
  "imports.undo.recordsDone.interactions": "已删除本次导入新建的 {removed} 条互动记录；保留被其他记录引用的 {kept} 条。",
  "imports.undo.recordsDone.serviceTickets": "已删除本次导入新建的 {removed} 个服务工单；保留被其他记录引用的 {kept} 个。",
  "imports.undo.recordsNote.members": "导入记的积分会被冲回；它对原有会员的等级、入会时间和状态所做的修改不会恢复。",
  "imports.undo.recordsNote.interactions": "它对原有互动记录所做的修改不会恢复。",
  "imports.undo.recordsNote.serviceTickets": "它对原有工单所做的修改不会恢复。",
};
