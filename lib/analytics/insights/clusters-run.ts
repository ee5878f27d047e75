// The tenant's k-means segmentation, run by the `analytics` job (DESIGN rule 4:
// iteration in the worker on the per-customer feature table, never on raw orders).
//
// Input: customer_features of the newest succeeded scoring run (R = recency_days,
// F = purchase_days, M = total_paid; optionally tenure_days and categories), so the
// clusters describe the same customers and numbers as the RFM scores. Pipeline:
// log1p + z-scores (standardizeRfm) → k over [kMin, kMax] by the best mean
// silhouette (chooseK, fixed seed: the same data give the same clusters) →
// profiles in original units → names. Up to 50,000 customers (`sampleSize`) all of
// them are read and fitted; above, the scaling is computed over everyone in SQL,
// k-means runs on a seeded sample of 50,000, and everyone is assigned to the
// nearest centroid in SQL (clusters-sample.ts), so memory stays bounded.
// Output replaces, in the transaction handed
// in, the tenant's cluster_models row and cluster_profiles, and the scoring run
// writes customer_scores.cluster on that snapshot (or the analytics job sets it);
// customer_clusters is a view of those scores (migration 20261130000000).
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { TenantTx } from "@/lib/db/tenant";
import { chooseK, type ChooseKResult } from "@/lib/analytics/clusters/choose-k";
import { standardizeRfm } from "@/lib/analytics/clusters/standardize";
import { profileClusters, type ClusterProfiles } from "@/lib/analytics/clusters/profile";
import { assignBySql, clustersBySample, featuresSource, type CentroidModel, type ClusterOverlap } from "@/lib/analytics/insights/clusters-sample";
import { featureWords, nameClusters, RFM_VOCABULARY } from "@/lib/analytics/clusters/names";
import { withoutNestedLoops } from "@/lib/analytics/insights/planner";
import { clustersFromInput, inputHasFeatures } from "@/lib/analytics/insights/clusters-input";
import type { CustomerValues } from "@/lib/analytics/scoring/model-input";
import { prismaRunner, type SqlRunner } from "@/lib/analytics/insights/sql-runner";

export const EXTRA_CLUSTER_FEATURES = ["tenure", "categories"] as const;
export type ExtraClusterFeature = (typeof EXTRA_CLUSTER_FEATURES)[number];

export type ClusterRunOptions = {
  kMin?: number;
  kMax?: number;
  seed?: number;
  extraFeatures?: readonly ExtraClusterFeature[];
  /** above this many customers, fit on a seeded sample of this many and assign everyone in SQL (default 50,000) */
  sampleSize?: number;
};

export type ClusterRunResult =
  | { status: "no-data"; asOf: string | null; customers: number; message: string }
  | { status: "succeeded"; asOf: string; customers: number; k: number; silhouette: number | null };

const EXTRA_WORDS: Record<ExtraClusterFeature, { en: string; "zh-CN": string }> = {
  tenure: { en: "tenure", "zh-CN": "客龄" },
  categories: { en: "category breadth", "zh-CN": "品类广度" },
};

const CHUNK = 20_000;
/** chooseK's own fit sample size: up to it, every customer is in memory and in the fit. */
const SAMPLE_SIZE = 50_000;

export async function runClusters(tx: TenantTx, tenantId: string, options: ClusterRunOptions = {}): Promise<ClusterRunResult> {
  // Reads just-rewritten features and scores and rewrites a tenant's rows: hash joins throughout.
  return withoutNestedLoops(tx, async () => {
    const db = prismaRunner(tx);
    await lockClusters(db, tenantId);
    const run = await db.rows<{ as_of: string }>(Prisma.sql`
      SELECT as_of::text FROM scoring_runs WHERE tenant_id = (SELECT app_current_tenant()) AND status = 'succeeded'
      ORDER BY as_of DESC LIMIT 1`);
    const fitted = await fitClusters(db, run[0]?.as_of ?? null, options);
    return storeClusters(db, tenantId, fitted, { updateScores: true });
  });
}

/**
 * The scoring run's clusters settings (lib/analytics/scoring/run.ts): those of the
 * tenant's last clusters run (or the defaults), read, under the tenant's clusters
 * lock, before the run stages its features. `sampleSize`: for tests.
 */
export async function clusterOptionsForScoring(db: SqlRunner, tenantId: string, sampleSize?: number): Promise<ClusterRunOptions> {
  await lockClusters(db, tenantId);
  const [last] = await db.rows<{ k_min: number; k_max: number; seed: number; features: string[] }>(Prisma.sql`
    SELECT k_min, k_max, seed, features FROM cluster_models WHERE tenant_id = (SELECT app_current_tenant())`);
  return last
    ? { kMin: last.k_min, kMax: last.k_max, seed: last.seed, extraFeatures: EXTRA_CLUSTER_FEATURES.filter((f) => last.features.includes(f)), sampleSize }
    : { sampleSize };
}

/**
 * The seed of the sample when the scoring run can fit these clusters from the
 * models' input (clustersFromInput: every feature is in it), for readModelInput's
 * sampleKey; null when it cannot.
 */
export function inputSampleSeed(options: ClusterRunOptions): number | null {
  const settings = clusterSettings(options);
  return inputHasFeatures(settings.features) ? settings.seed : null;
}

/** Whether the scoring run fits the clusters from the models' input: a sample is taken and every feature is there. */
export function fitsFromInput(options: ClusterRunOptions, values: CustomerValues): boolean {
  const settings = clusterSettings(options);
  return values.sampleKey !== null && values.x.length > settings.sampleSize && inputHasFeatures(settings.features);
}

/**
 * The scoring run's clusters of a big tenant, fitted in Node from the models'
 * input (clusters-input.ts) while the database writes the day's features.
 */
export async function fitClustersFromInput(asOf: string, options: ClusterRunOptions, values: CustomerValues): Promise<FittedClusters> {
  const started = performance.now();
  const settings = clusterSettings(options);
  const { kMin, kMax, seed, features, sampleSize } = settings;
  const fitted = await clustersFromInput(values, { features, kMin, kMax, seed, sampleSize });
  return fittedOutcome({ asOf, settings, customers: values.x.length, started }, fitted);
}

/**
 * The scoring run's part (lib/analytics/scoring/run.ts) when the clusters are not
 * fitted from the models' input: inside its transaction, on the day it is scoring,
 * before it writes the scores, from the day's features. `customers`: the day's
 * feature rows, all of live customers (written by the same transaction). The
 * caller gives its INSERT the clusters (cluster_assignment, or the centroids'
 * SQL: FittedClusters) and then calls storeClusters with updateScores: false.
 */
export async function fitClustersForScoring(
  db: SqlRunner,
  asOf: string,
  customers: number,
  options: ClusterRunOptions,
  overlap: ClusterOverlap = {},
): Promise<FittedClusters> {
  return fitClusters(db, asOf, options, overlap, customers);
}

/** One run per tenant at a time; a second waits and then replaces the first's rows. */
async function lockClusters(db: SqlRunner, tenantId: string) {
  await db.run(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext('clusters'), hashtext(${tenantId}))`);
}

/**
 * What fitClusters found; storeClusters writes it. On success each customer's
 * cluster is the nearest of `centroids` (clusters-sample.ts, nearestCentroidSql),
 * or, when they are null (k-means on everyone in memory), in the temporary table
 * cluster_assignment (id, cluster).
 */
export type FittedClusters = {
  asOf: string | null;
  settings: Settings;
  customers: number;
  started: number;
  outcome:
    | { ok: false; message: string; candidates: unknown }
    | { ok: true; chosen: ChooseKResult; mean: ArrayLike<number>; scale: ArrayLike<number>; profiles: ClusterProfiles; centroids: CentroidModel | null };
};

type Settings = { kMin: number; kMax: number; seed: number; extras: ExtraClusterFeature[]; features: string[] };

function clusterSettings(options: ClusterRunOptions): Settings & { sampleSize: number } {
  const kMin = options.kMin ?? 2;
  const kMax = Math.max(kMin, options.kMax ?? 8);
  const seed = options.seed ?? 1;
  const extras = [...new Set(options.extraFeatures ?? [])].filter((f) => EXTRA_CLUSTER_FEATURES.includes(f));
  return { kMin, kMax, seed, extras, features: ["recency", "frequency", "monetary", ...extras], sampleSize: options.sampleSize ?? SAMPLE_SIZE };
}

async function fitClusters(
  db: SqlRunner,
  asOf: string | null,
  options: ClusterRunOptions,
  overlap: ClusterOverlap = {},
  liveCustomers?: number,
): Promise<FittedClusters> {
  const started = performance.now();
  const settings = clusterSettings(options);
  const { kMin, kMax, seed, extras, sampleSize } = settings;
  const live = liveCustomers !== undefined;
  const count = !asOf ? 0 : live ? liveCustomers
    : (await db.rows<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n ${featuresSource(asOf, false)}`))[0]!.n;
  const base = { asOf, settings, customers: count, started };
  if (count < 2) {
    await overlap.duringChooseK?.();
    return { ...base, outcome: { ok: false, message: asOf ? "fewer than two scored customers" : "no scoring run yet", candidates: [] } };
  }
  // Above sampleSize customers: fit on a seeded sample, assign everyone in SQL (clusters-sample.ts).
  const fitted = count > sampleSize
    ? await clustersBySample(db, { asOf: asOf!, live, features: settings.features, kMin, kMax, seed, sampleSize }, overlap)
    : await clustersInMemory(db, asOf!, live, extras, { kMin, kMax, seed }, overlap);
  return fittedOutcome(base, fitted);
}

function fittedOutcome(
  base: Omit<FittedClusters, "outcome">,
  fitted: { chosen: ChooseKResult; mean: ArrayLike<number>; scale: ArrayLike<number>; profiles: ClusterProfiles; centroids: CentroidModel | null },
): FittedClusters {
  const { chosen } = fitted;
  if (!chosen.model.ok) return { ...base, outcome: { ok: false, message: chosen.model.message, candidates: chosen.scores } };
  return { ...base, outcome: { ok: true, chosen, mean: fitted.mean, scale: fitted.scale, profiles: fitted.profiles, centroids: fitted.centroids } };
}

/**
 * Replaces the tenant's cluster model and profiles with what fitClusters found.
 * With updateScores, also sets customer_scores.cluster on the scored day, where it
 * changed (the analytics job's run; the scoring run wrote them): the rows
 * customer_clusters shows.
 */
export async function storeClusters(
  db: SqlRunner,
  tenantId: string,
  fitted: FittedClusters,
  o: { updateScores: boolean },
): Promise<ClusterRunResult> {
  const { asOf, customers: n, started, outcome } = fitted;
  const { kMin, kMax, seed, extras, features } = fitted.settings;
  await db.run(Prisma.sql`DELETE FROM cluster_profiles WHERE tenant_id = (SELECT app_current_tenant())`);
  if (!outcome.ok) {
    if (o.updateScores && asOf) {
      await db.run(Prisma.sql`UPDATE customer_scores SET cluster = NULL
        WHERE tenant_id = (SELECT app_current_tenant()) AND as_of = ${asOf}::date AND cluster IS NOT NULL`);
    }
    await upsertModel(db, tenantId, {
      asOf, status: "no-data", k: 0, kMin, kMax, seed, silhouette: null, candidates: outcome.candidates, features, scaling: null,
      centroids: null, customers: n, message: outcome.message, elapsedMs: performance.now() - started,
    });
    return { status: "no-data", asOf, customers: n, message: outcome.message };
  }
  const { chosen, profiles } = outcome;
  const model = chosen.model;
  if (!model.ok) throw new Error("unreachable: fitClusters returns a fitted model only");
  const d = features.length;
  const names = nameClusters(profiles, { vocabulary: [...RFM_VOCABULARY, ...extras.map((f) => featureWords(f, EXTRA_WORDS[f]))] });
  const silhouette = chosen.scores.find((s) => s.k === chosen.bestK)?.silhouette ?? null;

  await upsertModel(db, tenantId, {
    asOf, status: "succeeded", k: model.k, kMin, kMax, seed, silhouette, candidates: chosen.scores, features,
    scaling: { mean: Array.from(outcome.mean), sd: Array.from(outcome.scale), log: features.map(() => true) },
    centroids: Array.from({ length: model.k }, (_, c) => [...model.centroids.slice(c * d, (c + 1) * d)]),
    customers: n, message: chosen.message ?? model.message, elapsedMs: performance.now() - started,
  });
  for (const p of profiles.clusters) {
    const name = names.find((x) => x.cluster === p.cluster)!.name;
    const relative = p.relative ? Object.fromEntries(features.map((f, j) => [f, p.relative![j]])) : {};
    await db.run(Prisma.sql`
      INSERT INTO cluster_profiles (tenant_id, cluster, size, share, mean_recency, mean_frequency, mean_monetary, revenue,
        revenue_share, relative, name_en, name_zh)
      VALUES (${tenantId}::uuid, ${p.cluster}, ${p.size}, ${p.share}, ${p.means?.[0] ?? null}, ${p.means?.[1] ?? null},
        ${p.means?.[2] ?? null}, ${(p.revenue ?? 0).toFixed(2)}::numeric, ${p.revenueShare}, ${JSON.stringify(relative)}::jsonb,
        ${name.en}, ${name["zh-CN"]})`);
  }
  if (o.updateScores) {
    if (outcome.centroids) await assignBySql(db, outcome.centroids, asOf!);
    await assignScores(db, asOf!);
  }
  return { status: "succeeded", asOf: asOf!, customers: n, k: model.k, silhouette };
}

/** Up to sampleSize customers: all of them in memory, k-means on every point, labels written back in chunks. */
async function clustersInMemory(
  db: SqlRunner,
  asOf: string,
  live: boolean,
  extras: ExtraClusterFeature[],
  o: { kMin: number; kMax: number; seed: number },
  overlap: ClusterOverlap,
): Promise<{ chosen: ChooseKResult; mean: ArrayLike<number>; scale: ArrayLike<number>; profiles: ClusterProfiles; centroids: null }> {
  // Small: nothing worth overlapping; the caller's work runs first.
  await overlap.duringChooseK?.();
  const rows = await db.rows<{ id: string; r: number; f: number; m: string; tenure: number; categories: number }>(Prisma.sql`
    SELECT f.customer_id::text AS id, f.recency_days AS r, f.purchase_days AS f, f.total_paid::text AS m,
           f.tenure_days AS tenure, f.categories
    ${featuresSource(asOf, live)}
    ORDER BY f.customer_id`);
  const features = ["recency", "frequency", "monetary", ...extras];
  const n = rows.length;
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  const e = extras.length;
  const extra = new Float64Array(n * e);
  rows.forEach((row, i) => {
    recency[i] = row.r;
    frequency[i] = row.f;
    monetary[i] = Number(row.m);
    extras.forEach((name, j) => (extra[i * e + j] = name === "tenure" ? row.tenure : row.categories));
  });
  const standardized = standardizeRfm({ recency, frequency, monetary }, e ? { data: extra, d: e, logExtra: extras.map((_, j) => j) } : undefined);
  const d = standardized.d;
  const chosen = chooseK(standardized.data, d, o);
  const model = chosen.model;
  const empty: ClusterProfiles = { n, featureNames: features, overallMeans: null, totalRevenue: null, clusters: [] };
  if (!model.ok) return { chosen, mean: standardized.mean, scale: standardized.scale, profiles: empty, centroids: null };

  const original = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    original[i * d] = recency[i];
    original[i * d + 1] = frequency[i];
    original[i * d + 2] = monetary[i];
    for (let j = 0; j < e; j++) original[i * d + 3 + j] = extra[i * e + j];
  }
  const profiles = profileClusters({ features: original, d, labels: model.labels, k: model.k, featureNames: features, revenueColumn: 2, basis: standardized.data });
  await db.run(Prisma.sql`DROP TABLE IF EXISTS cluster_assignment`);
  await db.run(Prisma.sql`CREATE TEMP TABLE cluster_assignment (id uuid PRIMARY KEY, cluster smallint NOT NULL) ON COMMIT DROP`);
  for (let start = 0; start < n; start += CHUNK) {
    const ids = rows.slice(start, start + CHUNK).map((r) => r.id);
    const labels = Array.from(model.labels.subarray(start, start + CHUNK));
    await db.run(Prisma.sql`
      INSERT INTO cluster_assignment (id, cluster) SELECT u.id, u.cluster FROM unnest(${ids}::uuid[], ${labels}::smallint[]) AS u(id, cluster)`);
  }
  return { chosen, mean: standardized.mean, scale: standardized.scale, profiles, centroids: null };
}

/**
 * customer_scores.cluster on the fitted day := cluster_assignment, writing only the
 * rows whose cluster changed (on a stable tenant few), and none for the customers
 * fitClusters left out (deleted since the day was scored).
 */
async function assignScores(db: SqlRunner, asOf: string) {
  await db.run(Prisma.sql`ANALYZE cluster_assignment`);
  await db.run(Prisma.sql`
    UPDATE customer_scores s SET cluster = a.cluster FROM cluster_assignment a
    WHERE s.tenant_id = (SELECT app_current_tenant()) AND s.as_of = ${asOf}::date AND a.id = s.customer_id
      AND s.cluster IS DISTINCT FROM a.cluster`);
  await db.run(Prisma.sql`
    UPDATE customer_scores s SET cluster = NULL
    WHERE s.tenant_id = (SELECT app_current_tenant()) AND s.as_of = ${asOf}::date AND s.cluster IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM cluster_assignment a WHERE a.id = s.customer_id)`);
}

type ModelRow = {
  asOf: string | null; status: "succeeded" | "no-data"; k: number; kMin: number; kMax: number; seed: number;
  silhouette: number | null; candidates: unknown; features: string[]; scaling: unknown; centroids: unknown;
  customers: number; message: string | null; elapsedMs: number;
};

async function upsertModel(db: SqlRunner, tenantId: string, m: ModelRow) {
  const json = (v: unknown) => (v === null ? Prisma.sql`NULL` : Prisma.sql`${JSON.stringify(v)}::jsonb`);
  await db.run(Prisma.sql`DELETE FROM cluster_models WHERE tenant_id = (SELECT app_current_tenant())`);
  await db.run(Prisma.sql`
    INSERT INTO cluster_models (tenant_id, as_of, status, k, k_min, k_max, seed, silhouette, candidates, features, scaling,
      centroids, customers, message, elapsed_ms, computed_at)
    VALUES (${tenantId}::uuid, ${m.asOf}::date, ${m.status}, ${m.k}, ${m.kMin}, ${m.kMax}, ${m.seed}, ${m.silhouette},
      ${JSON.stringify(m.candidates)}::jsonb, ${m.features}::text[], ${json(m.scaling)}, ${json(m.centroids)}, ${m.customers},
      ${m.message}, ${m.elapsedMs}, now())`);
}
