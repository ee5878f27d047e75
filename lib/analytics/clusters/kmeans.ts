// k-means clustering (Lloyd's algorithm) with greedy k-means++ seeding,
// several restarts keeping the lowest inertia, and a seeded generator so the
// same data and seed always give the same clusters.
//
// - Seeding: k-means++ (Arthur & Vassilvitskii 2007): the first centre is a
//   uniformly random point, each next one a point drawn with probability ∝ D²
//   (squared distance to the nearest centre chosen so far). "Greedy" variant
//   as in scikit-learn: 2 + ⌊ln k⌋ candidates per step, keep the one that
//   lowers the total D² most.
// - Iterations: assign each point to its nearest centre, move each centre to
//   the mean of its points; stop when no label changes or when the centres
//   moved by at most `tolerance` × (mean column variance) in total squared
//   distance (scikit-learn's criterion), or after `maxIterations`. Hamerly's
//   (2010) distance bounds skip the distance computations that cannot change
//   a label, so the iterates are Lloyd's, only cheaper.
// - Restarts: `restarts` k-means++ starts (default 4), lowest inertia wins.
//   Above `restartSampleSize` points (default 100,000) the starts run on a
//   seeded uniform sample and the winner's centres seed one final run on all
//   points: choosing between local optima does not need a million points,
//   and it keeps 1M customers at about a second.
// - Empty cluster: its centre is moved onto the point farthest from its own
//   centre (taken from a cluster with more than one point), as scikit-learn.
// - Fewer distinct points than k: k-means++ runs out of points with D² > 0,
//   so the model has k = the number of distinct points (`requestedK` keeps
//   what was asked) and a message says so; inertia is then 0.
// - Output order: clusters are renumbered by size (largest first), then by
//   centroid, so the numbering does not depend on which restart won.
//
// Data are a row-major n×d Float64Array (standardize first: see
// standardize.ts). Everything is deterministic: fixed seed, fixed summation
// order; a point equally near two centres keeps its cluster, or takes the
// lower-numbered one when it is (re)examined.
import { createRng, sampleIndices, type Rng } from "./random";
import { checkMatrix } from "./standardize";

export interface KMeansOptions {
  k: number;
  /** PRNG seed for k-means++ (default 1) */
  seed?: number;
  /** independent k-means++ starts; the lowest inertia wins (default 4) */
  restarts?: number;
  /** Lloyd iterations per start (default 300) */
  maxIterations?: number;
  /** relative centre-shift tolerance (default 1e-4, × mean column variance) */
  tolerance?: number;
  /** start from these centres (k×d) instead of k-means++; `restarts` is then 1 */
  initialCentroids?: ArrayLike<number>;
  /**
   * With more points than this and more than one restart, the restarts run on
   * a seeded uniform sample of this many points and the winner's centres seed
   * one final run on all points (default 100,000; Infinity turns it off).
   */
  restartSampleSize?: number;
}

export interface KMeansModel {
  ok: true;
  /** clusters found: min(requested k, distinct points) */
  k: number;
  requestedK: number;
  n: number;
  d: number;
  /** cluster of each point, 0..k−1 */
  labels: Int32Array;
  /** k×d row-major, in the units of the input */
  centroids: Float64Array;
  sizes: Int32Array;
  /** sum of squared distances of points to their centroid */
  inertia: number;
  /** iterations of the run that produced the labels (the final run on all points when restarts ran on a sample) */
  iterations: number;
  converged: boolean;
  restarts: number;
  /** points each restart ran on: n, or the restart sample size */
  restartPoints: number;
  seed: number;
  /** why k is smaller than requested, or that an iteration limit was hit; null otherwise */
  message: string | null;
  elapsedMs: number;
}

export interface KMeansFailure {
  ok: false;
  reason: "no-data" | "invalid-input";
  message: string;
  requestedK: number;
  n: number;
  d: number;
}

export type KMeansResult = KMeansModel | KMeansFailure;

export const DEFAULT_SEED = 1;
export const DEFAULT_RESTARTS = 4;

/** Squared Euclidean distance between row i of `data` and row c of `centres`. */
function dist2(data: Float64Array, i: number, centres: Float64Array, c: number, d: number): number {
  let s = 0;
  const a = i * d;
  const b = c * d;
  for (let j = 0; j < d; j++) {
    const t = data[a + j] - centres[b + j];
    s += t * t;
  }
  return s;
}

/** Labels of new points under fitted centroids (e.g. new customers between refits); ties → lower index. */
export function nearestCentroid(data: ArrayLike<number>, d: number, centroids: ArrayLike<number>): Int32Array {
  const n = checkMatrix(data, d);
  const k = checkMatrix(centroids, d);
  const labels = new Int32Array(n).fill(-1);
  if (k === 0) return labels;
  const x = Float64Array.from(data);
  const centres = Float64Array.from(centroids);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const s = dist2(x, i, centres, c, d);
      if (s < bestD) {
        bestD = s;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}

/** Greedy k-means++; returns ≤ k centres (fewer when there are fewer distinct points). */
function kmeansPlusPlus(data: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const centres = new Float64Array(k * d);
  const first = rng.nextInt(n);
  for (let j = 0; j < d; j++) centres[j] = data[first * d + j];
  let closest = new Float64Array(n);
  let candidate = new Float64Array(n);
  let scratch = new Float64Array(n);
  const cumulative = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = dist2(data, i, centres, 0, d);
  const trials = 2 + Math.floor(Math.log(k));
  let found = 1;
  for (; found < k; found++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += closest[i];
      cumulative[i] = total;
    }
    if (!(total > 0)) break; // every point sits on a centre: no more distinct points
    let bestPotential = Infinity;
    let bestIndex = -1;
    for (let t = 0; t < trials; t++) {
      // first index whose cumulative sum exceeds r: a point with D² > 0
      const r = rng.next() * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      const index = lo;
      let potential = 0;
      const a = index * d;
      for (let i = 0; i < n; i++) {
        let s = 0;
        const b = i * d;
        for (let j = 0; j < d; j++) {
          const u = data[b + j] - data[a + j];
          s += u * u;
        }
        const m = s < closest[i] ? s : closest[i];
        scratch[i] = m;
        potential += m;
      }
      if (potential < bestPotential) {
        bestPotential = potential;
        bestIndex = index;
        const swap = candidate;
        candidate = scratch;
        scratch = swap;
      }
    }
    for (let j = 0; j < d; j++) centres[found * d + j] = data[bestIndex * d + j];
    const swap = closest;
    closest = candidate;
    candidate = swap;
  }
  return found === k ? centres : centres.slice(0, found * d);
}

interface LloydRun {
  labels: Int32Array;
  centres: Float64Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

/**
 * Lloyd's iterations, accelerated with Hamerly's (2010) bounds: per point an
 * upper bound on the distance to its own centre and a lower bound on the
 * distance to any other; a point is re-examined only when the bounds (moved
 * by how far the centres moved) no longer prove its label. Same fixed point
 * as plain Lloyd — only the distance computations that cannot change a label
 * are skipped — and most points skip them after the first few iterations.
 */
function lloyd(data: Float64Array, n: number, d: number, initial: Float64Array, maxIterations: number, toleranceAbs: number): LloydRun {
  const k = initial.length / d;
  const centres = Float64Array.from(initial);
  const sums = new Float64Array(k * d);
  const labels = new Int32Array(n);
  const counts = new Int32Array(k);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const halfGap = new Float64Array(k); // half the distance from each centre to its nearest other centre
  const moved = new Float64Array(k);

  const examine = (i: number) => {
    // nearest and second-nearest centre of point i; ties → lower index
    let d1 = Infinity;
    let d2 = Infinity;
    let best = 0;
    const a = i * d;
    for (let c = 0; c < k; c++) {
      const b = c * d;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = data[a + j] - centres[b + j];
        s += t * t;
      }
      if (s < d1) {
        d2 = d1;
        d1 = s;
        best = c;
      } else if (s < d2) {
        d2 = s;
      }
    }
    const changed = labels[i] !== best;
    labels[i] = best;
    upper[i] = Math.sqrt(d1);
    lower[i] = Math.sqrt(d2);
    return changed;
  };

  for (let i = 0; i < n; i++) examine(i);
  let iterations = 0;
  let converged = false;
  let changed = 0;
  for (;;) {
    // Update: centres = means of their points.
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      const a = i * d;
      const b = c * d;
      for (let j = 0; j < d; j++) sums[b + j] += data[a + j];
    }
    relocateEmpty(data, n, d, k, centres, labels, counts, sums, upper, lower);
    let shift = 0;
    let maxMove = 0;
    let maxMoveAt = -1;
    let secondMove = 0;
    for (let c = 0; c < k; c++) {
      let m2 = 0;
      for (let j = 0; j < d; j++) {
        const v = counts[c] > 0 ? sums[c * d + j] / counts[c] : centres[c * d + j];
        const t = v - centres[c * d + j];
        m2 += t * t;
        centres[c * d + j] = v;
      }
      shift += m2;
      moved[c] = Math.sqrt(m2);
      if (moved[c] > maxMove) {
        secondMove = maxMove;
        maxMove = moved[c];
        maxMoveAt = c;
      } else if (moved[c] > secondMove) {
        secondMove = moved[c];
      }
    }
    iterations++;
    for (let c = 0; c < k; c++) {
      let nearest = Infinity;
      for (let o = 0; o < k; o++) {
        if (o === c) continue;
        let s = 0;
        for (let j = 0; j < d; j++) {
          const t = centres[c * d + j] - centres[o * d + j];
          s += t * t;
        }
        if (s < nearest) nearest = s;
      }
      halfGap[c] = Math.sqrt(nearest) / 2;
    }
    // Assignment: the bounds follow the centres' moves; only points whose
    // bounds no longer prove their label are re-examined.
    changed = 0;
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      const u = upper[i] + moved[c];
      const l = lower[i] - (c === maxMoveAt ? secondMove : maxMove);
      upper[i] = u;
      lower[i] = l;
      const m = halfGap[c] > l ? halfGap[c] : l;
      if (u <= m) continue;
      const tight = Math.sqrt(dist2(data, i, centres, c, d));
      upper[i] = tight;
      if (tight <= m) continue;
      if (examine(i)) changed++;
    }
    // Labels are now those of the nearest current centre; when none changed,
    // the centres are also the means of their points (a fixed point).
    if (changed === 0 || shift <= toleranceAbs) {
      converged = true;
      break;
    }
    if (iterations >= maxIterations) break;
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dist2(data, i, centres, labels[i], d);
  return { labels, centres, inertia, iterations, converged };
}

/**
 * Each empty cluster takes the point farthest from its centre among points
 * whose cluster keeps at least one other point (scikit-learn's rule). The
 * moved point's bounds are reset so they stay valid.
 */
function relocateEmpty(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  centres: Float64Array,
  labels: Int32Array,
  counts: Int32Array,
  sums: Float64Array,
  upper: Float64Array,
  lower: Float64Array,
) {
  let empty = 0;
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty++;
  if (empty === 0) return;
  const distances = new Float64Array(n);
  for (let i = 0; i < n; i++) distances[i] = dist2(data, i, centres, labels[i], d);
  for (let c = 0; c < k; c++) {
    if (counts[c] !== 0) continue;
    let far = -1;
    let farD = -1;
    for (let i = 0; i < n; i++) {
      if (distances[i] > farD && counts[labels[i]] > 1) {
        farD = distances[i];
        far = i;
      }
    }
    if (far < 0) return; // only with more centres than distinct points (given initial centres): keep them
    const old = labels[far];
    counts[old]--;
    counts[c] = 1;
    for (let j = 0; j < d; j++) {
      sums[old * d + j] -= data[far * d + j];
      sums[c * d + j] = data[far * d + j];
    }
    labels[far] = c;
    distances[far] = -1;
    upper[far] = Infinity;
    lower[far] = 0;
  }
}

/** Renumber clusters: largest first, then by centroid coordinates. */
function canonicalOrder(run: LloydRun, n: number, d: number, k: number) {
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[run.labels[i]]++;
  const order = Array.from({ length: k }, (_, c) => c).sort((u, v) => {
    if (sizes[u] !== sizes[v]) return sizes[v] - sizes[u];
    for (let j = 0; j < d; j++) {
      const diff = run.centres[u * d + j] - run.centres[v * d + j];
      if (diff !== 0) return diff;
    }
    return u - v;
  });
  const rank = new Int32Array(k);
  order.forEach((c, r) => (rank[c] = r));
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = rank[run.labels[i]];
  const centroids = new Float64Array(k * d);
  const sortedSizes = new Int32Array(k);
  order.forEach((c, r) => {
    sortedSizes[r] = sizes[c];
    for (let j = 0; j < d; j++) centroids[r * d + j] = run.centres[c * d + j];
  });
  return { labels, centroids, sizes: sortedSizes };
}

export function kmeans(data: ArrayLike<number>, d: number, options: KMeansOptions): KMeansResult {
  const started = performance.now();
  const n = checkMatrix(data, d);
  const requestedK = options.initialCentroids ? checkMatrix(options.initialCentroids, d) : options.k;
  if (!Number.isInteger(requestedK) || requestedK < 1) throw new RangeError(`k must be a positive integer, got ${requestedK}`);
  if (options.initialCentroids && options.k !== requestedK) throw new RangeError(`initialCentroids hold ${requestedK} centres, k is ${options.k}`);
  const restarts = options.initialCentroids ? 1 : (options.restarts ?? DEFAULT_RESTARTS);
  const maxIterations = options.maxIterations ?? 300;
  const tolerance = options.tolerance ?? 1e-4;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(restarts) || restarts < 1) throw new RangeError(`restarts must be a positive integer, got ${restarts}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RangeError(`maxIterations must be a positive integer, got ${maxIterations}`);
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0, got ${tolerance}`);

  if (n === 0) return { ok: false, reason: "no-data", message: "no points to cluster", requestedK, n, d };
  const x = data instanceof Float64Array ? data : Float64Array.from(data);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      return { ok: false, reason: "invalid-input", message: `row ${Math.floor(i / d)}, column ${i % d}: ${x[i]} is not a finite number`, requestedK, n, d };
    }
  }
  if (options.initialCentroids) {
    for (let i = 0; i < options.initialCentroids.length; i++) {
      if (!Number.isFinite(options.initialCentroids[i])) throw new RangeError("initialCentroids must be finite");
    }
  }

  // Tolerance in absolute terms: tolerance × mean column variance (scikit-learn).
  let meanVariance = 0;
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i * d + j];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[i * d + j] - m) ** 2;
    meanVariance += v / n / d;
  }
  const toleranceAbs = tolerance * meanVariance;

  const rng = createRng(seed);
  const restartSampleSize = options.restartSampleSize ?? 100_000;
  if (!(restartSampleSize >= 1)) throw new RangeError(`restartSampleSize must be ≥ 1, got ${restartSampleSize}`);
  let run: LloydRun;
  let restartPoints = n;
  if (options.initialCentroids) {
    run = lloyd(x, n, d, Float64Array.from(options.initialCentroids), maxIterations, toleranceAbs);
  } else if (restarts > 1 && n > restartSampleSize) {
    // Restarts decide between local optima, which a 100k-point sample tells
    // apart as well as a million points; the final run polishes on all points.
    restartPoints = Math.floor(restartSampleSize);
    const picked = sampleIndices(n, restartPoints, rng);
    const sample = new Float64Array(restartPoints * d);
    for (let s = 0; s < restartPoints; s++) for (let j = 0; j < d; j++) sample[s * d + j] = x[picked[s] * d + j];
    let best: LloydRun | null = null;
    for (let r = 0; r < restarts; r++) {
      const trial = lloyd(sample, restartPoints, d, kmeansPlusPlus(sample, restartPoints, d, requestedK, rng), maxIterations, toleranceAbs);
      if (best === null || trial.inertia < best.inertia) best = trial;
    }
    run = lloyd(x, n, d, best!.centres, maxIterations, toleranceAbs);
  } else {
    let best: LloydRun | null = null;
    for (let r = 0; r < restarts; r++) {
      const trial = lloyd(x, n, d, kmeansPlusPlus(x, n, d, requestedK, rng), maxIterations, toleranceAbs);
      if (best === null || trial.inertia < best.inertia) best = trial;
    }
    run = best!;
  }
  const k = run.centres.length / d;
  const { labels, centroids, sizes } = canonicalOrder(run, n, d, k);
  const messages: string[] = [];
  if (k < requestedK) messages.push(`only ${k} distinct point${k === 1 ? "" : "s"}: ${k} cluster${k === 1 ? "" : "s"} instead of ${requestedK}`);
  if (!run.converged) messages.push(`stopped after ${maxIterations} iterations without converging`);
  return {
    ok: true,
    k,
    requestedK,
    n,
    d,
    labels,
    centroids,
    sizes,
    inertia: run.inertia,
    iterations: run.iterations,
    converged: run.converged,
    restarts,
    restartPoints,
    seed,
    message: messages.length ? messages.join("; ") : null,
    elapsedMs: performance.now() - started,
  };
}
