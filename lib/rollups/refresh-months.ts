// Monthly sums of the member and interaction day rollups (migration
// 20261125067200_dashboard_speed), so a long dashboard range reads whole months
// from a small table and only its ragged ends by day (lib/rollups/read-months.ts).
// A month row is the sum of the day rows of that month with the same dimensions,
// rebuilt from the day table right after the day table itself: from the month of
// the first rebuilt day (the day rows before that day in the month are still there),
// or whole.

type Run = (name: string, sql: string, ...params: unknown[]) => Promise<void>;

export type MonthlyRollup = { daily: string; monthly: string; dimensions: readonly string[]; measures: readonly string[] };

export const MONTHLY_ROLLUPS = {
  interactions: { daily: "rollup_interactions_daily", monthly: "rollup_interactions_monthly",
    dimensions: ["channel", "department_id", "owner_user_id"], measures: ["interactions", "points", "converted_7", "converted_30"] },
  points: { daily: "rollup_points_daily", monthly: "rollup_points_monthly",
    dimensions: ["department_id", "owner_user_id"], measures: ["earned", "consumed"] },
  coupons: { daily: "rollup_coupons_daily", monthly: "rollup_coupons_monthly",
    dimensions: ["department_id", "owner_user_id"], measures: ["issued", "issued_value", "used", "used_value"] },
  tierChanges: { daily: "rollup_tier_changes_daily", monthly: "rollup_tier_changes_monthly",
    dimensions: ["from_tier_id", "to_tier_id", "department_id", "owner_user_id"], measures: ["changes"] },
  referrals: { daily: "rollup_referrals_daily", monthly: "rollup_referrals_monthly",
    dimensions: ["department_id", "owner_user_id"], measures: ["referrals", "referred_buyers", "referred_purchases", "referred_revenue", "reward_points"] },
} as const satisfies Record<string, MonthlyRollup>;

/** Rebuilds a monthly table from its day table: from the month holding `fromDay`, or
 *  everything — also when no earlier month is there (the first refresh after the
 *  monthly tables appeared, so a partial refresh never leaves old months missing). */
export async function refreshMonths(run: Run, tenantId: string, rollup: MonthlyRollup, fromDay: string | null): Promise<void> {
  const month = fromDay ? `${fromDay.slice(0, 7)}-01` : null;
  const params = month ? [tenantId, month] : [tenantId];
  const dims = rollup.dimensions.join(", ");
  await run("delete", `DELETE FROM ${rollup.monthly} WHERE tenant_id = $1::uuid ${month ? "AND month >= $2::date" : ""}`, ...params);
  await run(rollup.monthly, `
    INSERT INTO ${rollup.monthly} (tenant_id, month, ${dims}, ${rollup.measures.join(", ")})
    SELECT $1::uuid, date_trunc('month', day::timestamp)::date, ${dims}, ${rollup.measures.map((m) => `sum(${m})`).join(", ")}
    FROM ${rollup.daily}
    WHERE tenant_id = $1::uuid
      ${month ? `AND (day >= $2::date OR NOT EXISTS (SELECT 1 FROM ${rollup.monthly} m WHERE m.tenant_id = $1::uuid AND m.month < $2::date))` : ""}
    GROUP BY 2, ${dims}`, ...params);
}
