// Sample quantiles, Hyndman & Fan (1996) type 7: the default of R's
// quantile() and of numpy.quantile / percentile (method "linear").
// For sorted x[0..n−1] and probability p:
//
//   h = (n − 1)·p,  Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])
//
// so Q(0) = min, Q(1) = max, Q(0.5) = the usual median; e.g. the 0.25
// quantile of 1, 2, 3, 4 is 1.75 (h = 0.75). Non-finite values (NaN, ±∞)
// are skipped; with none left the quantile is null, never NaN.

function checkProbability(p: number) {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
}

/** Type-7 quantile of values already sorted ascending (all finite); null when empty. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  checkProbability(p);
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const frac = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  // a + frac·(b − a) is exact at frac = 0 and returns a when a = b
  return frac === 0 || a === b ? a : a + frac * (b - a);
}

/** The finite values, sorted ascending, in a new Float64Array. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) m++;
  const out = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[k++] = values[i];
  return out.sort();
}

/** Type-7 quantile(s) of the finite values; null when there are none. */
export function quantile(values: ArrayLike<number>, p: number): number | null;
export function quantile(values: ArrayLike<number>, p: readonly number[]): (number | null)[];
export function quantile(values: ArrayLike<number>, p: number | readonly number[]): number | null | (number | null)[] {
  const sorted = sortedFinite(values);
  return typeof p === "number" ? quantileSorted(sorted, p) : p.map((q) => quantileSorted(sorted, q));
}
