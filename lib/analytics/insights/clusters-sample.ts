// The clusters of a big tenant without holding it in memory (clusters-run.ts
// takes this path above `sampleSize` customers, default 50,000):
//
// 1. the scaling (log1p, then mean and population sd of every feature) over ALL
//    customers, in SQL — the same numbers standardizeRfm computes in memory;
// 2. a seeded sample of `sampleSize` customers (the smallest
//    hashtextextended(customer_id, seed): the same customers for the same data
//    and seed), scaled with (1), read into Node;
// 3. chooseK on the sample (k-means++ restarts and Lloyd for every k, mean
//    silhouette on a seeded 3,000-point sub-sample, choose-k.ts): the sample's
//    centroids are the model;
// 4. every customer assigned to the nearest centroid in SQL (ties → lower index,
//    as nearestCentroid), into the temporary table cluster_assignment (which
//    clusters-run.ts writes to customer_clusters), and the profiles (sizes,
//    means, revenue, position in sd) aggregated from it.
//
// Node holds the sample (≈ sampleSize × d numbers), never the tenant.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { SqlRunner } from "@/lib/analytics/insights/sql-runner";
import { chooseK, type ChooseKResult } from "@/lib/analytics/clusters/choose-k";
import type { ClusterProfiles } from "@/lib/analytics/clusters/profile";

/** Feature name → its column of customer_features (as float8). */
const COLUMN: Record<string, string> = {
  recency: "f.recency_days",
  frequency: "f.purchase_days",
  monetary: "f.total_paid",
  tenure: "f.tenure_days",
  categories: "f.categories",
};

export type SampledClusters = {
  chosen: ChooseKResult;
  mean: number[];
  scale: number[];
  profiles: ClusterProfiles;
  sampleSize: number;
};

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

const num = (v: number) => {
  if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
  return v.toPrecision(17);
};

/**
 * Work of a caller's (the scoring run, lib/analytics/scoring/run.ts) that the
 * database can do while Node chooses k: `duringChooseK` sends its statement before
 * k-means starts and is awaited after. It runs exactly once on every path, also
 * when there is nothing to cluster.
 */
export type ClusterOverlap = { duringChooseK?: () => Promise<unknown> };

export async function clustersBySample(
  db: SqlRunner,
  o: { asOf: string; live: boolean; features: string[]; kMin: number; kMax: number; seed: number; sampleSize: number },
  overlap: ClusterOverlap = {},
): Promise<SampledClusters> {
  const d = o.features.length;
  const cols = o.features.map((f) => {
    const c = COLUMN[f];
    if (!c) throw new RangeError(`unknown cluster feature ${f}`);
    return c;
  });
  const logs = cols.map((c, j) => `ln(1 + greatest(0, ${c}::float8)) AS l${j}`).join(", ");
  const raws = cols.map((c, j) => `${c}::float8 AS v${j}`).join(", ");
  const source = featuresSource(o.asOf, o.live);

  // 1. Scaling over everyone (population sd, a constant column → scale 1, z = 0).
  const statSql = Array.from({ length: d }, (_, j) => `avg(l${j}) AS m${j}, stddev_pop(l${j}) AS s${j}`).join(", ");
  const [stats] = await db.rows<Record<string, number>>(Prisma.sql`
    SELECT count(*)::float8 AS n, ${Prisma.raw(statSql)} FROM (SELECT ${Prisma.raw(logs)} ${source}) x`);
  const mean = Array.from({ length: d }, (_, j) => Number(stats![`m${j}`]));
  const constant = mean.map((mj, j) => !(Number(stats![`s${j}`]) > 1e-12 * Math.max(1, Math.abs(mj))));
  const scale = mean.map((_, j) => (constant[j] ? 1 : Number(stats![`s${j}`])));
  const zOf = (j: number) => (constant[j] ? "0::float8" : `((l${j} - ${num(mean[j]!)}) / ${num(scale[j]!)})`);

  // 2. The seeded sample, scaled.
  const sample = await db.rows<Record<string, number>>(Prisma.sql`
    SELECT ${Prisma.raw(Array.from({ length: d }, (_, j) => `${zOf(j)} AS z${j}`).join(", "))}
    FROM (SELECT ${Prisma.raw(logs)}, hashtextextended(f.customer_id::text, ${o.seed}::bigint) AS h, f.customer_id ${source}
          ORDER BY h, f.customer_id LIMIT ${o.sampleSize}::int) s
    ORDER BY h, customer_id`);
  const m = sample.length;
  const data = new Float64Array(m * d);
  sample.forEach((row, i) => {
    for (let j = 0; j < d; j++) data[i * d + j] = Number(row[`z${j}`]);
  });

  // 3. k on the sample; the sample's model is the model.
  const side = overlap.duringChooseK?.();
  let chosen: ChooseKResult;
  try {
    chosen = chooseK(data, d, { kMin: o.kMin, kMax: o.kMax, seed: o.seed, fitSampleSize: Infinity });
  } finally {
    await side;
  }
  const model = chosen.model;
  if (!model.ok) {
    return { chosen, mean, scale, profiles: { n: 0, featureNames: o.features, overallMeans: null, totalRevenue: null, clusters: [] }, sampleSize: m };
  }
  const k = model.k;

  // 4. Everyone to the nearest centroid (strictly closer wins, so ties go to the lower index).
  const dist = (c: number) =>
    Array.from({ length: d }, (_, j) => `power(z${j} - ${num(model.centroids[c * d + j]!)}, 2)`).join(" + ");
  const distCols = Array.from({ length: k }, (_, c) => `${dist(c)} AS d${c}`).join(", ");
  // argmin: cluster c when d_c < every lower index's distance and ≤ every higher one's.
  const arms = Array.from({ length: k - 1 }, (_, c) => {
    const conds = Array.from({ length: k }, (_, e) => (e === c ? null : e < c ? `d${c} < d${e}` : `d${c} <= d${e}`)).filter(Boolean);
    return `WHEN ${conds.join(" AND ")} THEN ${c}`;
  }).join(" ");
  const argmin = k === 1 ? "0" : `CASE ${arms} ELSE ${k - 1} END`;
  const zCols = Array.from({ length: d }, (_, j) => `${zOf(j)} AS z${j}`).join(", ");
  const vCols = Array.from({ length: d }, (_, j) => `v${j}`).join(", ");
  const zNames = Array.from({ length: d }, (_, j) => `z${j}`).join(", ");
  await db.run(Prisma.sql`DROP TABLE IF EXISTS cluster_assignment`);
  await db.run(Prisma.sql`
    CREATE TEMP TABLE cluster_assignment ON COMMIT DROP AS
    SELECT id, ${Prisma.raw(vCols)}, ${Prisma.raw(zNames)}, (${Prisma.raw(argmin)})::smallint AS cluster
    FROM (SELECT id, ${Prisma.raw(vCols)}, ${Prisma.raw(zNames)}, ${Prisma.raw(distCols)}
          FROM (SELECT id, ${Prisma.raw(vCols)}, ${Prisma.raw(zCols)}
                FROM (SELECT f.customer_id AS id, ${Prisma.raw(raws)}, ${Prisma.raw(logs)} ${source}) a) b) c`);

  // Profiles as profileClusters computes them (revenue = the monetary column, total paid).
  const revenueCol = o.features.indexOf("monetary");
  const aggs = [
    "count(*)::float8 AS size",
    ...Array.from({ length: d }, (_, j) => `avg(v${j}) AS mean${j}, avg(z${j}) AS basis${j}`),
    revenueCol >= 0 ? `sum(v${revenueCol}) AS revenue` : "NULL::float8 AS revenue",
  ].join(", ");
  const overallAggs = [
    "count(*)::float8 AS n",
    ...Array.from({ length: d }, (_, j) => `avg(v${j}) AS mean${j}, avg(z${j}) AS bmean${j}, stddev_pop(z${j}) AS bsd${j}`),
    revenueCol >= 0 ? `sum(v${revenueCol}) AS revenue` : "NULL::float8 AS revenue",
  ].join(", ");
  const perCluster = await db.rows<Record<string, number | null>>(Prisma.sql`
    SELECT cluster::int AS cluster, ${Prisma.raw(aggs)} FROM cluster_assignment GROUP BY cluster ORDER BY cluster`);
  const [all] = await db.rows<Record<string, number | null>>(Prisma.sql`SELECT ${Prisma.raw(overallAggs)} FROM cluster_assignment`);
  const n = Number(all!.n);
  const totalRevenue = revenueCol >= 0 ? Number(all!.revenue ?? 0) : null;
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
            const sd = Number(all![`bsd${j}`] ?? 0);
            return sd > 0 ? (Number(r[`basis${j}`]) - Number(all![`bmean${j}`])) / sd : 0;
          })
        : null,
    };
  });
  const profiles: ClusterProfiles = {
    n,
    featureNames: [...o.features],
    overallMeans: n > 0 ? Array.from({ length: d }, (_, j) => Number(all![`mean${j}`])) : null,
    totalRevenue,
    clusters,
  };
  return { chosen, mean, scale, profiles, sampleSize: m };
}
