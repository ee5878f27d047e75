// The scoring run's writes (lib/analytics/scoring/run.ts): the model's numbers
// staged per triplet and per (x, T), the day's R/F/M values and their quintile
// cuts, and customer_scores in one INSERT … SELECT joining them.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { rfmGridForSql } from "@/lib/analytics/rfm/segments";
import { quintileCutsSql, rfmScoreSql, rfmValueSql, type QuintileCut } from "@/lib/analytics/rfm/sql";
import { STAGED_CATEGORIES, stagedCategories, stagedFeature } from "@/lib/analytics/features/compute";
import { centsText, integerText, quintileCuts } from "@/lib/analytics/rfm/cuts";
import type { CustomerValues } from "@/lib/analytics/scoring/model-input";
import type { ModelStep, Triplets } from "@/lib/analytics/scoring/model";
import type { ScoringSettings } from "@/lib/analytics/scoring/settings";
import type { FittedClusters } from "@/lib/analytics/insights/clusters-run";
import { clusterLog, nearestCentroidSql } from "@/lib/analytics/insights/clusters-sample";

const cell = (v: number | string | null) => (v === null || (typeof v === "number" && !Number.isFinite(v)) ? "\\N" : String(v));

async function copyInto(client: pg.PoolClient, table: string, lines: () => Generator<string>) {
  function* chunks() {
    let buf = "";
    for (const l of lines()) {
      buf += l;
      if (buf.length >= 256 * 1024) {
        yield buf;
        buf = "";
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} FROM STDIN`)));
}

// A triplet (x, t_x, T), and an (x, T), as one bigint of 21 bits a number: the
// scores INSERT then joins the customers to the model's numbers on one key each,
// hashing the model's rows and keeping the customers' order (on three and two keys
// the planner hashed the customers instead and sorted them twice).
const KEY_BITS = 21;
const tripletKey = (a: string) => `((${a}x::bigint << ${2 * KEY_BITS}) + (${a}tx::bigint << ${KEY_BITS}) + ${a}t)`;
const xtKey = (a: string) => `((${a}x::bigint << ${KEY_BITS}) + ${a}t)`;
/** work_mem of the scores INSERT (its final sort holds ~190 bytes a customer). */
const SCORES_WORK_MEM = "256MB";

/** The model's numbers per triplet and per (x, T) into temporary tables keyed as above (dropped at commit). */
export async function stageModelScores(client: pg.PoolClient, trip: Triplets, model: ModelStep) {
  const limit = 2 ** KEY_BITS;
  for (const a of [trip.x, trip.tx, trip.T]) {
    for (const v of a) if (!(v >= 0 && v < limit)) throw new Error(`scoring: a purchase history of ${v} days is out of range`);
  }
  await client.query(`CREATE TEMP TABLE scoring_triplets (x int, tx int, t int, p_alive float8, churn_risk text, churn_method text,
    k bigint GENERATED ALWAYS AS ${tripletKey("")} STORED) ON COMMIT DROP`);
  await client.query(`CREATE TEMP TABLE scoring_xt (x int, t int, b30 float8, b90 float8, b365 float8, dclv float8,
    k bigint GENERATED ALWAYS AS ${xtKey("")} STORED) ON COMMIT DROP`);
  const s = model.triplets;
  await copyInto(client, "scoring_triplets", function* () {
    for (let i = 0; i < trip.x.length; i++) {
      yield `${trip.x[i]}\t${trip.tx[i]}\t${trip.T[i]}\t${cell(s.pAlive[i]!)}\t${s.level[i]}\t${s.method[i]}\n`;
    }
  });
  const xt = model.xt;
  if (xt) {
    await copyInto(client, "scoring_xt", function* () {
      for (let j = 0; j < xt.x.length; j++) {
        yield `${xt.x[j]}\t${xt.T[j]}\t${cell(xt.b[0]![j]!)}\t${cell(xt.b[1]![j]!)}\t${cell(xt.b[2]![j]!)}\t${cell(xt.dclv[j]!)}\n`;
      }
    });
  }
  await client.query("ANALYZE scoring_triplets");
  await client.query("ANALYZE scoring_xt");
}

/** The R/F/M quintile scores of the day as bounds on the values (quintileCutsSql); null with tenant-set thresholds. */
export type RfmCuts = { r: QuintileCut[]; f: QuintileCut[]; m: QuintileCut[] } | null;

/**
 * The day's cuts from every customer's values as the models' input read them
 * (model-input.ts; the rows customer_features gets, so n is the day's customers):
 * recency ranked descending, F and M ascending, money in cents (exact). With
 * tenant-set thresholds the values are scored as they are: nothing to rank.
 */
export function rfmCuts(settings: ScoringSettings, v: CustomerValues): RfmCuts {
  if (settings.thresholds) return null;
  return {
    r: quintileCuts(v.recency, "DESC", integerText),
    f: quintileCuts(v.frequency, "ASC", integerText),
    m: quintileCuts(v.monetaryCents, "ASC", centsText),
  };
}

/**
 * What the scores INSERT reads of each customer: the day's staged rows
 * (features/compute.ts: scoring_order_features, analysed, the rows
 * customer_features gets, with its columns' expressions, $1 = as_of), F and M as
 * the settings say, the model's keys, the clusters' features under their
 * customer_features names (clusterColumn; categories only when `categories` says
 * how: `carried` for a run of the changed customers), and the R/F/M scores
 * (quintile cuts, or thresholds). Not customer_features itself: its statistics do
 * not know a day written in this transaction, and the INSERT then hashed the
 * million customers instead of the small tables it joins.
 */
function scoredValues(settings: ScoringSettings, cuts: RfmCuts, categories: { carried: boolean } | null): string {
  const score = settings.thresholds
    ? rfmScoreSql(settings.thresholds)
    : cuts
      ? { r: quintileCutsSql("recency_days", cuts.r, "DESC"), f: quintileCutsSql("frequency", cuts.f, "ASC"), m: quintileCutsSql("monetary", cuts.m, "ASC") }
      : null;
  if (!score) throw new Error("scoring: quintile scores need the day's cuts (rfmCuts)");
  const f = stagedFeature("$1::date");
  const value = rfmValueSql(settings);
  const values = `SELECT b.customer_id, ${f.recency_days} AS recency_days, ${f[value.frequency]} AS frequency, ${f[value.monetary]} AS monetary,
      ${f.x} AS x, ${f.tx} AS tx, ${f.tenure_days} AS t, ${f.zbar} AS zbar,
      ${f.purchase_days} AS purchase_days, ${f.total_paid} AS total_paid, ${f.tenure_days} AS tenure_days
      ${categories ? `, ${stagedCategories(categories.carried)} AS categories` : ""}
    FROM scoring_order_features b ${categories ? STAGED_CATEGORIES : ""}`;
  return `SELECT f.*, ${score.r} AS r, ${score.f} AS fs, ${score.m} AS ms FROM (${values}) f`;
}

/**
 * customer_scores for as_of in one INSERT … SELECT: F and M as the settings
 * say and their R/F/M scores (rfmCuts), the segment from the grid, and
 * the model's numbers joined on (x, t_x, T) and (x, T) (as one key each:
 * tripletKey, xtKey). CLV multiplies the
 * Gamma-Gamma expected spend per purchase, E[M | x, z̄] (gamma-gamma.ts:
 * (pγ + p·x·z̄)/(p·x + q − 1), pγ/(q − 1) for x = 0), by P(alive)·D(x, T);
 * it is left empty unless both models are fitted. `cluster` is the customer's
 * k-means cluster: from the clusters this run fitted (FittedClusters), or,
 * when it fitted none because the day is not the newest, the tenant's current
 * ones (customer_clusters). `cuts`: rfmCuts' R/F/M cuts.
 */
export async function writeScores(
  client: pg.PoolClient,
  run: {
    asOf: string; model: ModelStep; clusters: FittedClusters | null; workMem: string; settings: ScoringSettings; cuts: RfmCuts;
    /** the features were staged for the changed customers, the others carried (features/compute.ts) */
    carried: boolean;
  },
) {
  const { asOf, model, clusters } = run;
  // The new clusters when this run fitted them (the nearest centroid, computed
  // here, or the labels of k-means on everyone), none when they could not be
  // fitted, else the tenant's current ones.
  const outcome = clusters?.outcome;
  const categories = outcome?.ok && outcome.centroids?.features.includes("categories") ? { carried: run.carried } : null;
  const values = scoredValues(run.settings, run.cuts, categories);
  const near = outcome?.ok && outcome.centroids ? nearestCentroidSql(outcome.centroids, (f) => clusterLog(f, "nq")) : null;
  const cluster = clusters === null
    ? { column: "cc.cluster", join: "LEFT JOIN customer_clusters cc ON cc.tenant_id = (SELECT app_current_tenant()) AND cc.customer_id = s.customer_id", from: values }
    : near
      ? { column: "s.cluster", join: "", from: `${near.open}${values}${near.close}` }
      : outcome?.ok
        ? { column: "ca.cluster", join: "LEFT JOIN cluster_assignment ca ON ca.id = s.customer_id", from: values }
        : { column: "NULL::int", join: "", from: values };
  const gg = model.gg.ok && model.bg.ok ? model.gg.params : null;
  await client.query("DELETE FROM customer_scores WHERE tenant_id = (SELECT app_current_tenant()) AND as_of = $1::date", [asOf]);
  // The rows go in in key order (a random order costs 2–3 times as much): room to
  // sort a million of them in memory, for this statement only.
  await client.query(`SET LOCAL work_mem = '${SCORES_WORK_MEM}'`);
  await client.query(
    `INSERT INTO customer_scores (tenant_id, customer_id, as_of, recency_days, frequency, monetary, r_score, f_score, m_score,
       rfm_segment, p_alive, expected_purchases_30, expected_purchases_90, expected_purchases_365, predicted_clv,
       churn_risk, churn_method, cluster)
     SELECT (SELECT app_current_tenant()), s.customer_id, $1::date, s.recency_days, s.frequency, s.monetary, s.r, s.fs, s.ms,
            ($2::text[])[(s.r - 1) * 9 + s.fs + s.ms - 1],
            tr.p_alive, tr.p_alive * xt.b30, tr.p_alive * xt.b90, tr.p_alive * xt.b365,
            round((CASE WHEN s.x > 0 THEN ($3::float8 * $5::float8 + $3::float8 * s.x * s.zbar) / ($3::float8 * s.x + $4::float8 - 1)
                        ELSE $3::float8 * $5::float8 / ($4::float8 - 1) END * tr.p_alive * xt.dclv)::numeric, 2),
            tr.churn_risk, tr.churn_method, ${cluster.column}
     FROM (${cluster.from}) s
     JOIN scoring_triplets tr ON tr.k = ${tripletKey("s.")}
     LEFT JOIN scoring_xt xt ON xt.k = ${xtKey("s.")}
     ${cluster.join}
     ORDER BY s.customer_id`,
    [asOf, rfmGridForSql(), gg?.p ?? null, gg?.q ?? null, gg?.gamma ?? null],
  );
  await client.query(`SET LOCAL work_mem = '${run.workMem}'`);
}
