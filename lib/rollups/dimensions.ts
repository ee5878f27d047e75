// The dimension values rollups store, shared by the refresh (SQL) and the
// dashboards (TS) so both spell them the same way.

/** store_id of orders without a store (rollup keys cannot be NULL). */
export const NO_STORE = "00000000-0000-0000-0000-000000000000";
/** store_id of tenant-wide rows in rollup_repurchase (a customer counted once across stores). */
export const ALL_STORES = "ffffffff-ffff-ffff-ffff-ffffffffffff";
/** department_id / owner_user_id of customers without one. */
export const NOBODY = "00000000-0000-0000-0000-000000000000";

// Province names arrive as 广东省, 广东, 广西壮族自治区, 北京市…; the China map (and
// the rollups) use the short form. The same rule in SQL and in TS.
const PROVINCE_SUFFIX = "(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$";

/** SQL expression: the short province name of a text expression ('' when empty). */
export function provinceSql(expr: string): string {
  return `regexp_replace(btrim(coalesce(${expr}, '')), '${PROVINCE_SUFFIX}', '')`;
}

export function normalizeProvince(name: string | null | undefined): string {
  return (name ?? "").trim().replace(new RegExp(PROVINCE_SUFFIX), "");
}

/** The order's week (ISO, Monday first) and month start, as the rollups use them. */
export type Grain = "day" | "week" | "month";
export const GRAINS: readonly Grain[] = ["day", "week", "month"];

/** predicted_clv bands of rollup_customer_scores (kind clv_band), lowest first. */
export const CLV_BANDS = [
  { bucket: "clv_0", min: null, max: 500 },
  { bucket: "clv_500", min: 500, max: 2000 },
  { bucket: "clv_2000", min: 2000, max: 5000 },
  { bucket: "clv_5000", min: 5000, max: 20000 },
  { bucket: "clv_20000", min: 20000, max: null },
] as const;
