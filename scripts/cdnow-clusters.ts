// verify:cdnow's check of the clusters' big-tenant shortcut on CDNOW_sample: the
// scoring run's path (lib/analytics/insights/clusters-input.ts: scaling over
// everyone, k-means on a seeded sample, silhouette on a seeded sub-sample of it,
// everyone at the nearest centroid) against k-means on every customer with the
// exact silhouette (clusters-run.ts's in-memory path), on the calibration period's
// recency, frequency (purchase days) and total paid.
import { CDNOW_CALIBRATION_END, type CdnowRecord } from "../lib/analytics/cdnow";
import { labelAgreement } from "../lib/analytics/clusters/agreement";
import { chooseK } from "../lib/analytics/clusters/choose-k";
import { nearestCentroid } from "../lib/analytics/clusters/kmeans";
import { createRng } from "../lib/analytics/clusters/random";
import { standardizeRfm } from "../lib/analytics/clusters/standardize";
import { clustersFromInput } from "../lib/analytics/insights/clusters-input";
import type { CustomerValues } from "../lib/analytics/scoring/model-input";

export const SHORTCUT = { sampleSize: 1000, silhouette: { exactLimit: 300, sampleSize: 300 }, kMin: 2, kMax: 8, seed: 1 };

export type ShortcutComparison = {
  customers: number;
  full: { k: number; silhouette: number | null; sizes: number[] };
  sampled: { k: number; silhouette: number | null; sizes: number[] };
  /** share of customers in the same cluster under the best matching (null when k differs) */
  agreement: number | null;
  /** largest |difference| of a matched cluster's share of customers, and of its mean R, F, M relative to the full fit's */
  shareDiff: number | null;
  meanRelDiff: number | null;
};

export async function clusterShortcut(records: readonly CdnowRecord[]): Promise<ShortcutComparison> {
  // Each customer's purchase days, first and last, and total paid up to the end of calibration.
  const byCustomer = new Map<number, { days: Set<number>; cents: number }>();
  for (const r of records) {
    if (r.day > CDNOW_CALIBRATION_END) continue;
    const c = byCustomer.get(r.customerId) ?? { days: new Set<number>(), cents: 0 };
    c.days.add(r.day);
    c.cents += Math.round(r.dollars * 100);
    byCustomer.set(r.customerId, c);
  }
  const customers = [...byCustomer.values()];
  const n = customers.length;
  const rng = createRng(SHORTCUT.seed);
  const v: CustomerValues = {
    x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n), recency: new Float64Array(n), frequency: new Float64Array(n),
    monetaryCents: new Float64Array(n), totalCents: new Float64Array(n), sampleKey: new Float64Array(n),
  };
  customers.forEach((c, i) => {
    const first = Math.min(...c.days);
    const last = Math.max(...c.days);
    v.x[i] = c.days.size - 1;
    v.tx[i] = last - first;
    v.T[i] = CDNOW_CALIBRATION_END - first;
    v.recency[i] = CDNOW_CALIBRATION_END - last;
    v.frequency[i] = c.days.size;
    v.totalCents[i] = v.monetaryCents[i] = c.cents;
    // A seeded random key per customer, as sampleKey hashes customer ids.
    v.sampleKey![i] = rng.nextInt(2 ** 52);
  });

  const features = ["recency", "frequency", "monetary"];
  const recency = v.recency;
  const monetary = v.totalCents.map((c) => c / 100);
  const z = standardizeRfm({ recency, frequency: v.frequency, monetary });
  const full = chooseK(z.data, z.d, { kMin: SHORTCUT.kMin, kMax: SHORTCUT.kMax, seed: SHORTCUT.seed, fitSampleSize: Infinity });
  const sampled = await clustersFromInput(v, { features, ...SHORTCUT });
  if (!full.model.ok || !sampled.chosen.model.ok || !sampled.centroids) throw new Error("CDNOW clusters could not be fitted");
  const fullModel = full.model;
  const silhouetteOf = (c: typeof full) => c.scores.find((s) => s.k === c.bestK)?.silhouette ?? null;
  const sizes = (labels: ArrayLike<number>, k: number) => {
    const out = new Array<number>(k).fill(0);
    for (let i = 0; i < labels.length; i++) out[labels[i]!]!++;
    return out;
  };
  const sampledSizes = sampled.profiles.clusters.map((p) => p.size);
  const result: ShortcutComparison = {
    customers: n,
    full: { k: fullModel.k, silhouette: silhouetteOf(full), sizes: sizes(fullModel.labels, fullModel.k) },
    sampled: { k: sampled.centroids.k, silhouette: silhouetteOf(sampled.chosen), sizes: sampledSizes },
    agreement: null,
    shareDiff: null,
    meanRelDiff: null,
  };
  if (fullModel.k !== sampled.centroids.k) return result;
  // Everyone's cluster under the sampled model (as the scores INSERT assigns it), matched to the full fit's.
  const k = fullModel.k;
  const sampledLabels = nearestCentroid(z.data, z.d, sampled.centroids.centroids);
  result.agreement = labelAgreement(fullModel.labels, sampledLabels, k);
  // Match each full cluster to the sampled one sharing most customers, then compare shares and means.
  const raw = [recency, v.frequency, monetary];
  const sampledSizesAll = sizes(sampledLabels, k);
  let shareDiff = 0;
  let meanRelDiff = 0;
  for (let c = 0; c < k; c++) {
    const overlap = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) if (fullModel.labels[i] === c) overlap[sampledLabels[i]!]!++;
    const s = overlap.indexOf(Math.max(...overlap));
    const mean = (labels: ArrayLike<number>, cl: number, col: Float64Array) => {
      let sum = 0;
      let m = 0;
      for (let i = 0; i < n; i++) {
        if (labels[i] !== cl) continue;
        sum += col[i]!;
        m++;
      }
      return sum / m;
    };
    shareDiff = Math.max(shareDiff, Math.abs(result.full.sizes[c]! - sampledSizesAll[s]!) / n);
    for (const col of raw) meanRelDiff = Math.max(meanRelDiff, Math.abs(mean(sampledLabels, s, col) / mean(fullModel.labels, c, col) - 1));
  }
  result.shareDiff = shareDiff;
  result.meanRelDiff = meanRelDiff;
  return result;
}
