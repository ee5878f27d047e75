// The scoring run's clusters of a big tenant from the numbers it has already read
// for its models (lib/analytics/scoring/model-input.ts: every customer's x, t_x, T
// and total paid, and sampleKey), in Node, while the database writes the day's
// features: the same steps as clusters-sample.ts, which runs them in SQL over
// customer_features for the analytics job — the scaling (log1p, mean and
// population sd) over everyone, the seeded sample (the smallest sampleKey, ties
// by the features, so both take the same customers in the same order), chooseK
// on the sample, and the profiles over everyone at their nearest centroid. Then
// the scores INSERT gives each customer its nearest centroid in SQL
// (nearestCentroidSql) with the same model, as the profiles counted them: the two
// differ only where a customer's distances to two centroids agree to the last
// bits of a double (the logarithms are Node's here, the database's there).
//
// Features it can compute: R, F = purchase days (x + 1), M = total paid,
// tenure = T. With categories among the tenant's features the run takes the SQL
// path (they are not in the models' input).
import { chooseKYielding } from "@/lib/analytics/clusters/choose-k";
import { nearestCentroid } from "@/lib/analytics/clusters/kmeans";
import { profileClusters, type ClusterProfiles } from "@/lib/analytics/clusters/profile";
import { standardize, log1pColumns } from "@/lib/analytics/clusters/standardize";
import type { CustomerValues } from "@/lib/analytics/scoring/model-input";
import type { SampledClusters } from "@/lib/analytics/insights/clusters-sample";

const COLUMN: Record<string, (v: CustomerValues, i: number) => number> = {
  recency: (v, i) => v.recency[i]!,
  frequency: (v, i) => v.x[i]! + 1,
  monetary: (v, i) => v.totalCents[i]! / 100,
  tenure: (v, i) => v.T[i]!,
};

/** Whether clustersFromInput can compute these features. */
export const inputHasFeatures = (features: readonly string[]) => features.every((f) => f in COLUMN);

/**
 * The sampleSize rows with the smallest (key, features…), in that order: the
 * customers clusters-sample.ts samples in SQL (ORDER BY key, then the features).
 */
export function sampleRows(key: Float64Array, raw: Float64Array, d: number, sampleSize: number): Int32Array {
  const n = key.length;
  if (n <= sampleSize) throw new RangeError("no sample needed");
  const threshold = Float64Array.from(key).sort()[sampleSize - 1]!;
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) if (key[i]! <= threshold) candidates.push(i);
  candidates.sort((a, b) => {
    if (key[a] !== key[b]) return key[a]! - key[b]!;
    for (let j = 0; j < d; j++) if (raw[a * d + j] !== raw[b * d + j]) return raw[a * d + j]! - raw[b * d + j]!;
    return 0;
  });
  return Int32Array.from(candidates.slice(0, sampleSize));
}

export async function clustersFromInput(
  v: CustomerValues,
  o: {
    features: string[]; kMin: number; kMax: number; seed: number; sampleSize: number;
    /** chooseK's silhouette sample (default: exact up to 5,000 points, else 3,000 of them); verify:cdnow sets it */
    silhouette?: { exactLimit: number; sampleSize: number };
  },
): Promise<SampledClusters> {
  if (!v.sampleKey) throw new Error("clustersFromInput: the models' input was read without the sample's keys");
  const n = v.x.length;
  const d = o.features.length;
  const columns = o.features.map((f) => {
    const c = COLUMN[f];
    if (!c) throw new RangeError(`the models' input has no cluster feature ${f}`);
    return c;
  });
  const raw = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) raw[i * d + j] = columns[j]!(v, i);
  const z = standardize(log1pColumns(raw, d), d);
  const rows = sampleRows(v.sampleKey, raw, d, o.sampleSize);
  const m = rows.length;
  const sample = new Float64Array(m * d);
  for (let s = 0; s < m; s++) for (let j = 0; j < d; j++) sample[s * d + j] = z.data[rows[s]! * d + j]!;

  const chosen = await chooseKYielding(sample, d, {
    kMin: o.kMin, kMax: o.kMax, seed: o.seed, fitSampleSize: Infinity,
    ...(o.silhouette ? { silhouetteExactLimit: o.silhouette.exactLimit, silhouetteSampleSize: o.silhouette.sampleSize } : {}),
  });
  const mean = Array.from(z.mean);
  const scale = Array.from(z.scale);
  const model = chosen.model;
  if (!model.ok) {
    const profiles: ClusterProfiles = { n: 0, featureNames: o.features, overallMeans: null, totalRevenue: null, clusters: [] };
    return { chosen, mean, scale, profiles, sampleSize: m, centroids: null };
  }
  const constant = o.features.map((_, j) => z.constantColumns.includes(j));
  const labels = nearestCentroid(z.data, d, model.centroids);
  const revenueColumn = o.features.indexOf("monetary");
  const profiles = profileClusters({
    features: raw, d, labels, k: model.k, featureNames: o.features, basis: z.data, ...(revenueColumn >= 0 ? { revenueColumn } : {}),
  });
  return {
    chosen, mean, scale, profiles, sampleSize: m,
    centroids: { features: [...o.features], mean, scale, constant, centroids: model.centroids, k: model.k },
  };
}
