// Choosing k: fit k-means for every k in a range (default 2..8) and keep the
// k with the highest mean silhouette (Rousseeuw 1987; Kaufman & Rousseeuw
// 1990 read > 0.5 as a reasonable structure, < 0.25 as none to speak of).
// Silhouette rather than the inertia "elbow" because it is a stated, automatic
// criterion with a maximum, comparable across k; inertia only ever falls.
//
// For speed on big tenants the candidates are fitted on a seeded uniform
// sample (default 50,000 points) and scored on one fixed silhouette sample
// (default 3,000 of those, the same points for every k so the scores are
// comparable); the chosen k is then fitted on all points. Ties go to the
// smaller k. A k that the data cannot support (fewer distinct points) gets a
// null score.
import { kmeans, DEFAULT_RESTARTS, DEFAULT_SEED, type KMeansResult } from "./kmeans";
import { createRng, sampleIndices } from "./random";
import { silhouetteScore } from "./silhouette";
import { checkMatrix } from "./standardize";

export interface ChooseKOptions {
  kMin?: number;
  kMax?: number;
  seed?: number;
  restarts?: number;
  maxIterations?: number;
  tolerance?: number;
  /** fit candidates on a seeded sample of this many points when there are more (default 50,000) */
  fitSampleSize?: number;
  /** silhouette over all fitted points up to this many (default 5,000) … */
  silhouetteExactLimit?: number;
  /** … else over a seeded sample of this many (default 3,000) */
  silhouetteSampleSize?: number;
}

export interface KScore {
  k: number;
  /** mean silhouette; null when undefined for this k */
  silhouette: number | null;
  /** k-means inertia on the points the candidates were fitted on */
  inertia: number | null;
  /** clusters actually found (< k when there are fewer distinct points) */
  clusters: number;
}

export interface ChooseKResult {
  /** best k by silhouette; null when no k in the range has a score */
  bestK: number | null;
  scores: KScore[];
  /** points the candidates were fitted on */
  fitPoints: number;
  /** points the silhouettes were computed over */
  silhouettePoints: number;
  /** k-means on all points with bestK (k = 1 when bestK is null) */
  model: KMeansResult;
  message: string | null;
}

function subset(data: ArrayLike<number>, d: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * d);
  for (let s = 0; s < rows.length; s++) for (let j = 0; j < d; j++) out[s * d + j] = data[rows[s] * d + j];
  return out;
}

export function chooseK(data: ArrayLike<number>, d: number, options: ChooseKOptions = {}): ChooseKResult {
  const steps = chooseKSteps(data, d, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * chooseK, handing the event loop back after each candidate k (a k-means fit and
 * its silhouette, a few hundred milliseconds on 50,000 points): the scoring run's
 * database statements queued meanwhile are sent then, instead of after the last k
 * (lib/analytics/insights/clusters-sample.ts). Same result as chooseK.
 */
export async function chooseKYielding(data: ArrayLike<number>, d: number, options: ChooseKOptions = {}): Promise<ChooseKResult> {
  const steps = chooseKSteps(data, d, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* chooseKSteps(data: ArrayLike<number>, d: number, options: ChooseKOptions): Generator<void, ChooseKResult> {
  const n = checkMatrix(data, d);
  const kMin = options.kMin ?? 2;
  const kMax = options.kMax ?? 8;
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 2 || kMax < kMin) {
    throw new RangeError(`need integers 2 ≤ kMin ≤ kMax, got ${kMin}..${kMax}`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const fitOptions = {
    seed,
    restarts: options.restarts ?? DEFAULT_RESTARTS,
    maxIterations: options.maxIterations,
    tolerance: options.tolerance,
  };
  const x = data instanceof Float64Array ? data : Float64Array.from(data);
  const fitSampleSize = options.fitSampleSize ?? 50_000;
  const silhouetteExactLimit = options.silhouetteExactLimit ?? 5000;
  const silhouetteSampleSize = options.silhouetteSampleSize ?? 3000;

  // Separate seeded streams for the two samples, so changing one size does not move the other.
  const fitRows = n > fitSampleSize ? sampleIndices(n, Math.floor(fitSampleSize), createRng(seed ^ 0x5eed)) : null;
  const fitData = fitRows ? subset(x, d, fitRows) : x;
  const m = fitRows ? fitRows.length : n;
  const silRows = m > silhouetteExactLimit && m > silhouetteSampleSize ? sampleIndices(m, Math.floor(silhouetteSampleSize), createRng(seed ^ 0x51)) : null;
  const silData = silRows ? subset(fitData, d, silRows) : fitData;
  const silPoints = silRows ? silRows.length : m;

  const scores: KScore[] = [];
  const models = new Map<number, KMeansResult>();
  for (let k = kMin; k <= kMax; k++) {
    if (k >= m) {
      scores.push({ k, silhouette: null, inertia: null, clusters: Math.min(k, m) });
      continue;
    }
    const model = kmeans(fitData, d, { ...fitOptions, k });
    models.set(k, model);
    if (!model.ok) {
      scores.push({ k, silhouette: null, inertia: null, clusters: 0 });
      continue;
    }
    let silhouette: number | null = null;
    if (model.k === k) {
      const labels = silRows ? Int32Array.from(silRows, (r) => model.labels[r]) : model.labels;
      silhouette = silhouetteScore(silData, d, labels, { exactLimit: Infinity }).score;
    }
    scores.push({ k, silhouette, inertia: model.inertia, clusters: model.k });
    yield;
  }

  let bestK: number | null = null;
  let bestScore = -Infinity;
  for (const s of scores) {
    if (s.silhouette !== null && s.silhouette > bestScore) {
      bestScore = s.silhouette;
      bestK = s.k;
    }
  }
  const finalK = bestK ?? 1;
  const model = !fitRows && models.has(finalK) ? models.get(finalK)! : kmeans(x, d, { ...fitOptions, k: finalK });
  let message: string | null = null;
  if (n === 0) message = "no points to cluster";
  else if (bestK === null) message = `no k in ${kMin}..${kMax} has a silhouette (too few distinct points): one cluster`;
  return { bestK, scores, fitPoints: m, silhouettePoints: silPoints, model, message };
}
