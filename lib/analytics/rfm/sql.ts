// SQL expressions for the R, F and M scores over a feature set with the columns
// recency_days, frequency and monetary.
//
// Quintiles: rfm_quintile(rank, n) (migration 20261125020000_scoring) of the
// customer's RANK() among the tenant's n buyers (recency descending, frequency
// and monetary ascending) is NTILE(5), except that customers with the same value
// share the score of the first of them; for distinct values it is NTILE(5)
// exactly. Recency is ranked oldest first, so the most recent 20% score 5. The
// scoring run writes them as cuts on the values (quintileCutsSql).
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

export function rfmScoreSql(thresholds: RfmThresholds): { r: string; f: string; m: string } {
  return {
    r: atMost("recency_days", thresholds.recency),
    f: atLeast("frequency", thresholds.frequency),
    m: atLeast("monetary", thresholds.monetary),
  };
}

/** One score of a measure and the value that bounds it (see quintileCutsSql). */
export type QuintileCut = { score: number; bound: string };

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The quintile scores of one measure (rfm_quintile of its RANK()) as a CASE on the
 * value itself. The score is a step function of the value, monotone: rfm_quintile
 * grows with the rank, and the rank with the value (ascending, F and M) or against
 * it (descending, recency). So every value with score s lies on one side of the
 * bound of s: at least the smallest value scoring s (ascending), at most the
 * largest (descending), and on the other side of the next higher score's bound.
 * `cuts`: a bound for each score some value has (read from the tenant's values by
 * write-scores.ts), highest score first; a value below every bound scores the lowest.
 */
export function quintileCutsSql(column: string, cuts: readonly QuintileCut[], direction: "ASC" | "DESC"): string {
  if (cuts.length === 0) return "NULL::smallint";
  const op = direction === "ASC" ? ">=" : "<=";
  const arms = cuts.slice(0, -1).map((c) => {
    if (!NUMBER.test(c.bound)) throw new RangeError(`not a number: ${c.bound}`);
    if (!Number.isInteger(c.score) || c.score < 1 || c.score > 5) throw new RangeError(`not a score: ${c.score}`);
    return `WHEN ${column} ${op} ${c.bound} THEN ${c.score}`;
  });
  const lowest = cuts[cuts.length - 1]!.score;
  if (!Number.isInteger(lowest) || lowest < 1 || lowest > 5) throw new RangeError(`not a score: ${lowest}`);
  return arms.length ? `(CASE ${arms.join(" ")} ELSE ${lowest} END)::smallint` : `${lowest}::smallint`;
}

/** F and M as the settings define them, over customer_features columns. */
export function rfmValueSql(
  settings: Pick<ScoringSettings, "frequencyBasis" | "monetaryBasis">,
): { frequency: "orders" | "purchase_days"; monetary: "mean_paid" | "total_paid" } {
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
