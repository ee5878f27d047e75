// Benchmark: clustering a tenant's customers on log-RFM — scaling, k-means
// (k = 5), the sampled silhouette, choosing k over 2..8, profiles and names —
// on synthetic customers drawn from five planted segments. Prints figures;
// not a test.
//
//   npx tsx bench/kmeans.ts                  # 1,000,000 customers
//   npx tsx bench/kmeans.ts 200000           # another size
//   npx tsx bench/kmeans.ts 1000000 --full   # also: every restart on all points
import { chooseK } from "../lib/analytics/clusters/choose-k";
import { kmeans, type KMeansModel } from "../lib/analytics/clusters/kmeans";
import { nameClusters } from "../lib/analytics/clusters/names";
import { profileClusters } from "../lib/analytics/clusters/profile";
import { createRng, normalVariate } from "../lib/analytics/clusters/random";
import { silhouetteScore } from "../lib/analytics/clusters/silhouette";
import { RFM_FEATURES, rfmMatrix, standardizeRfm } from "../lib/analytics/clusters/standardize";
import { adjustedRandIndex } from "../lib/analytics/stats/adjusted-rand";

const n = Number(process.argv[2] ?? 1_000_000);
const full = process.argv.includes("--full");
const ms = (v: number) => `${v.toFixed(0)} ms`;
const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const out = f();
  return [out, performance.now() - t0];
};

console.log(`node ${process.version}, ${process.arch}; ${n.toLocaleString("en")} customers × 3 features (recency days, orders, total paid)`);

// Five segments with overlapping, heavy-tailed features (log-normal around the centres).
const segments = [
  { share: 0.1, r: 12, f: 14, m: 380 }, // champions
  { share: 0.2, r: 45, f: 5, m: 260 }, // loyal
  { share: 0.25, r: 30, f: 1.2, m: 150 }, // new
  { share: 0.2, r: 200, f: 3, m: 200 }, // at risk
  { share: 0.25, r: 500, f: 1, m: 90 }, // lost
];
const rng = createRng(2024);
const recency = new Float64Array(n);
const frequency = new Float64Array(n);
const monetary = new Float64Array(n);
const truth = new Int32Array(n);
const [, genMs] = time(() => {
  for (let i = 0; i < n; i++) {
    let u = rng.next();
    let g = 0;
    while (g < segments.length - 1 && u >= segments[g].share) u -= segments[g++].share;
    const s = segments[g];
    truth[i] = g;
    recency[i] = Math.round(s.r * Math.exp(0.35 * normalVariate(rng)));
    frequency[i] = Math.max(1, Math.round(s.f * Math.exp(0.3 * normalVariate(rng))));
    monetary[i] = Math.round(frequency[i] * s.m * Math.exp(0.4 * normalVariate(rng)));
  }
});
console.log(`generated in ${ms(genMs)}`);

const [scaled, scaleMs] = time(() => standardizeRfm({ recency, frequency, monetary }));
console.log(`log1p + z-score: ${ms(scaleMs)}`);

const [model5, kmMs] = time(() => kmeans(scaled.data, 3, { k: 5 }) as KMeansModel);
console.log(
  `k-means k=5 (k-means++, 4 restarts on a ${model5.restartPoints.toLocaleString("en")}-point sample, final run on all): ${ms(kmMs)}; ` +
    `${model5.iterations} iterations on all points, inertia ${model5.inertia.toFixed(0)}, ARI vs planted ${adjustedRandIndex(model5.labels, truth).toFixed(3)}`,
);
const [, oneMs] = time(() => kmeans(scaled.data, 3, { k: 5, restarts: 1 }));
console.log(`k-means k=5, one start on all points: ${ms(oneMs)}`);
if (full) {
  const [m, fullMs] = time(() => kmeans(scaled.data, 3, { k: 5, restartSampleSize: Infinity }) as KMeansModel);
  console.log(`k-means k=5, 4 restarts all on all points: ${ms(fullMs)}, inertia ${m.inertia.toFixed(0)}`);
}

const [sil, silMs] = time(() => silhouetteScore(scaled.data, 3, model5.labels));
console.log(`silhouette (seeded sample of ${sil.points}): ${sil.score?.toFixed(4)} in ${ms(silMs)}`);

const [choice, chooseMs] = time(() => chooseK(scaled.data, 3));
console.log(
  `choose k in 2..8 (fit on ${choice.fitPoints.toLocaleString("en")}, silhouette on ${choice.silhouettePoints.toLocaleString("en")}, then k=${choice.bestK} on all): ${ms(chooseMs)}`,
);
console.log(`  silhouette by k: ${choice.scores.map((s) => `${s.k}:${s.silhouette?.toFixed(3) ?? "–"}`).join("  ")}`);

const best = choice.model as KMeansModel;
const [names, profileMs] = time(() => {
  const profile = profileClusters({
    features: rfmMatrix({ recency, frequency, monetary }),
    d: 3,
    labels: best.labels,
    k: best.k,
    featureNames: RFM_FEATURES,
    revenueColumn: 2,
    basis: scaled.data,
  });
  return nameClusters(profile).map((x, c) => ({ ...x, profile: profile.clusters[c] }));
});
console.log(`profiles + names: ${ms(profileMs)}`);
for (const x of names) {
  const p = x.profile;
  console.log(
    `  ${x.cluster}  ${(p.share * 100).toFixed(1).padStart(5)}% customers  ${(p.revenueShare! * 100).toFixed(1).padStart(5)}% revenue  ` +
      `R ${p.means![0].toFixed(0).padStart(4)} d  F ${p.means![1].toFixed(1).padStart(5)}  M ${p.means![2].toFixed(0).padStart(6)}  ${x.name.en} / ${x.name["zh-CN"]}`,
  );
}
console.log(`total (scale + choose k + profiles): ${ms(scaleMs + chooseMs + profileMs)}`);
