// SQL expressions for the R, F and M scores over a ranked feature set with the
// columns recency_days, frequency, monetary, n (customers with a purchase),
// rr, fr, mr (RANK() by recency descending, frequency and monetary ascending).
//
// Quintiles: rfm_quintile(rank, n) (migration 20261125020000_scoring) is
// NTILE(5) over the tenant's buyers, except that customers with the same value
// share the score of the first of them; for distinct values it is NTILE(5)
// exactly. Recency is ranked oldest first, so the most recent 20% score 5.
//
// Thresholds (a tenant setting): recency ≤ c1 days scores 5, ≤ c2 4, ≤ c3 3,
// ≤ c4 2, else 1; frequency and monetary score 1 + the number of cuts they
// reach (≥ c4 scores 5).
import type { RfmThresholds, ScoringSettings } from "@/lib/analytics/scoring/settings";

const literal = (v: number) => {
  if (!Number.isFinite(v)) throw new RangeError(`threshold must be a finite number (got ${v})`);
  return `${v}::numeric`;
};

function atMost(column: string, cuts: readonly number[]): string {
  const [a, b, c, d] = cuts.map(literal);
  return `(CASE WHEN ${column} <= ${a} THEN 5 WHEN ${column} <= ${b} THEN 4 WHEN ${column} <= ${c} THEN 3 WHEN ${column} <= ${d} THEN 2 ELSE 1 END)::smallint`;
}

function atLeast(column: string, cuts: readonly number[]): string {
  const [a, b, c, d] = cuts.map(literal);
  return `(CASE WHEN ${column} >= ${d} THEN 5 WHEN ${column} >= ${c} THEN 4 WHEN ${column} >= ${b} THEN 3 WHEN ${column} >= ${a} THEN 2 ELSE 1 END)::smallint`;
}

export function rfmScoreSql(thresholds: RfmThresholds | null): { r: string; f: string; m: string } {
  if (!thresholds) return { r: "rfm_quintile(rr, n)", f: "rfm_quintile(fr, n)", m: "rfm_quintile(mr, n)" };
  return {
    r: atMost("recency_days", thresholds.recency),
    f: atLeast("frequency", thresholds.frequency),
    m: atLeast("monetary", thresholds.monetary),
  };
}

/** F and M as the settings define them, over customer_features columns. */
export function rfmValueSql(settings: Pick<ScoringSettings, "frequencyBasis" | "monetaryBasis">): { frequency: string; monetary: string } {
  return {
    frequency: settings.frequencyBasis === "orders" ? "orders" : "purchase_days",
    monetary: settings.monetaryBasis === "mean" ? "mean_paid" : "total_paid",
  };
}

/** NTILE(5) bucket of the k-th of n rows (1-based), as rfm_quintile computes it in SQL. */
export function quintileOfRank(k: number, n: number): number {
  const q = Math.floor(n / 5);
  const rem = n % 5;
  if (k <= rem * (q + 1)) return Math.ceil(k / (q + 1));
  return rem + Math.ceil((k - rem * (q + 1)) / q);
}
