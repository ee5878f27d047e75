// What each cluster looks like, in the units people know (days, orders,
// yuan) rather than the z-scores k-means saw: size, share of customers, mean
// of every original feature, share of revenue, and where the cluster sits
// relative to everyone (in standard deviations of the clustering features),
// which names.ts turns into words.
import { checkMatrix } from "./standardize";

export interface ClusterProfileInput {
  /** original (un-standardized) features, n×d row-major */
  features: ArrayLike<number>;
  d: number;
  /** cluster of each row, 0..k−1 */
  labels: ArrayLike<number>;
  k: number;
  /** column names (default f0, f1, …) */
  featureNames?: readonly string[];
  /** column of `features` that is each customer's revenue (e.g. total paid) … */
  revenueColumn?: number;
  /** … or revenue per customer given separately */
  revenue?: ArrayLike<number>;
  /**
   * The matrix the clustering ran on (same n×d, e.g. standardized log-RFM):
   * `relative` is measured there, so a heavy-tailed feature is judged on the
   * scale the clusters were found on. Default: `features` themselves.
   */
  basis?: ArrayLike<number>;
}

export interface ClusterProfile {
  cluster: number;
  size: number;
  /** size / n */
  share: number;
  /** mean of each original feature; null for an empty cluster */
  means: number[] | null;
  /** Σ revenue of the cluster; null without revenue */
  revenue: number | null;
  /** revenue / total revenue; null without revenue or when the total is not positive */
  revenueShare: number | null;
  /** (cluster mean − overall mean) / overall sd of each basis column; null for an empty cluster */
  relative: number[] | null;
}

export interface ClusterProfiles {
  n: number;
  featureNames: string[];
  /** overall mean of each original feature (null when n = 0) */
  overallMeans: number[] | null;
  totalRevenue: number | null;
  clusters: ClusterProfile[];
}

export function profileClusters(input: ClusterProfileInput): ClusterProfiles {
  const { features, d, labels, k } = input;
  const n = checkMatrix(features, d);
  if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} rows`);
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  const featureNames = input.featureNames ? [...input.featureNames] : Array.from({ length: d }, (_, j) => `f${j}`);
  if (featureNames.length !== d) throw new RangeError(`${featureNames.length} feature names for d = ${d}`);
  const basis = input.basis ?? features;
  if (basis.length !== features.length) throw new RangeError("basis must have the same shape as features");
  if (input.revenueColumn !== undefined && !(Number.isInteger(input.revenueColumn) && input.revenueColumn >= 0 && input.revenueColumn < d)) {
    throw new RangeError(`revenueColumn ${input.revenueColumn} is out of range for d = ${d}`);
  }
  if (input.revenue && input.revenue.length !== n) throw new RangeError(`${input.revenue.length} revenue values for ${n} rows`);
  const revenueOf =
    input.revenue !== undefined
      ? (i: number) => input.revenue![i]
      : input.revenueColumn !== undefined
        ? (i: number) => features[i * d + input.revenueColumn!]
        : null;

  const sizes = new Float64Array(k);
  const sums = new Float64Array(k * d);
  const basisSums = new Float64Array(k * d);
  const revenue = new Float64Array(k);
  const overall = new Float64Array(d);
  const basisMean = new Float64Array(d);
  let totalRevenue = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) throw new RangeError(`row ${i}: label ${c} is not in 0..${k - 1}`);
    sizes[c]++;
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(features[i * d + j]) || !Number.isFinite(basis[i * d + j])) throw new RangeError(`row ${i}, column ${j}: not a finite number`);
      sums[c * d + j] += features[i * d + j];
      basisSums[c * d + j] += basis[i * d + j];
      overall[j] += features[i * d + j];
      basisMean[j] += basis[i * d + j];
    }
    if (revenueOf) {
      const r = revenueOf(i);
      if (!Number.isFinite(r)) throw new RangeError(`row ${i}: revenue ${r} is not a finite number`);
      revenue[c] += r;
      totalRevenue += r;
    }
  }
  const basisSd = new Float64Array(d);
  if (n > 0) {
    for (let j = 0; j < d; j++) {
      overall[j] /= n;
      basisMean[j] /= n;
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) basisSd[j] += (basis[i * d + j] - basisMean[j]) ** 2;
    for (let j = 0; j < d; j++) basisSd[j] = Math.sqrt(basisSd[j] / n);
  }
  const clusters: ClusterProfile[] = [];
  for (let c = 0; c < k; c++) {
    const size = sizes[c];
    const means = size > 0 ? Array.from({ length: d }, (_, j) => sums[c * d + j] / size) : null;
    const relative =
      size > 0 ? Array.from({ length: d }, (_, j) => (basisSd[j] > 0 ? (basisSums[c * d + j] / size - basisMean[j]) / basisSd[j] : 0)) : null;
    clusters.push({
      cluster: c,
      size,
      share: n > 0 ? size / n : 0,
      means,
      revenue: revenueOf ? revenue[c] : null,
      revenueShare: revenueOf && totalRevenue > 0 ? revenue[c] / totalRevenue : null,
      relative,
    });
  }
  return {
    n,
    featureNames,
    overallMeans: n > 0 ? Array.from(overall) : null,
    totalRevenue: revenueOf ? totalRevenue : null,
    clusters,
  };
}
