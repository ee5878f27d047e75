// Pure statistics for campaign evaluation: the uplift of a treatment group over a
// random control group, with a 95% confidence interval.
//
// Conversion uplift = p_t − p_c. The interval is Newcombe's hybrid score interval
// (Newcombe 1998, "Interval estimation for the difference between independent
// proportions", method 10): it combines the two Wilson score intervals, stays
// inside [−1, 1] and behaves at 0 or 100% conversion and small groups, where the
// Wald interval (also given, method 1) is too narrow or degenerate.
// Revenue-per-customer uplift is a difference of means with a Welch (unequal
// variance) normal-approximation interval from per-group sums and sums of squares.

/** The 97.5% quantile of the standard normal: a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export type Interval = { low: number; high: number };

/** Wilson score interval for x successes in n trials; null when n = 0. */
export function wilsonInterval(x: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { low: Math.max(0, (centre - half) / denom), high: Math.min(1, (centre + half) / denom) };
}

export type ProportionDiff = {
  /** p1 − p2, or null when either group is empty. */
  diff: number | null;
  newcombe: Interval | null;
  wald: Interval | null;
};

/** Difference of two independent proportions x1/n1 − x2/n2 with Newcombe's and Wald's intervals. */
export function proportionDifference(x1: number, n1: number, x2: number, n2: number, z = Z95): ProportionDiff {
  if (n1 <= 0 || n2 <= 0) return { diff: null, newcombe: null, wald: null };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p1 - p2;
  const w1 = wilsonInterval(x1, n1, z)!;
  const w2 = wilsonInterval(x2, n2, z)!;
  const delta = Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2);
  const epsilon = Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2);
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return {
    diff,
    newcombe: { low: diff - delta, high: diff + epsilon },
    wald: { low: Math.max(-1, diff - z * se), high: Math.min(1, diff + z * se) },
  };
}

/** A group's values summarised for a difference of means: count, sum, sum of squares. */
export type MomentSums = { n: number; sum: number; sumSq: number };

export type MeanDiff = { meanT: number | null; meanC: number | null; diff: number | null; interval: Interval | null };

function sampleVariance(g: MomentSums): number {
  if (g.n < 2) return 0;
  const mean = g.sum / g.n;
  return Math.max(0, (g.sumSq - g.n * mean * mean) / (g.n - 1));
}

/** Mean(t) − mean(c) with a Welch normal-approximation interval; no interval when a group has fewer than 2 values. */
export function meanDifference(t: MomentSums, c: MomentSums, z = Z95): MeanDiff {
  const meanT = t.n > 0 ? t.sum / t.n : null;
  const meanC = c.n > 0 ? c.sum / c.n : null;
  if (meanT === null || meanC === null) return { meanT, meanC, diff: null, interval: null };
  const diff = meanT - meanC;
  if (t.n < 2 || c.n < 2) return { meanT, meanC, diff, interval: null };
  const se = Math.sqrt(sampleVariance(t) / t.n + sampleVariance(c) / c.n);
  return { meanT, meanC, diff, interval: { low: diff - z * se, high: diff + z * se } };
}

/** (incremental revenue − cost) / cost; null when nothing was spent. */
export function returnOnInvestment(incrementalRevenue: number, cost: number): number | null {
  if (!(cost > 0)) return null;
  return (incrementalRevenue - cost) / cost;
}

/** A share, or null for an empty denominator (shown as "—", never as 0%). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
