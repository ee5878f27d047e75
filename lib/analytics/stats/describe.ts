// Descriptive statistics of a numeric customer or order measure (spend,
// orders, days since last purchase, …), overall or per segment: count, mean,
// median, sample standard deviation, min, max and type-7 quantiles.
//
// - Non-finite values (NaN for "missing", ±∞) are skipped and counted in
//   `skipped`, so a statistic is never NaN; with nothing left the statistics
//   are null.
// - Standard deviation is the sample one (÷ (n − 1), as R's sd() and
//   numpy.std(ddof=1)); null for fewer than 2 values.
// - Mean and variance in two passes (mean first, then squared deviations with
//   the usual correction term), which keeps full precision for values like
//   1e9 + small noise where the one-pass Σx² − n·mean² formula loses it.
import { quantileSorted, sortedFinite } from "./quantile";

export interface Description {
  /** finite values used */
  count: number;
  /** non-finite values skipped */
  skipped: number;
  mean: number | null;
  median: number | null;
  /** sample standard deviation (n − 1); null when count < 2 */
  sd: number | null;
  min: number | null;
  max: number | null;
  sum: number;
  /** type-7 quantiles at the requested probabilities, in their order */
  quantiles: { p: number; value: number | null }[];
}

export interface DescribeOptions {
  /** probabilities for `quantiles` (default 0.05, 0.25, 0.5, 0.75, 0.95) */
  probabilities?: readonly number[];
}

export const DEFAULT_PROBABILITIES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** Statistics of values already filtered to finite and sorted ascending. */
function describeSorted(sorted: Float64Array, skipped: number, probabilities: readonly number[]): Description {
  const n = sorted.length;
  // Neumaier-compensated sum: exact to rounding of the result for up to millions of values.
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i];
    const t = sum + v;
    carry += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  sum += carry;
  let mean: number | null = null;
  let sd: number | null = null;
  if (n > 0) {
    let m = sum / n;
    // Rounding can put the naive mean just outside [min, max] (e.g. equal values); clamp.
    m = Math.min(Math.max(m, sorted[0]), sorted[n - 1]);
    mean = m;
    if (n > 1) {
      let ss = 0;
      let comp = 0;
      for (let i = 0; i < n; i++) {
        const dev = sorted[i] - m;
        ss += dev * dev;
        comp += dev;
      }
      sd = Math.sqrt(Math.max(0, (ss - (comp * comp) / n) / (n - 1)));
    }
  }
  return {
    count: n,
    skipped,
    mean,
    median: quantileSorted(sorted, 0.5),
    sd,
    min: n > 0 ? sorted[0] : null,
    max: n > 0 ? sorted[n - 1] : null,
    sum,
    quantiles: probabilities.map((p) => ({ p, value: quantileSorted(sorted, p) })),
  };
}

export function describe(values: ArrayLike<number>, options: DescribeOptions = {}): Description {
  const probabilities = options.probabilities ?? DEFAULT_PROBABILITIES;
  const sorted = sortedFinite(values);
  return describeSorted(sorted, values.length - sorted.length, probabilities);
}

export interface SegmentDescription extends Description {
  segment: string | number;
}

/**
 * `describe` per segment: `segments[i]` is the segment of `values[i]` (an RFM
 * segment name, a cluster number, a tier…). Segments come out sorted (numbers
 * ascending, then strings in code-point order), each with its own count and
 * skipped values.
 */
export function describeBySegment(values: ArrayLike<number>, segments: ArrayLike<string | number>, options: DescribeOptions = {}): SegmentDescription[] {
  if (values.length !== segments.length) throw new RangeError(`${values.length} values for ${segments.length} segment labels`);
  const probabilities = options.probabilities ?? DEFAULT_PROBABILITIES;
  // Two passes: sizes, then fill one Float64Array per segment (no per-value boxing).
  const sizes = new Map<string | number, { finite: number; skipped: number }>();
  for (let i = 0; i < values.length; i++) {
    const key = segments[i];
    let s = sizes.get(key);
    if (!s) {
      s = { finite: 0, skipped: 0 };
      sizes.set(key, s);
    }
    if (Number.isFinite(values[i])) s.finite++;
    else s.skipped++;
  }
  const buckets = new Map<string | number, { data: Float64Array; fill: number }>();
  for (const [key, s] of sizes) buckets.set(key, { data: new Float64Array(s.finite), fill: 0 });
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    const b = buckets.get(segments[i])!;
    b.data[b.fill++] = values[i];
  }
  const keys = [...sizes.keys()].sort((a, b) => {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "number") return -1;
    if (typeof b === "number") return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return keys.map((segment) => ({ segment, ...describeSorted(buckets.get(segment)!.data.sort(), sizes.get(segment)!.skipped, probabilities) }));
}
