// k-means (k-means++ start, seeded restarts, Hamerly-accelerated Lloyd),
// scaling, choice of k, profiles and names. Published k-means numbers (e.g.
// Iris) need the data set verbatim, which we do not vendor; the checks here
// are hand-computed cases and planted, well-separated clusters that any
// correct k-means must recover.
import { describe, expect, it } from "vitest";
import { chooseK, chooseKYielding } from "@/lib/analytics/clusters/choose-k";
import { kmeans, nearestCentroid, type KMeansModel } from "@/lib/analytics/clusters/kmeans";
import { nameClusters, featureWords, RFM_VOCABULARY } from "@/lib/analytics/clusters/names";
import { profileClusters } from "@/lib/analytics/clusters/profile";
import { createRng, normalVariate, sampleIndices } from "@/lib/analytics/clusters/random";
import { RFM_FEATURES, log1pColumns, rfmMatrix, standardize, standardizeRfm } from "@/lib/analytics/clusters/standardize";
import { adjustedRandIndex } from "@/lib/analytics/stats/adjusted-rand";

/** Gaussian blobs (sd 1) around the given centres, rows shuffled by a seeded generator. */
function blobs(centres: number[][], sizes: number[], seed: number) {
  const d = centres[0].length;
  const rng = createRng(seed);
  const n = sizes.reduce((a, b) => a + b, 0);
  const truth = new Int32Array(n);
  let i = 0;
  sizes.forEach((s, c) => {
    for (let t = 0; t < s; t++) truth[i++] = c;
  });
  for (let t = n - 1; t > 0; t--) {
    const u = rng.nextInt(t + 1);
    [truth[t], truth[u]] = [truth[u], truth[t]];
  }
  const data = new Float64Array(n * d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) data[r * d + j] = centres[truth[r]][j] + normalVariate(rng);
  return { data, d, n, truth };
}

const FOUR = [
  [0, 0, 0],
  [8, 0, 0],
  [0, 8, 0],
  [0, 0, 8],
];

function fitted(result: ReturnType<typeof kmeans>): KMeansModel {
  if (!result.ok) throw new Error(result.message);
  return result;
}

const allFinite = (a: ArrayLike<number>) => Array.from(a).every(Number.isFinite);

describe("random", () => {
  it("is reproducible and spreads over [0, 1)", () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / 1000).toBeCloseTo(0.5, 1);
    expect(createRng(8).next()).not.toBe(createRng(7).next());
  });

  it("samples distinct sorted indices", () => {
    const s = sampleIndices(1000, 100, createRng(1));
    expect(s.length).toBe(100);
    expect(new Set(s).size).toBe(100);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    expect(Array.from(sampleIndices(3, 10, createRng(1)))).toEqual([0, 1, 2]);
  });
});

describe("scaling", () => {
  it("z-scores with the population sd; a constant column becomes zeros", () => {
    // column 0: 1, 2, 3 → mean 2, sd √(2/3) → z = ∓√1.5, 0; column 1 constant
    const s = standardize(Float64Array.from([1, 5, 2, 5, 3, 5]), 2);
    expect(Array.from(s.mean)).toEqual([2, 5]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(s.data[0]).toBeCloseTo(-Math.sqrt(1.5), 14);
    expect(s.data[2]).toBe(0);
    expect(s.data[4]).toBeCloseTo(Math.sqrt(1.5), 14);
    expect(s.constantColumns).toEqual([1]);
    expect([s.data[1], s.data[3], s.data[5]]).toEqual([0, 0, 0]);
  });

  it("rejects non-finite values instead of spreading NaN", () => {
    expect(() => standardize([1, NaN], 1)).toThrow(/row 1, column 0/);
    expect(() => standardize([1, 2, 3], 2)).toThrow(/multiple/);
  });

  it("log1p for RFM: negatives count as 0, then z-scores in recency, frequency, monetary order", () => {
    expect(Array.from(log1pColumns([0, -5, Math.E - 1, 3], 2, [0]))).toEqual([0, -5, 1, 3]);
    expect(Array.from(log1pColumns([-5], 1))).toEqual([0]);
    const rfm = { recency: [10, 100, 1000], frequency: [1, 2, 3], monetary: [50, 500, 5000] };
    expect(Array.from(rfmMatrix(rfm))).toEqual([10, 1, 50, 100, 2, 500, 1000, 3, 5000]);
    const s = standardizeRfm(rfm);
    expect(s.d).toBe(3);
    expect(s.mean[0]).toBeCloseTo((Math.log(11) + Math.log(101) + Math.log(1001)) / 3, 12);
    for (let j = 0; j < 3; j++) expect(s.data[3 + j] + s.data[j] + s.data[6 + j]).toBeCloseTo(0, 12);
    const withExtra = standardizeRfm(rfm, { data: [5, 6, 7], d: 1 });
    expect(withExtra.d).toBe(4);
    expect(withExtra.data[3]).toBeCloseTo(-Math.sqrt(1.5), 12);
    expect(RFM_FEATURES).toEqual(["recency", "frequency", "monetary"]);
  });
});

describe("k-means", () => {
  it("splits 1, 2, 3 | 10, 11, 12 at the gap (centroids 2 and 11, inertia 4)", () => {
    const m = fitted(kmeans([12, 1, 11, 2, 10, 3], 1, { k: 2 }));
    expect(m.k).toBe(2);
    expect(Array.from(m.centroids)).toEqual([2, 11]); // equal sizes: ordered by centroid
    expect(Array.from(m.labels)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(Array.from(m.sizes)).toEqual([3, 3]);
    expect(m.inertia).toBe(4);
    expect(m.converged).toBe(true);
  });

  it("recovers four planted Gaussian clusters of unequal size (ARI > 0.95)", () => {
    const b = blobs(FOUR, [150, 100, 200, 50], 11);
    const m = fitted(kmeans(b.data, b.d, { k: 4, seed: 3 }));
    expect(adjustedRandIndex(m.labels, b.truth)).toBeGreaterThan(0.95);
    expect(Array.from(m.sizes)).toEqual([200, 150, 100, 50]); // largest first
    // each centroid within 3 standard errors (√(3/size) in 3-D) of a true centre
    for (let c = 0; c < 4; c++) {
      const dist = Math.min(...FOUR.map((t) => Math.hypot(...t.map((v, j) => v - m.centroids[c * 3 + j]))));
      expect(dist).toBeLessThan(3 * Math.sqrt(3 / m.sizes[c]));
    }
  });

  it("is deterministic: same seed → identical labels, centroids and inertia; other seeds → the same partition here", () => {
    const b = blobs(FOUR, [150, 100, 200, 50], 12);
    const one = fitted(kmeans(b.data, b.d, { k: 4, seed: 5 }));
    const two = fitted(kmeans(b.data, b.d, { k: 4, seed: 5 }));
    expect(two.labels).toEqual(one.labels);
    expect(two.centroids).toEqual(one.centroids);
    expect(two.inertia).toBe(one.inertia);
    const other = fitted(kmeans(b.data, b.d, { k: 4, seed: 99 }));
    expect(adjustedRandIndex(other.labels, one.labels)).toBe(1);
  });

  it("restarts on a sample for large inputs and still recovers the clusters", () => {
    const b = blobs(FOUR, [600, 400, 800, 200], 13);
    const m = fitted(kmeans(b.data, b.d, { k: 4, restartSampleSize: 300 }));
    expect(m.restartPoints).toBe(300);
    expect(adjustedRandIndex(m.labels, b.truth)).toBeGreaterThan(0.95);
    const again = fitted(kmeans(b.data, b.d, { k: 4, restartSampleSize: 300 }));
    expect(again.labels).toEqual(m.labels);
  });

  it("a restart never does worse than a single start", () => {
    const rng = createRng(4);
    const data = Float64Array.from({ length: 2000 }, () => rng.next()); // no structure: many local optima
    const single = fitted(kmeans(data, 2, { k: 6, restarts: 1, seed: 2 }));
    const many = fitted(kmeans(data, 2, { k: 6, restarts: 6, seed: 2 }));
    expect(many.inertia).toBeLessThanOrEqual(single.inertia);
  });

  it("the bound-accelerated iterations reach the same fixed point as plain Lloyd", () => {
    // Plain Lloyd written out here, from the same starting centres, on data with
    // no structure (many points near cluster boundaries, where bounds matter).
    const rng = createRng(17);
    const n = 3000;
    const d = 3;
    const k = 7;
    const data = Float64Array.from({ length: n * d }, () => normalVariate(rng));
    const start = data.slice(0, k * d);
    let centres = Float64Array.from(start);
    const labels = new Int32Array(n).fill(-1);
    for (let iter = 0; iter < 1000; iter++) {
      let changed = 0;
      for (let i = 0; i < n; i++) {
        let best = 0;
        let bestD = Infinity;
        for (let c = 0; c < k; c++) {
          let s = 0;
          for (let j = 0; j < d; j++) s += (data[i * d + j] - centres[c * d + j]) ** 2;
          if (s < bestD) [bestD, best] = [s, c];
        }
        if (labels[i] !== best) changed++;
        labels[i] = best;
      }
      if (changed === 0) break;
      const next = new Float64Array(k * d);
      const counts = new Int32Array(k);
      for (let i = 0; i < n; i++) {
        counts[labels[i]]++;
        for (let j = 0; j < d; j++) next[labels[i] * d + j] += data[i * d + j];
      }
      for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) next[c * d + j] /= counts[c];
      centres = next;
    }
    const ours = fitted(kmeans(data, d, { k, initialCentroids: start, tolerance: 0, maxIterations: 1000 }));
    expect(ours.converged).toBe(true);
    expect(adjustedRandIndex(ours.labels, labels)).toBe(1);
    let inertia = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) inertia += (data[i * d + j] - centres[labels[i] * d + j]) ** 2;
    expect(ours.inertia).toBeCloseTo(inertia, 8);
  });

  it("says when the iteration limit stopped it", () => {
    const rng = createRng(18);
    const data = Float64Array.from({ length: 3000 }, () => normalVariate(rng));
    const m = fitted(kmeans(data, 3, { k: 7, maxIterations: 1, tolerance: 0 }));
    expect(m.converged).toBe(false);
    expect(m.iterations).toBe(1);
    expect(m.message).toMatch(/without converging/);
  });

  it("reseeds an empty cluster from the farthest point", () => {
    // Start centres 0, 100, 1000: every point goes to 0 and clusters 1 and 2 are
    // empty; they take 11 and then 10 (farthest from 0), giving {0,1} {10} {11}.
    const m = fitted(kmeans([0, 1, 10, 11], 1, { k: 3, initialCentroids: [0, 100, 1000] }));
    expect(Array.from(m.sizes)).toEqual([2, 1, 1]);
    expect(Array.from(m.centroids)).toEqual([0.5, 10, 11]);
    expect(Array.from(m.labels)).toEqual([0, 0, 1, 2]);
    expect(m.inertia).toBe(0.5);
  });

  it("k above the number of distinct points gives one cluster per distinct point, no NaN", () => {
    const data = [1, 1, 5, 5, 9, 9, 1, 1, 5, 5, 9, 9, 1, 1, 5, 5, 9, 9];
    const m = fitted(kmeans(data, 2, { k: 5 }));
    expect(m.k).toBe(3);
    expect(m.requestedK).toBe(5);
    expect(m.message).toMatch(/only 3 distinct points/);
    expect(Array.from(m.sizes)).toEqual([3, 3, 3]);
    expect(Array.from(m.centroids)).toEqual([1, 1, 5, 5, 9, 9]);
    expect(m.inertia).toBe(0);
    const same = fitted(kmeans([2, 2, 2, 2], 1, { k: 3 }));
    expect(same.k).toBe(1);
    expect(Array.from(same.centroids)).toEqual([2]);
  });

  it("n = 0 is a reported failure, n = 1 one cluster; invalid input is reported, not NaN", () => {
    const none = kmeans(new Float64Array(0), 3, { k: 4 });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.reason).toBe("no-data");
    const one = fitted(kmeans([4, 5, 6], 3, { k: 4 }));
    expect(one.k).toBe(1);
    expect(Array.from(one.labels)).toEqual([0]);
    expect(Array.from(one.centroids)).toEqual([4, 5, 6]);
    expect(one.inertia).toBe(0);
    const bad = kmeans([1, NaN, 2, 3], 2, { k: 1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/row 0, column 1/);
    expect(() => kmeans([1, 2], 1, { k: 0 })).toThrow(RangeError);
    expect(() => kmeans([1, 2, 3], 2, { k: 1 })).toThrow(RangeError);
  });

  it("places new points with nearestCentroid", () => {
    expect(Array.from(nearestCentroid([0, 6.4, 6.6, 20], 1, [2, 11]))).toEqual([0, 0, 1, 1]);
  });
});

describe("choosing k by silhouette", () => {
  it("chooseKYielding hands the event loop back between candidates and finds what chooseK finds", async () => {
    const b = blobs(FOUR, [150, 100, 200, 50], 21);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const r = await chooseKYielding(b.data, b.d, { seed: 2 });
    clearInterval(timer);
    const sync = chooseK(b.data, b.d, { seed: 2 });
    const withoutTime = (x: typeof r) => ({ ...x, model: { ...x.model, elapsedMs: 0 } });
    expect(withoutTime(r)).toEqual(withoutTime(sync));
    expect(ticks).toBeGreaterThan(0);
  });

  it("picks the planted k and reports every candidate", () => {
    const b = blobs(FOUR, [150, 100, 200, 50], 21);
    const r = chooseK(b.data, b.d, { seed: 2 });
    expect(r.bestK).toBe(4);
    expect(r.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = r.scores.find((s) => s.k === 4)!;
    expect(best.silhouette!).toBeGreaterThan(0.6);
    for (const s of r.scores) {
      expect(s.silhouette === null || Number.isFinite(s.silhouette)).toBe(true);
      if (s.k !== 4) expect(s.silhouette!).toBeLessThan(best.silhouette!);
    }
    expect(r.model.ok && r.model.k).toBe(4);
    if (r.model.ok) expect(adjustedRandIndex(r.model.labels, b.truth)).toBeGreaterThan(0.95);
  });

  it("picks 2 and 3 as well, and fits on a sample when asked", () => {
    const two = blobs(FOUR.slice(0, 2), [120, 80], 22);
    expect(chooseK(two.data, two.d).bestK).toBe(2);
    const three = blobs(FOUR.slice(0, 3), [400, 300, 300], 23);
    const r = chooseK(three.data, three.d, { fitSampleSize: 400, silhouetteExactLimit: 200, silhouetteSampleSize: 150 });
    expect(r.fitPoints).toBe(400);
    expect(r.silhouettePoints).toBe(150);
    expect(r.bestK).toBe(3);
    expect(r.model.ok && r.model.n).toBe(1000);
  });

  it("tiny or degenerate inputs: no k has a score, one cluster, no NaN", () => {
    const one = chooseK([1, 2], 2);
    expect(one.bestK).toBeNull();
    expect(one.scores.every((s) => s.silhouette === null)).toBe(true);
    expect(one.model.ok && one.model.k).toBe(1);
    const same = chooseK([3, 3, 3, 3, 3], 1);
    expect(same.bestK).toBeNull();
    expect(same.message).toMatch(/one cluster/);
    const none = chooseK(new Float64Array(0), 3);
    expect(none.bestK).toBeNull();
    expect(none.model.ok).toBe(false);
    // 0, 0, 1, 10. k = 2: {0, 0, 1} {10}: s = 0.95, 0.95 (a = ½, b = 10), 8/9 (a = 1, b = 9), 0 (alone).
    // k = 3: {0, 0} {1} {10}: s = 1, 1, 0, 0. k ≥ 4 = n: undefined.
    const three = chooseK([0, 0, 1, 10], 1);
    expect(three.scores.find((s) => s.k === 2)!.silhouette).toBeCloseTo((0.95 + 0.95 + 8 / 9) / 4, 14);
    expect(three.scores.find((s) => s.k === 3)!.silhouette).toBeCloseTo(0.5, 14);
    expect(three.scores.filter((s) => s.k >= 4).every((s) => s.silhouette === null)).toBe(true);
    expect(three.bestK).toBe(2);
  });
});

describe("profiles and names", () => {
  // recency (days), frequency (orders), monetary (total paid)
  const features = [
    5, 10, 5000, // cluster 0
    15, 8, 3000, // cluster 0
    200, 1, 100, // cluster 1
    300, 1, 50, // cluster 1
    400, 2, 150, // cluster 1
    60, 3, 700, // cluster 2
  ];
  const labels = [0, 0, 1, 1, 1, 2];

  it("sizes, shares, means in original units and revenue share (hand-computed)", () => {
    const p = profileClusters({ features, d: 3, labels, k: 3, featureNames: RFM_FEATURES, revenueColumn: 2 });
    expect(p.n).toBe(6);
    expect(p.totalRevenue).toBe(9000);
    expect(p.overallMeans).toEqual([980 / 6, 25 / 6, 1500]);
    expect(p.clusters.map((c) => c.size)).toEqual([2, 3, 1]);
    expect(p.clusters.map((c) => c.share)).toEqual([2 / 6, 3 / 6, 1 / 6]);
    expect(p.clusters[0].means).toEqual([10, 9, 4000]);
    expect(p.clusters[1].means).toEqual([300, 4 / 3, 100]);
    expect(p.clusters[0].revenueShare).toBeCloseTo(8000 / 9000, 15);
    expect(p.clusters[1].revenueShare).toBeCloseTo(300 / 9000, 15);
    expect(p.clusters[2].revenue).toBe(700);
    // relative position of cluster 0 on frequency: (9 − 25/6) / sd, sd = population sd of 10, 8, 1, 1, 2, 3
    const f = [10, 8, 1, 1, 2, 3];
    const sd = Math.sqrt(f.reduce((s, v) => s + (v - 25 / 6) ** 2, 0) / 6);
    expect(p.clusters[0].relative![1]).toBeCloseTo((9 - 25 / 6) / sd, 12);
  });

  it("an empty cluster gets null means, not NaN", () => {
    const p = profileClusters({ features: [1, 2], d: 1, labels: [0, 0], k: 2 });
    expect(p.clusters[1]).toMatchObject({ size: 0, share: 0, means: null, relative: null, revenue: null, revenueShare: null });
  });

  it("names from the profile relative to everyone, in English and Chinese", () => {
    const rfm = standardizeRfm({ recency: [5, 15, 200, 300, 400, 60], frequency: [10, 8, 1, 1, 2, 3], monetary: [5000, 3000, 100, 50, 150, 700] });
    const p = profileClusters({ features, d: 3, labels, k: 3, featureNames: RFM_FEATURES, revenueColumn: 2, basis: rfm.data });
    const names = nameClusters(p);
    expect(names[0].name).toEqual({ en: "High value · frequent · recent", "zh-CN": "高价值·高频·近期活跃" });
    expect(names[1].name).toEqual({ en: "Low value · infrequent · lapsed", "zh-CN": "低价值·低频·久未购买" });
    expect(names[0].levels).toEqual({ monetary: "high", frequency: "high", recency: "low" });
    expect(names[2].name.en).toBe("Mid value · occasional · cooling");
    expect(nameClusters(p)).toEqual(names); // deterministic
  });

  it("names stay distinct: a collision gets a number, the larger revenue keeps the plain name", () => {
    const p = profileClusters({
      features: [1, 10, 1, 10, 2, 20, 2, 20, 50, 500, 50, 500, 60, 600, 60, 600],
      d: 2,
      labels: [0, 0, 1, 1, 2, 2, 3, 3],
      k: 4,
      featureNames: ["frequency", "monetary"],
      revenueColumn: 1,
    });
    const vocabulary = RFM_VOCABULARY.filter((v) => v.feature !== "recency");
    const names = nameClusters(p, { vocabulary });
    expect(names.map((n) => n.name.en)).toEqual([
      "Low value · infrequent (2)",
      "Low value · infrequent",
      "High value · frequent (2)",
      "High value · frequent",
    ]);
    expect(names[0].name["zh-CN"]).toBe("低价值·低频(2)");
    expect(new Set(names.map((n) => n.name["zh-CN"])).size).toBe(4);
  });

  it("extra features get generic words and are left out near the mean", () => {
    const p = profileClusters({ features: [1, 100, 1, 100, 9, 100, 9, 100], d: 2, labels: [0, 0, 1, 1], k: 2, featureNames: ["tenure", "x"] });
    const names = nameClusters(p, { vocabulary: [featureWords("tenure", { en: "tenure", "zh-CN": "会员时长" }), featureWords("x", { en: "x", "zh-CN": "x" })] });
    expect(names.map((n) => n.name)).toEqual([
      { en: "Low tenure", "zh-CN": "低会员时长" },
      { en: "High tenure", "zh-CN": "高会员时长" },
    ]);
    expect(() => nameClusters(p)).toThrow(/not among the profiled features/);
  });

  it("end to end on planted RFM segments: log-RFM clusters, profiles and distinct names", () => {
    const rng = createRng(31);
    const n = 900;
    const recency = new Float64Array(n);
    const frequency = new Float64Array(n);
    const monetary = new Float64Array(n);
    const truth = new Int32Array(n);
    const segments = [
      { r: 10, f: 20, m: 200 }, // champions
      { r: 90, f: 4, m: 80 },
      { r: 600, f: 1, m: 30 }, // lapsed one-timers
    ];
    for (let i = 0; i < n; i++) {
      const g = i % 3;
      const s = segments[g];
      truth[i] = g;
      recency[i] = Math.round(s.r * Math.exp(0.25 * normalVariate(rng)));
      frequency[i] = Math.max(1, Math.round(s.f * Math.exp(0.2 * normalVariate(rng))));
      monetary[i] = frequency[i] * s.m * Math.exp(0.25 * normalVariate(rng));
    }
    const scaled = standardizeRfm({ recency, frequency, monetary });
    const choice = chooseK(scaled.data, 3);
    expect(choice.bestK).toBe(3);
    const model = choice.model as KMeansModel;
    expect(adjustedRandIndex(model.labels, truth)).toBeGreaterThan(0.95);
    const profile = profileClusters({ features: rfmMatrix({ recency, frequency, monetary }), d: 3, labels: model.labels, k: model.k, featureNames: RFM_FEATURES, revenueColumn: 2, basis: scaled.data });
    expect(profile.clusters.reduce((s, c) => s + c.revenueShare!, 0)).toBeCloseTo(1, 12);
    const names = nameClusters(profile);
    expect(new Set(names.map((x) => x.name.en)).size).toBe(3);
    const top = profile.clusters.reduce((a, b) => (b.revenueShare! > a.revenueShare! ? b : a));
    expect(names[top.cluster].name.en).toBe("High value · frequent · recent");
    for (const c of profile.clusters) expect(allFinite(c.means!)).toBe(true);
  });
});
