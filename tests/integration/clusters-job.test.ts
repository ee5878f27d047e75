// k-means clusters stored per tenant, on a tenant planted with two clearly separate
// groups scored by the real scoring path:
//   30 "heavy" customers: 10 purchase days ending 2–6 days before as-of, total paid 5000 + 10i
//   30 "light" customers: one purchase 300 + i days before as-of, total paid 50 + i
// The job must pick k = 2 by silhouette, put each group in its own cluster (means
// worked out by hand: M 5145 and 64.5, F 10 and 1, R 4 and 314.5), name them from the
// profile, store one row per customer, set customer_scores.cluster, give identical
// rows on a re-run (fixed seed), and keep tenants apart. A scoring run of the newest
// day re-fits them with the last run's settings and writes the scores with them;
// one of an older day leaves them alone. A tenant without a scoring run stores
// "no-data" and no clusters.
import { beforeAll, describe, expect, it } from "vitest";
import { dayNumber } from "@/lib/analytics/models/summary";
import { scoreAsOf } from "@/lib/analytics/scoring/run";
import { runClusters } from "@/lib/analytics/insights/clusters-run";
import { clusterOverview } from "@/lib/analytics/insights/queries";
import { segmentStats } from "@/lib/analytics/insights/segment-stats";
import { withTenant } from "@/lib/db/tenant";
import { analyticsJob } from "@/lib/jobs/definitions";
import { processAnalytics } from "@/workers/processors/analytics";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { loadSyntheticTenant, type SyntheticOrder } from "@/tests/factories/orders";

const AS_OF = "2026-06-30";
const N = 30;
let a: TestTenant;
let empty: TestTenant;
let heavy: string[] = [];
let light: string[] = [];

beforeAll(async () => {
  [a, empty] = await Promise.all([createTenant("ClustersA"), createTenant("ClustersEmpty")]);
  const asOfDay = dayNumber(AS_OF);
  const orders: SyntheticOrder[] = [];
  for (let i = 0; i < N; i++) {
    const last = asOfDay - (2 + (i % 5));
    // 1–3 categories for the heavy customers, 1 for the light ones (a feature the clusters may use).
    for (let k = 0; k < 10; k++) {
      orders.push({ customer: i, day: last - 9 + k, amount: k === 0 ? 5000 + 10 * i - 9 : 1, channel: "store", kind: "paid", category: `c${k % (1 + (i % 3))}` });
    }
    orders.push({ customer: N + i, day: asOfDay - (300 + i), amount: 50 + i, channel: "tmall", kind: "paid", category: "c0" });
  }
  const ids = Array.from({ length: 2 * N }, () => crypto.randomUUID());
  heavy = ids.slice(0, N);
  light = ids.slice(N);
  await loadSyntheticTenant(a.owner, { customerIds: ids, orders, transactions: [] }, { namePrefix: "cl" });
  await scoreAsOf(a.owner, AS_OF);
});

const stored = (t: TestTenant) => withTenant(t.owner, async (tx) => ({
  model: await tx.clusterModel.findFirst(),
  profiles: await tx.clusterProfile.findMany({ orderBy: { cluster: "asc" } }),
  members: await tx.$queryRaw<{ tenantId: string; customerId: string; cluster: number }[]>`
    SELECT tenant_id::text AS "tenantId", customer_id::text AS "customerId", cluster::int FROM customer_clusters ORDER BY customer_id`,
}));

describe("cluster job", () => {
  it("finds the two planted groups, with k chosen by silhouette, profiles and names", async () => {
    const result = await withTenant(a.owner, (tx) => runClusters(tx, a.tenantId, { kMin: 2, kMax: 5, seed: 7 }));
    expect(result).toMatchObject({ status: "succeeded", asOf: AS_OF, customers: 2 * N, k: 2 });
    const overview = (await withTenant(a.owner, (tx) => clusterOverview(tx)))!;
    expect(overview).toMatchObject({ status: "succeeded", k: 2, kMin: 2, kMax: 5, seed: 7, customers: 2 * N, asOf: AS_OF, features: ["recency", "frequency", "monetary"] });
    expect(overview.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5]);
    const best = Math.max(...overview.candidates.map((c) => c.silhouette ?? -1));
    expect(overview.silhouette).toBe(best);
    expect(overview.silhouette!).toBeGreaterThan(0.7);

    const { members, profiles } = await stored(a);
    expect(members).toHaveLength(2 * N);
    const clusterOf = new Map(members.map((m) => [m.customerId, m.cluster]));
    const heavyCluster = clusterOf.get(heavy[0]!)!;
    expect(new Set(heavy.map((id) => clusterOf.get(id)))).toEqual(new Set([heavyCluster]));
    expect(new Set(light.map((id) => clusterOf.get(id)))).toEqual(new Set([1 - heavyCluster]));

    const h = profiles.find((p) => p.cluster === heavyCluster)!;
    const l = profiles.find((p) => p.cluster !== heavyCluster)!;
    expect([h.size, l.size, h.share, l.share]).toEqual([N, N, 0.5, 0.5]);
    expect(h.meanMonetary).toBeCloseTo(5145, 9);
    expect(l.meanMonetary).toBeCloseTo(64.5, 9);
    expect([h.meanFrequency, l.meanFrequency]).toEqual([10, 1]);
    expect(h.meanRecency).toBeCloseTo(4, 9);
    expect(l.meanRecency).toBeCloseTo(314.5, 9);
    expect(Number(h.revenue)).toBe(5145 * N);
    expect(h.revenueShare).toBeCloseTo((5145 * N) / (5145 * N + 64.5 * N), 12);
    expect(h.nameEn).toBe("High value · frequent · recent");
    expect(l.nameEn).toBe("Low value · infrequent · lapsed");
    expect(h.nameZh).toBe("高价值·高频·近期活跃");

    const scores = await withTenant(a.owner, (tx) => tx.customerScore.findMany({ where: { asOf: new Date(`${AS_OF}T00:00:00Z`) } }));
    expect(scores).toHaveLength(2 * N);
    expect(scores.every((s) => s.cluster === clusterOf.get(s.customerId))).toBe(true);
  });

  it("is deterministic: a re-run through the job's processor stores identical rows", async () => {
    const first = await stored(a);
    const payload = analyticsJob.schema.parse({ tenantId: a.tenantId, parts: ["clusters"], kMin: 2, kMax: 5, seed: 7 });
    await withTenant(a.owner, (tx) => processAnalytics(tx, payload));
    const second = await stored(a);
    expect(second.members).toEqual(first.members);
    expect(second.profiles).toEqual(first.profiles);
    const strip = (m: typeof first.model) => ({ ...m, computedAt: null, elapsedMs: null });
    expect(strip(second.model)).toEqual(strip(first.model));
  });

  it("statistics per cluster use the stored assignment", async () => {
    const stats = await withTenant(a.owner, (tx) => segmentStats(tx, { scope: { all: true }, measure: "purchase_days", groupBy: "cluster" }));
    expect(stats.groups.map((g) => [g.count, g.mean])).toEqual(expect.arrayContaining([[N, 10], [N, 1]]));
    expect(stats.overall).toMatchObject({ count: 2 * N, mean: 5.5, median: 5.5, min: 1, max: 10 });
  });

  it("above sampleSize it fits on a seeded sample, assigns everyone in SQL, and finds the same clusters and profiles", async () => {
    const full = await stored(a);
    const result = await withTenant(a.owner, (tx) => runClusters(tx, a.tenantId, { kMin: 2, kMax: 5, seed: 7, sampleSize: 40 }));
    expect(result).toMatchObject({ status: "succeeded", asOf: AS_OF, customers: 2 * N, k: 2 });
    const sampled = await stored(a);
    // Every customer is assigned (not only the 40 sampled), to the same groups as the fit on all 60.
    expect(sampled.members).toHaveLength(2 * N);
    const clusterOf = new Map(sampled.members.map((m) => [m.customerId, m.cluster]));
    const heavyCluster = clusterOf.get(heavy[0]!)!;
    expect(new Set(heavy.map((id) => clusterOf.get(id)))).toEqual(new Set([heavyCluster]));
    expect(new Set(light.map((id) => clusterOf.get(id)))).toEqual(new Set([1 - heavyCluster]));
    const h = sampled.profiles.find((p) => p.cluster === heavyCluster)!;
    expect(h.size).toBe(N);
    expect(h.meanMonetary).toBeCloseTo(5145, 9);
    expect(h.meanRecency).toBeCloseTo(4, 9);
    expect(Number(h.revenue)).toBe(5145 * N);
    expect(h.nameEn).toBe("High value · frequent · recent");
    // The scaling is over all customers, so it equals the in-memory run's.
    const scaling = (m: typeof full.model) => m!.scaling as { mean: number[]; sd: number[] };
    scaling(sampled.model).mean.forEach((v, j) => expect(v).toBeCloseTo(scaling(full.model).mean[j]!, 12));
    scaling(sampled.model).sd.forEach((v, j) => expect(v).toBeCloseTo(scaling(full.model).sd[j]!, 12));
    const scores = await withTenant(a.owner, (tx) => tx.customerScore.findMany({ where: { asOf: new Date(`${AS_OF}T00:00:00Z`) } }));
    expect(scores.every((s) => s.cluster === clusterOf.get(s.customerId))).toBe(true);
    // Deterministic: the same seed picks the same sample and stores the same rows.
    await withTenant(a.owner, (tx) => runClusters(tx, a.tenantId, { kMin: 2, kMax: 5, seed: 7, sampleSize: 40 }));
    const again = await stored(a);
    expect(again.members).toEqual(sampled.members);
    expect(again.profiles).toEqual(sampled.profiles);
  });

  it("a new scoring run re-fits the clusters with the tenant's last settings and writes each score with its cluster", async () => {
    const result = await scoreAsOf(a.owner, AS_OF);
    expect(result.clusters).toBe(2);
    const { members, model } = await stored(a);
    // The settings of the last clusters run (kMax 5, seed 7), not the defaults.
    expect(model).toMatchObject({ status: "succeeded", k: 2, kMin: 2, kMax: 5, seed: 7, customers: 2 * N });
    const clusterOf = new Map(members.map((m) => [m.customerId, m.cluster]));
    expect(new Set(heavy.map((id) => clusterOf.get(id))).size).toBe(1);
    expect(new Set(light.map((id) => clusterOf.get(id)))).toEqual(new Set([1 - clusterOf.get(heavy[0]!)!]));
    const scores = await withTenant(a.owner, (tx) => tx.customerScore.findMany({ where: { asOf: new Date(`${AS_OF}T00:00:00Z`) } }));
    expect(scores).toHaveLength(2 * N);
    expect(scores.every((s) => s.cluster !== null && s.cluster === clusterOf.get(s.customerId))).toBe(true);
  });

  it("a scoring run above the sample size writes each score with its nearest centroid, as the profiles count them", async () => {
    const result = await scoreAsOf(a.owner, AS_OF, { clusterSampleSize: 40 });
    expect(result.clusters).toBe(2);
    const { model, profiles } = await stored(a);
    const scaling = model!.scaling as { mean: number[]; sd: number[] };
    const centroids = model!.centroids as number[][];
    const day = new Date(`${AS_OF}T00:00:00Z`);
    const [features, scores] = await withTenant(a.owner, async (tx) => [
      await tx.customerFeature.findMany({ where: { asOf: day } }),
      await tx.customerScore.findMany({ where: { asOf: day } }),
    ] as const);
    // The nearest centroid worked out here from the stored model: log1p, z-score, squared distance, first minimum.
    const nearest = (v: number[]) => {
      const z = v.map((x, j) => (Math.log1p(Math.max(0, x)) - scaling.mean[j]!) / scaling.sd[j]!);
      const d = centroids.map((c) => c.reduce((sum, cj, j) => sum + (z[j]! - cj) ** 2, 0));
      return d.indexOf(Math.min(...d));
    };
    const expected = new Map(features.map((f) => [f.customerId, nearest([f.recencyDays, f.purchaseDays, Number(f.totalPaid)])]));
    expect(scores).toHaveLength(2 * N);
    expect(scores.map((s) => [s.customerId, s.cluster])).toEqual(scores.map((s) => [s.customerId, expected.get(s.customerId)]));
    expect(new Set(heavy.map((id) => expected.get(id))).size).toBe(1);
    for (const p of profiles) expect(p.size).toBe(scores.filter((s) => s.cluster === p.cluster).length);
  });

  it("a scoring run fits the sampled clusters in Node on the numbers it read (in SQL with categories, not among them), as the analytics job does in SQL: same sample, same model", async () => {
    const numbers = (s: Awaited<ReturnType<typeof stored>>) => {
      const m = s.model!;
      const scaling = m.scaling as { mean: number[]; sd: number[] };
      const candidates = m.candidates as { k: number; silhouette: number | null; inertia: number | null }[];
      return [...scaling.mean, ...scaling.sd, ...(m.centroids as number[][]).flat(), ...candidates.flatMap((c) => [c.silhouette ?? NaN, c.inertia ?? NaN]),
        ...s.profiles.flatMap((p) => [p.size, p.meanRecency ?? NaN, p.meanFrequency ?? NaN, p.meanMonetary ?? NaN, Number(p.revenue)])];
    };
    for (const extraFeatures of [[], ["tenure"], ["categories"]] as const) {
      await withTenant(a.owner, (tx) => runClusters(tx, a.tenantId, { kMin: 2, kMax: 5, seed: 7, sampleSize: 40, extraFeatures: [...extraFeatures] }));
      const job = await stored(a);
      await scoreAsOf(a.owner, AS_OF, { clusterSampleSize: 40 });
      const scoring = await stored(a);
      expect(scoring.model).toMatchObject({ status: "succeeded", k: job.model!.k, seed: 7, features: ["recency", "frequency", "monetary", ...extraFeatures] });
      // The candidates' inertia and silhouette differ with another sample (one customer off fails this).
      const [x, y] = [numbers(scoring), numbers(job)];
      expect(x).toHaveLength(y.length);
      x.forEach((v, i) => expect(v).toBeCloseTo(y[i]!, 9));
      expect(scoring.members).toEqual(job.members);
      expect(scoring.profiles.map((p) => [p.cluster, p.size, p.nameEn])).toEqual(job.profiles.map((p) => [p.cluster, p.size, p.nameEn]));
    }
    // Back to the settings the tests below expect.
    await withTenant(a.owner, (tx) => runClusters(tx, a.tenantId, { kMin: 2, kMax: 5, seed: 7 }));
  });

  it("a scoring run of an older day leaves the clusters alone and carries the current ones into its scores", async () => {
    const before = await stored(a);
    const older = "2026-06-20";
    const result = await scoreAsOf(a.owner, older);
    expect(result.clusters).toBeNull();
    const after = await stored(a);
    expect(after.members).toEqual(before.members);
    expect(after.model!.asOf).toEqual(before.model!.asOf);
    const clusterOf = new Map(before.members.map((m) => [m.customerId, m.cluster]));
    const scores = await withTenant(a.owner, (tx) => tx.customerScore.findMany({ where: { asOf: new Date(`${older}T00:00:00Z`) } }));
    expect(scores.length).toBeGreaterThan(0);
    expect(scores.every((s) => s.cluster === clusterOf.get(s.customerId))).toBe(true);
  });

  it("a tenant without scores stores no-data and sees none of A's clusters", async () => {
    const result = await withTenant(empty.owner, (tx) => runClusters(tx, empty.tenantId));
    expect(result).toMatchObject({ status: "no-data", asOf: null, customers: 0, message: "no scoring run yet" });
    const s = await stored(empty);
    expect(s.model).toMatchObject({ status: "no-data", k: 0, customers: 0 });
    expect(s.profiles).toEqual([]);
    expect(s.members).toEqual([]);
    expect((await stored(a)).members).toHaveLength(2 * N);
  });
});
