// The clusters of a big tenant without holding it in memory (clusters-run.ts
// takes this path above `sampleSize` customers, default 50,000):
//
// 1. the scaling (log1p, then mean and population sd of every feature) over ALL
//    customers, in SQL — the same numbers standardizeRfm computes in memory;
// 2. a seeded sample of `sampleSize` customers (the smallest sampleKey, a hash
//    of customer_id and the seed, ties by the features: the same customers for the
//    same data and seed), scaled with (1), read into Node;
// 3. chooseK on the sample (k-means++ restarts and Lloyd for every k, mean
//    silhouette on a seeded 3,000-point sub-sample, choose-k.ts): the sample's
//    centroids are the model;
// 4. the profiles (sizes, means, revenue, position in sd) aggregated over every
//    customer assigned to the nearest centroid in SQL (ties → lower index, as
//    nearestCentroid), by nearestCentroidSql; the same expression gives the
//    scoring run's scores their cluster (lib/analytics/scoring/write-scores.ts)
//    and the analytics job's (clusters-run.ts), so no table of labels is kept.
//
// Node holds the sample (≈ sampleSize × d numbers), never the tenant. The scoring
// run does the same steps in Node on the numbers it has read anyway
// (clusters-input.ts).
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { SqlRunner } from "@/lib/analytics/insights/sql-runner";
import { chooseKYielding, type ChooseKResult } from "@/lib/analytics/clusters/choose-k";
import type { ClusterProfiles } from "@/lib/analytics/clusters/profile";
import { sampleKey } from "@/lib/analytics/scoring/model-input";

/** Feature name → its column of customer_features. */
const COLUMN: Record<string, string> = {
  recency: "recency_days",
  frequency: "purchase_days",
  monetary: "total_paid",
  tenure: "tenure_days",
  categories: "categories",
};

/** A cluster feature's column of customer_features (or of a table with its columns' names), qualified by `alias`. */
export function clusterColumn(feature: string, alias: string): string {
  const c = COLUMN[feature];
  if (!c) throw new RangeError(`unknown cluster feature ${feature}`);
  return `${alias}.${c}`;
}

export type SampledClusters = {
  chosen: ChooseKResult;
  mean: number[];
  scale: number[];
  profiles: ClusterProfiles;
  sampleSize: number;
  /** null when no model could be fitted */
  centroids: CentroidModel | null;
};

/** A fitted model as the SQL assignment needs it: the scaling of each feature and the centroids (k × d, row-major). */
export type CentroidModel = { features: string[]; mean: number[]; scale: number[]; constant: boolean[]; centroids: ArrayLike<number>; k: number };

/**
 * The rows of a query with their nearest centroid as the column
 * `cluster` (smallint), in SQL: each feature's log1p z-score (as step 1 scales;
 * `log(feature, j)` is the SQL of ln(1 + max(0, value)) over inner's columns),
 * the squared distance to each centroid, and the first index of the smallest
 * (a simple CASE evaluates least() once; least() returns one of its arguments,
 * so the smallest compares equal), as nearestCentroid breaks ties. Each step is a
 * subquery fenced with OFFSET 0, so every z-score and distance is computed once
 * per row (flattened, every reference would repeat its expression); squares are
 * products (power() cost 0.2 µs a call). Adds the columns nz0…, nd0… and cluster;
 * the query goes between `open` and `close`, its columns are nq.*.
 */
export function nearestCentroidSql(m: CentroidModel, log: (feature: string, j: number) => string): { open: string; close: string } {
  const d = m.features.length;
  const z = m.features.map((f, j) =>
    `${m.constant[j] ? "0::float8" : `((${log(f, j)} - ${num(m.mean[j]!)}) / ${num(m.scale[j]!)})`} AS nz${j}`).join(", ");
  const distances = Array.from({ length: m.k }, (_, c) => `(${m.features.map((_, j) => {
    const diff = `(nz${j} - ${num(m.centroids[c * d + j]!)})`;
    return `${diff} * ${diff}`;
  }).join(" + ")}) AS nd${c}`).join(", ");
  const ds = Array.from({ length: m.k }, (_, c) => `nd${c}`);
  const cluster = m.k === 1 ? "0::smallint"
    : `(CASE least(${ds.join(", ")}) ${ds.slice(0, -1).map((dc, c) => `WHEN ${dc} THEN ${c}`).join(" ")} ELSE ${m.k - 1} END)::smallint`;
  return {
    open: `SELECT nd.*, ${cluster} AS cluster FROM (SELECT nz.*, ${distances} FROM (SELECT nq.*, ${z} FROM (`,
    close: ") nq OFFSET 0) nz OFFSET 0) nd",
  };
}

/** ln(1 + max(0, value)) of a cluster feature's column (the scaling's log), qualified by `alias`. */
export const clusterLog = (feature: string, alias: string) => `ln(1 + greatest(0, ${clusterColumn(feature, alias)}::float8))`;

/**
 * The day's features of live customers, as a FROM clause over `f`. `live`: the
 * caller knows every row is a live customer's (the scoring run, which has just
 * written them in this transaction), so the join with customers is left out.
 */
export function featuresSource(asOf: string, live: boolean): Prisma.Sql {
  return live
    ? Prisma.sql`FROM customer_features f WHERE f.tenant_id = (SELECT app_current_tenant()) AND f.as_of = ${asOf}::date`
    : Prisma.sql`
      FROM customer_features f
      JOIN customers c ON c.tenant_id = f.tenant_id AND c.id = f.customer_id AND c.deleted_at IS NULL
      WHERE f.tenant_id = (SELECT app_current_tenant()) AND f.as_of = ${asOf}::date`;
}

/**
 * The day's live customers and their nearest centroid, into the temporary table
 * cluster_assignment (id, cluster): for the analytics job's re-fit, which sets the
 * scores' clusters from it (clusters-run.ts).
 */
export async function assignBySql(db: SqlRunner, m: CentroidModel, asOf: string) {
  const near = nearestCentroidSql(m, (f) => clusterLog(f, "nq"));
  await db.run(Prisma.sql`DROP TABLE IF EXISTS cluster_assignment`);
  await db.run(Prisma.sql`
    CREATE TEMP TABLE cluster_assignment ON COMMIT DROP AS
    SELECT customer_id AS id, cluster
    FROM (${Prisma.raw(near.open)}SELECT f.* ${featuresSource(asOf, false)}${Prisma.raw(near.close)}) a`);
}

const num = (v: number) => {
  if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
  return v.toPrecision(17);
};

/**
 * Work of a caller's (the scoring run, lib/analytics/scoring/run.ts) that the
 * database can do while Node chooses k: `duringChooseK` starts before k-means and
 * is awaited after; chooseKYielding hands the event loop back between candidate
 * k, so its statements go out one after another meanwhile. It runs exactly once on every path, also
 * when there is nothing to cluster.
 */
export type ClusterOverlap = { duringChooseK?: () => Promise<unknown> };

export async function clustersBySample(
  db: SqlRunner,
  o: { asOf: string; live: boolean; features: string[]; kMin: number; kMax: number; seed: number; sampleSize: number },
  overlap: ClusterOverlap = {},
): Promise<SampledClusters> {
  const d = o.features.length;
  const logs = o.features.map((f, j) => `${clusterLog(f, "f")} AS l${j}`).join(", ");
  const raws = o.features.map((f, j) => `${clusterColumn(f, "f")}::float8 AS v${j}`).join(", ");
  const source = featuresSource(o.asOf, o.live);

  // 1. Scaling over everyone (population sd, a constant column → scale 1, z = 0).
  const statSql = Array.from({ length: d }, (_, j) => `avg(l${j}) AS m${j}, stddev_pop(l${j}) AS s${j}`).join(", ");
  const [stats] = await db.rows<Record<string, number>>(Prisma.sql`
    SELECT count(*)::float8 AS n, ${Prisma.raw(statSql)} FROM (SELECT ${Prisma.raw(logs)} ${source}) x`);
  const mean = Array.from({ length: d }, (_, j) => Number(stats![`m${j}`]));
  const constant = mean.map((mj, j) => !(Number(stats![`s${j}`]) > 1e-12 * Math.max(1, Math.abs(mj))));
  const scale = mean.map((_, j) => (constant[j] ? 1 : Number(stats![`s${j}`])));
  const zOf = (j: number) => (constant[j] ? "0::float8" : `((l${j} - ${num(mean[j]!)}) / ${num(scale[j]!)})`);

  // 2. The seeded sample, scaled (the logs of the sampled rows only): the smallest
  // sampleKey, ties by the features (clusters-input.ts takes the same rows).
  const byFeatures = Array.from({ length: d }, (_, j) => `v${j}`).join(", ");
  const sample = await db.rows<Record<string, number>>(Prisma.sql`
    SELECT ${Prisma.raw(Array.from({ length: d }, (_, j) => `${zOf(j)} AS z${j}`).join(", "))}
    FROM (SELECT ${Prisma.raw(logs)}, h, ${Prisma.raw(byFeatures)}
          FROM (SELECT f.*, ${Prisma.raw(sampleKey("f.customer_id", o.seed))} AS h, ${Prisma.raw(raws)} ${source}
                ORDER BY h, ${Prisma.raw(byFeatures)} LIMIT ${o.sampleSize}::int) f) s
    ORDER BY h, ${Prisma.raw(byFeatures)}`);
  const m = sample.length;
  const data = new Float64Array(m * d);
  sample.forEach((row, i) => {
    for (let j = 0; j < d; j++) data[i * d + j] = Number(row[`z${j}`]);
  });

  // 3. k on the sample; the sample's model is the model.
  const side = overlap.duringChooseK?.();
  let chosen: ChooseKResult;
  try {
    chosen = await chooseKYielding(data, d, { kMin: o.kMin, kMax: o.kMax, seed: o.seed, fitSampleSize: Infinity });
  } finally {
    await side;
  }
  const model = chosen.model;
  if (!model.ok) {
    return { chosen, mean, scale, profiles: { n: 0, featureNames: o.features, overallMeans: null, totalRevenue: null, clusters: [] }, sampleSize: m, centroids: null };
  }
  const k = model.k;
  const centroids: CentroidModel = { features: [...o.features], mean, scale, constant, centroids: model.centroids, k };

  // 4. Profiles as profileClusters computes them (revenue = the monetary column,
  // total paid), per cluster and over everyone in one pass.
  const near = nearestCentroidSql(centroids, (_, j) => `nq.l${j}`);
  const revenueCol = o.features.indexOf("monetary");
  const aggs = [
    "count(*)::float8 AS size",
    ...Array.from({ length: d }, (_, j) => `avg(v${j}) AS mean${j}, avg(nz${j}) AS basis${j}, stddev_pop(nz${j}) AS bsd${j}`),
    revenueCol >= 0 ? `sum(v${revenueCol}) AS revenue` : "NULL::float8 AS revenue",
  ].join(", ");
  const grouped = await db.rows<Record<string, number | null>>(Prisma.sql`
    SELECT grouping(cluster) = 1 AS everyone, cluster::int AS cluster, ${Prisma.raw(aggs)}
    FROM (${Prisma.raw(near.open)}SELECT ${Prisma.raw(raws)}, ${Prisma.raw(logs)} ${source}${Prisma.raw(near.close)}) a
    GROUP BY GROUPING SETS ((cluster), ())`);
  const all = grouped.find((r) => r.everyone)!;
  const perCluster = grouped.filter((r) => !r.everyone);
  const n = Number(all.size);
  const totalRevenue = revenueCol >= 0 ? Number(all.revenue ?? 0) : null;
  const byCluster = new Map(perCluster.map((r) => [Number(r.cluster), r]));
  const clusters = Array.from({ length: k }, (_, c) => {
    const r = byCluster.get(c);
    const size = r ? Number(r.size) : 0;
    const revenue = revenueCol >= 0 ? Number(r?.revenue ?? 0) : null;
    return {
      cluster: c,
      size,
      share: n > 0 ? size / n : 0,
      means: r ? Array.from({ length: d }, (_, j) => Number(r[`mean${j}`])) : null,
      revenue,
      revenueShare: revenue !== null && totalRevenue !== null && totalRevenue > 0 ? revenue / totalRevenue : null,
      relative: r
        ? Array.from({ length: d }, (_, j) => {
            const sd = Number(all[`bsd${j}`] ?? 0);
            return sd > 0 ? (Number(r[`basis${j}`]) - Number(all[`basis${j}`])) / sd : 0;
          })
        : null,
    };
  });
  const profiles: ClusterProfiles = {
    n,
    featureNames: [...o.features],
    overallMeans: n > 0 ? Array.from({ length: d }, (_, j) => Number(all[`mean${j}`])) : null,
    totalRevenue,
    clusters,
  };
  return { chosen, mean, scale, profiles, sampleSize: m, centroids };
}
