// Feature scaling before k-means. k-means minimises squared Euclidean
// distance, so a feature in yuan would drown one in days unless each is put on
// a common scale; and RFM features are heavy-tailed (a few customers with
// hundreds of orders or 100× the median spend), which would otherwise get
// clusters of their own. Hence, for RFM: log1p, then z-score.
//
// Matrices are row-major Float64Arrays: row i, column j at [i·d + j].

export interface Standardized {
  /** z-scores, n×d row-major */
  data: Float64Array;
  /** column means of the input */
  mean: Float64Array;
  /**
   * column standard deviations of the input (population, ÷n, as scikit-learn's
   * StandardScaler); 1 for a constant column, which then becomes all zeros
   */
  scale: Float64Array;
  /** columns whose values were all equal (they carry no information) */
  constantColumns: number[];
}

export function checkMatrix(data: ArrayLike<number>, d: number): number {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d must be a positive integer, got ${d}`);
  if (data.length % d !== 0) throw new RangeError(`matrix length ${data.length} is not a multiple of d = ${d}`);
  return data.length / d;
}

function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

/**
 * Column-wise z-score: (x − mean) / sd. Two passes (mean, then squared
 * deviations) so the variance does not lose digits to cancellation. Throws on
 * a non-finite value: clean the features before scaling.
 */
export function standardize(data: ArrayLike<number>, d: number): Standardized {
  const n = checkMatrix(data, d);
  const bad = firstNonFinite(data);
  if (bad >= 0) throw new RangeError(`row ${Math.floor(bad / d)}, column ${bad % d}: ${data[bad]} is not a finite number`);
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] = n > 0 ? mean[j] / n : 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const dev = data[i * d + j] - mean[j];
      scale[j] += dev * dev;
    }
  }
  const constantColumns: number[] = [];
  for (let j = 0; j < d; j++) {
    const sd = n > 0 ? Math.sqrt(scale[j] / n) : 0;
    // Relative floor: a column equal up to rounding (e.g. 0.1 + 0.2 vs 0.3) is constant.
    if (!(sd > 1e-12 * Math.max(1, Math.abs(mean[j])))) {
      scale[j] = 1;
      constantColumns.push(j);
    } else {
      scale[j] = sd;
    }
  }
  const out = applyStandardization(data, d, mean, scale);
  for (const j of constantColumns) for (let i = 0; i < n; i++) out[i * d + j] = 0;
  return { data: out, mean, scale, constantColumns };
}

/** Scales new rows with a fitted mean and scale (e.g. to place customers into last month's clusters). */
export function applyStandardization(data: ArrayLike<number>, d: number, mean: ArrayLike<number>, scale: ArrayLike<number>): Float64Array {
  const n = checkMatrix(data, d);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = (data[i * d + j] - mean[j]) / scale[j];
  return out;
}

/**
 * log(1 + x) of the chosen columns (all by default), for heavy-tailed counts
 * and amounts. Values below 0 (e.g. net refunds exceeding purchases) are
 * taken as 0, so the result is always finite for finite input.
 */
export function log1pColumns(data: ArrayLike<number>, d: number, columns?: readonly number[]): Float64Array {
  const n = checkMatrix(data, d);
  const out = Float64Array.from(data);
  const cols = columns ?? Array.from({ length: d }, (_, j) => j);
  for (const j of cols) {
    if (!Number.isInteger(j) || j < 0 || j >= d) throw new RangeError(`column ${j} is out of range for d = ${d}`);
    for (let i = 0; i < n; i++) out[i * d + j] = Math.log1p(Math.max(0, out[i * d + j]));
  }
  return out;
}

export interface RfmColumns {
  /** days since the last purchase */
  recency: ArrayLike<number>;
  /** purchase days or orders */
  frequency: ArrayLike<number>;
  /** total (or mean) paid */
  monetary: ArrayLike<number>;
}

export const RFM_FEATURES = ["recency", "frequency", "monetary"] as const;

/** (recency, frequency, monetary) columns → the raw n×3 matrix in that column order. */
export function rfmMatrix(rfm: RfmColumns): Float64Array {
  const n = rfm.recency.length;
  if (rfm.frequency.length !== n || rfm.monetary.length !== n) throw new RangeError("recency, frequency and monetary must have the same length");
  const out = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    out[i * 3] = rfm.recency[i];
    out[i * 3 + 1] = rfm.frequency[i];
    out[i * 3 + 2] = rfm.monetary[i];
  }
  return out;
}

/**
 * The clustering features for RFM: log1p of recency, frequency and monetary,
 * then z-scores. Extra columns (already numeric, e.g. tenure or categories
 * bought) can be appended with `extra` (n×e row-major); they are z-scored but
 * not logged unless listed in `logExtra`.
 */
export function standardizeRfm(rfm: RfmColumns, extra?: { data: ArrayLike<number>; d: number; logExtra?: readonly number[] }): Standardized & { d: number } {
  const n = rfm.recency.length;
  const base = log1pColumns(rfmMatrix(rfm), 3);
  if (!extra) return { ...standardize(base, 3), d: 3 };
  const e = extra.d;
  if (checkMatrix(extra.data, e) !== n) throw new RangeError(`extra features have ${extra.data.length / e} rows, expected ${n}`);
  const extraData = extra.logExtra ? log1pColumns(extra.data, e, extra.logExtra) : extra.data;
  const d = 3 + e;
  const all = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) all[i * d + j] = base[i * 3 + j];
    for (let j = 0; j < e; j++) all[i * d + 3 + j] = extraData[i * e + j];
  }
  return { ...standardize(all, d), d };
}
