// One scoring run for a tenant: features → RFM → BG/NBD and Gamma-Gamma → churn
// risk and CLV, and the k-means clusters, for every customer with a purchase,
// written to customer_scores for one as-of date. Everything heavy is set-based
// SQL; the models see only the distinct (x, t_x, T) triplets and the repeat
// buyers' spend, read through COPY (lib/analytics/scoring/copy-numbers.ts; the
// models in lib/analytics/scoring/model.ts), and the
// clusters a seeded sample (lib/analytics/insights/clusters-run.ts). Where one
// waits for the other, the database and Node work at the same time (the steps
// are in docs/analytics.md, "Scoring in the database").
//
// Idempotent and atomic: one transaction replaces the as-of date's features,
// scores and fit reports (and an advisory lock serialises runs of the same
// tenant and date), so a retried or repeated run leaves the same rows and a
// reader never sees half a run. Progress goes to scoring_runs on its own
// connection so a page can follow it; the final status commits with the scores.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { BgNbdFitOptions, BgNbdParams } from "@/lib/analytics/models/bgnbd";
import type { GammaGammaParams } from "@/lib/analytics/models/gamma-gamma";
import type { FitReport } from "@/lib/analytics/models/fit-report";
import { insertFeatures, stageFeatures, tenantClock } from "@/lib/analytics/features/compute";
import { currentSnapshot, planFeatures, saveBase, type FeaturePlan } from "@/lib/analytics/features/changes";
import { rfmGridForSql } from "@/lib/analytics/rfm/segments";
import { rfmScoreSql, rfmValueSql } from "@/lib/analytics/rfm/sql";
import { runModelStep, type ModelStep, type RepeatSpend, type Triplets } from "@/lib/analytics/scoring/model";
import { readScoringSettingsPg, type ScoringSettings } from "@/lib/analytics/scoring/settings";
import { withTenantPg } from "@/lib/db/tenant";
import { syncCustomerOrderTimes } from "@/lib/analytics/scoring/order-times";
import { fitClustersForScoring, storeClusters, type FittedClusters } from "@/lib/analytics/insights/clusters-run";
import { pgRunner } from "@/lib/analytics/insights/sql-runner";
import { copyNumbers } from "@/lib/analytics/scoring/copy-numbers";

type Scope = { tenantId: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type ScoringStep = "features" | "fit" | "write" | "done";

export type FitSummary = { ok: boolean; reason: string | null; message: string | null; params: Record<string, number> | null };

export type ScoringRunResult = {
  asOf: string;
  customers: number;
  churnMethod: "bgnbd" | "rule";
  bgnbd: FitSummary;
  gammaGamma: FitSummary;
  /** k of the clusters fitted with this run (0: none could be; null: not fitted, the day is not the newest) */
  clusters: number | null;
  /** How the features were computed: for every customer, or for those changed since the last run (lib/analytics/features/changes.ts). */
  features: { mode: "all"; reason: string } | { mode: "changed"; base: string; changed: number };
  /** milliseconds per step */
  ms: Record<string, number>;
};

export type ScoringOptions = {
  /** Score this day instead of today (and skip the month-end catch-up). */
  asOf?: string;
  /** For tests and benchmarks: BG/NBD fit options (e.g. minimum customers). */
  fitOptions?: BgNbdFitOptions;
  /** work_mem for the run's transaction (sorts of the RFM ranks); default 128MB. */
  workMem?: string;
  /**
   * Fit the k-means clusters on this day's features too (default: yes, when no
   * succeeded run is newer than this day). runScoring turns it off for the
   * month-end catch-up run, which today's run follows.
   */
  clusters?: boolean;
  /** Compute every customer's features even when a run of an earlier day could be started from (tests compare the two). */
  allCustomers?: boolean;
};

/** The last day of the month before the one `day` ('YYYY-MM-DD') is in. */
export function previousMonthEnd(day: string): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
}

export function isMonthEnd(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
}

/**
 * Scores the tenant as of `options.asOf`, or as of today in the tenant's time
 * zone. A run for today also (re)scores the previous month end first when that
 * snapshot is missing or was taken before the day was over, so the month-end
 * series the movement matrix reads has no holes.
 */
export async function runScoring(scope: Scope, options: ScoringOptions = {}): Promise<{ runs: ScoringRunResult[] }> {
  if (options.asOf !== undefined) {
    if (!DATE.test(options.asOf) || Number.isNaN(Date.parse(options.asOf))) throw new Error(`asOf must be a date YYYY-MM-DD (got ${options.asOf})`);
    return { runs: [await scoreAsOf(scope, options.asOf, options)] };
  }
  const { today, monthEndComplete } = await withTenantPg(scope, async (client) => {
    const clock = await tenantClock(client);
    const monthEnd = previousMonthEnd(clock.today);
    const { rows } = await client.query<{ complete: boolean }>(
      `SELECT status = 'succeeded' AND started_at >= (($1::date + 1)::timestamp AT TIME ZONE $2) AS complete
       FROM scoring_runs WHERE tenant_id = (SELECT app_current_tenant()) AND as_of = $1::date`,
      [monthEnd, clock.timeZone],
    );
    return { today: clock.today, monthEndComplete: rows[0]?.complete === true };
  });
  const runs: ScoringRunResult[] = [];
  if (!monthEndComplete) runs.push(await scoreAsOf(scope, previousMonthEnd(today), { ...options, clusters: false }));
  runs.push(await scoreAsOf(scope, today, options));
  // The customer master's first/last order times, from the same orders (lib/analytics/scoring/order-times.ts).
  await withTenantPg(scope, syncCustomerOrderTimes);
  return { runs };
}

async function setProgress(scope: Scope, asOf: string, step: ScoringStep, progress: number, customers: number | null = null) {
  await withTenantPg(scope, (client) =>
    client.query(
      `INSERT INTO scoring_runs (tenant_id, as_of, status, step, progress, customers)
       VALUES ((SELECT app_current_tenant()), $1::date, 'running', $2, $3, $4)
       ON CONFLICT (tenant_id, as_of) DO UPDATE SET status = 'running', step = EXCLUDED.step, progress = EXCLUDED.progress,
         customers = COALESCE(EXCLUDED.customers, scoring_runs.customers), error = NULL, finished_at = NULL,
         started_at = CASE WHEN EXCLUDED.step = 'features' THEN now() ELSE scoring_runs.started_at END`,
      [asOf, step, progress, customers],
    ),
  );
}

async function markFailed(scope: Scope, asOf: string, err: unknown) {
  await withTenantPg(scope, (client) =>
    client.query(
      `UPDATE scoring_runs SET status = 'failed', error = $2, finished_at = now()
       WHERE tenant_id = (SELECT app_current_tenant()) AND as_of = $1::date`,
      [asOf, String((err as Error)?.message ?? err).slice(0, 2000)],
    ),
  ).catch(() => undefined);
}

/** Scores one as-of date (see runScoring). */
export async function scoreAsOf(scope: Scope, asOf: string, options: Omit<ScoringOptions, "asOf"> = {}): Promise<ScoringRunResult> {
  if (!DATE.test(asOf)) throw new Error(`asOf must be a date YYYY-MM-DD (got ${asOf})`);
  const workMem = options.workMem ?? "128MB";
  if (!/^\d+(kB|MB|GB)$/.test(workMem)) throw new Error("workMem must look like 128MB");
  const started = performance.now();
  await setProgress(scope, asOf, "features", 5);
  try {
    return await withTenantPg(scope, async (client) => {
      const ms: Record<string, number> = {};
      const lap = (name: string, since: number) => (ms[name] = Math.round(performance.now() - since));
      // Bulk joins and sorts only: memory for the RFM ranks, and no nested loops (the
      // planner cannot estimate aggregates or rows written earlier in this transaction).
      await client.query(`SET LOCAL work_mem = '${workMem}'`);
      await client.query("SET LOCAL enable_nestloop = off");
      // One run of a tenant at a time: a run starts from the one before it.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended('crm:scoring:' || (SELECT app_current_tenant())::text, 0))");
      const snapshot = await currentSnapshot(client);
      const settings = await readScoringSettingsPg(client);
      const clock = await tenantClock(client);
      const newest = await isNewestDay(client, asOf);
      let t = performance.now();
      const plan = options.allCustomers ? { mode: "all" as const, reason: "asked for" } : await planFeatures(client, asOf, clock.timeZone);
      lap("plan", t);

      // The models' input is read from the staged orders' aggregates while the
      // second connection is still working on the categories.
      t = performance.now();
      const staged = await stageFeatures(client, scope, asOf, clock.timeZone, {
        plan,
        afterOrders: async () => {
          const t1 = performance.now();
          const input = { trip: await readTriplets(client, asOf), spend: await readRepeatSpend(client), median: await medianRepeatIntervalSql(client) };
          lap("read", t1);
          return input;
        },
      });
      lap("features", t);
      const { trip, spend, median } = staged.afterOrders!;
      await setProgress(scope, asOf, "fit", 35);

      // Above 50,000 distinct triplets the robust search runs on a systematic
      // subsample of 20,000 and only the final BFGS + Newton steps on all rows (the
      // same maximum, found faster; bgnbd.ts falls back to the full search if not).
      // A run from the previous day's features also starts its fits from that day's.
      const previous = plan.mode === "changed" ? await previousFits(client, plan.base.asOf) : {};
      const fitOptions = { warmStartAbove: 50_000, warmStartSample: 20_000, previous: previous.bg, ...options.fitOptions };
      // The two machines work at once: the database writes customer_features while
      // Node fits BG/NBD and Gamma-Gamma on what was just read.
      t = performance.now();
      const inserting = insertFeatures(client, staged);
      let model: ModelStep;
      try {
        model = runModelStep(trip, spend, median, settings, fitOptions, previous.gg);
      } catch (err) {
        await inserting.catch(() => undefined);
        throw err;
      }
      const customers = await inserting;
      lap("featuresInsertAndFit", t);
      Object.assign(ms, staged.steps);
      ms.fit = Math.round(model.ms.fit);
      ms.modelScores = Math.round(model.ms.score);

      // The clusters of this day's features (clusters-run.ts), so the scores are
      // written with their cluster; the database ranks R/F/M while Node chooses k.
      t = performance.now();
      const db = pgRunner(client);
      const rank = () => rankScores(client, asOf, settings);
      const clusters = (options.clusters ?? newest)
        ? await fitClustersForScoring(db, scope.tenantId, asOf, customers, { duringChooseK: rank })
        : null;
      if (!clusters) await rank();
      lap("clustersAndRanks", t);
      await setProgress(scope, asOf, "write", 70, customers);

      t = performance.now();
      await stageModelScores(client, trip, model);
      lap("stage", t);
      t = performance.now();
      await writeScores(client, asOf, model, clusters, workMem);
      lap("scores", t);
      t = performance.now();
      if (clusters) await storeClusters(db, scope.tenantId, clusters, { updateScores: false });
      lap("clusterStore", t);
      t = performance.now();
      await saveFits(client, asOf, model);
      await pruneSnapshots(client, asOf, settings.dailySnapshotDays);
      if (newest) await saveBase(client, { ...snapshot, asOf, cutoff: staged.cutoff, timeZone: clock.timeZone, customers });
      lap("prune", t);
      ms.total = Math.round(performance.now() - started);

      const churnMethod = model.bg.ok ? "bgnbd" : "rule";
      await client.query(
        `UPDATE scoring_runs SET status = 'succeeded', step = 'done', progress = 100, customers = $2, churn_method = $3,
           churn_label = $4, reference_interval = $5, settings = $6, timings = $7, error = NULL, finished_at = now()
         WHERE tenant_id = (SELECT app_current_tenant()) AND as_of = $1::date`,
        [asOf, customers, churnMethod, model.churnLabel, median, JSON.stringify(settings), JSON.stringify(ms)],
      );
      return {
        asOf,
        customers,
        clusters: clusters ? (clusters.outcome.ok && clusters.outcome.chosen.model.ok ? clusters.outcome.chosen.model.k : 0) : null,
        churnMethod,
        features: featuresSummary(plan),
        bgnbd: summary(model.bg),
        gammaGamma: summary(model.gg),
        ms,
      } satisfies ScoringRunResult;
    });
  } catch (err) {
    await markFailed(scope, asOf, err);
    throw err;
  }
}

function featuresSummary(plan: FeaturePlan): ScoringRunResult["features"] {
  return plan.mode === "all" ? plan : { mode: "changed", base: plan.base.asOf, changed: plan.changed };
}

function summary(fit: FitReport<object>): FitSummary {
  return fit.ok
    ? { ok: true, reason: null, message: null, params: fit.params as Record<string, number> }
    : { ok: false, reason: fit.reason, message: fit.message, params: null };
}

// ───────────── reading ─────────────

// The models' input, read from the day's staged order aggregates
// (lib/analytics/features/compute.ts: scoring_order_features, live customers with
// a purchase — the rows customer_features gets), while those rows are written.
const STAGED = "scoring_order_features";

/** Distinct (x, t_x, T) in days with the number of customers on each. asOf is checked against DATE before it is written in. */
async function readTriplets(client: pg.PoolClient, asOf: string): Promise<Triplets> {
  const sql = `SELECT purchase_days - 1, last_day - first_day, DATE '${asOf}' - first_day, count(*) FROM ${STAGED} GROUP BY 1, 2, 3`;
  const [x, tx, T, w] = await copyNumbers(client, sql, 4);
  return { x: x!, tx: tx!, T: T!, w: w! };
}

/** Repeat buyers' x and mean spend per repeat purchase day (Gamma-Gamma's z̄): what was paid after the first day. */
async function readRepeatSpend(client: pg.PoolClient): Promise<RepeatSpend> {
  const sql = `SELECT purchase_days - 1, greatest(total - first_amount, 0)::float8 / (purchase_days - 1) FROM ${STAGED} WHERE purchase_days > 1`;
  const [x, z] = await copyNumbers(client, sql, 2);
  return { x: x!, z: z! };
}

/** Median of the repeat buyers' own intervals t_x / x (churn-risk.ts's medianRepeatInterval, per customer). */
async function medianRepeatIntervalSql(client: pg.PoolClient): Promise<number | null> {
  const { rows } = await client.query<{ m: number | null }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (last_day - first_day)::float8 / (purchase_days - 1)) AS m
     FROM ${STAGED} WHERE purchase_days > 1`,
  );
  return rows[0]?.m ?? null;
}

// ───────────── writing ─────────────

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
async function stageModelScores(client: pg.PoolClient, trip: Triplets, model: ModelStep) {
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

/**
 * RANK() of each customer's value without sorting every customer: 1 + the customers
 * with a strictly lower value (higher, for recency DESC), summed from the per-value
 * counts — a few hundred recency and frequency values and a few hundred thousand
 * amounts instead of three sorts of a million wide rows (1M: 4.85 → 3.92 s, the
 * same rows). The value columns are NOT NULL in customer_features, so the equality
 * joins back to the customers lose no one.
 */
const rankOfValue = (column: string, order: "ASC" | "DESC") => `(
       SELECT v, (1 + coalesce(sum(c) OVER (ORDER BY v ${order} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))::bigint AS k
       FROM (SELECT ${column} AS v, count(*) AS c FROM f GROUP BY 1) h)`;

/** R/F/M values and scores (quintiles or thresholds) of the day's features, into a temporary table. */
async function rankScores(client: pg.PoolClient, asOf: string, settings: ScoringSettings) {
  const value = rfmValueSql(settings);
  const score = rfmScoreSql(settings.thresholds);
  // Thresholds score the values themselves: no ranks needed.
  const ranked = settings.thresholds
    ? "SELECT f.* FROM f"
    : `SELECT f.*, n.n, rv.k AS rr, fv.k AS fr, mv.k AS mr
       FROM f CROSS JOIN (SELECT count(*) AS n FROM f) n
       JOIN ${rankOfValue("recency_days", "DESC")} rv ON rv.v = f.recency_days
       JOIN ${rankOfValue("frequency", "ASC")} fv ON fv.v = f.frequency
       JOIN ${rankOfValue("monetary", "ASC")} mv ON mv.v = f.monetary`;
  await client.query(
    `CREATE TEMP TABLE scoring_ranked ON COMMIT DROP AS
     WITH f AS MATERIALIZED (
       SELECT customer_id, recency_days, ${value.frequency} AS frequency, ${value.monetary} AS monetary,
              purchase_days - 1 AS x, last_purchase - first_purchase AS tx, tenure_days AS t,
              CASE WHEN purchase_days > 1 THEN greatest(repeat_paid, 0)::float8 / (purchase_days - 1) ELSE 0 END AS zbar
       FROM customer_features WHERE tenant_id = (SELECT app_current_tenant()) AND as_of = $1::date
     ), ranked AS (${ranked})
     SELECT customer_id, recency_days, frequency, monetary, x, tx, t, zbar, ${score.r} AS r, ${score.f} AS fs, ${score.m} AS ms
     FROM ranked`,
    [asOf],
  );
}

/**
 * customer_scores for as_of in one INSERT … SELECT: F and M as the settings
 * say and their R/F/M scores (rankScores), the segment from the grid, and
 * the model's numbers joined on (x, t_x, T) and (x, T) (as one key each:
 * tripletKey, xtKey). CLV multiplies the
 * Gamma-Gamma expected spend per purchase, E[M | x, z̄] (gamma-gamma.ts:
 * (pγ + p·x·z̄)/(p·x + q − 1), pγ/(q − 1) for x = 0), by P(alive)·D(x, T);
 * it is left empty unless both models are fitted. `cluster` is the customer's
 * k-means cluster: from the clusters this run fitted (cluster_assignment), or,
 * when it fitted none because the day is not the newest, the tenant's current
 * ones (customer_clusters).
 */
async function writeScores(client: pg.PoolClient, asOf: string, model: ModelStep, clusters: FittedClusters | null, workMem: string) {
  // The new clusters when this run fitted them, none when they could not be fitted, else the tenant's current ones.
  const cluster = clusters === null
    ? { column: "cc.cluster", join: "LEFT JOIN customer_clusters cc ON cc.tenant_id = (SELECT app_current_tenant()) AND cc.customer_id = s.customer_id" }
    : clusters.outcome.ok
      ? { column: "ca.cluster", join: "LEFT JOIN cluster_assignment ca ON ca.id = s.customer_id" }
      : { column: "NULL::int", join: "" };
  const gg = model.gg.ok && model.bg.ok ? model.gg.params : null;
  await client.query("ANALYZE scoring_ranked");
  await client.query("DELETE FROM customer_scores WHERE tenant_id = (SELECT app_current_tenant()) AND as_of = $1::date", [asOf]);
  // The rows go in in key order (a random order costs 2–3 times as much): room to
  // sort a million of them in memory, for this statement only.
  await client.query(`SET LOCAL work_mem = '${SCORES_WORK_MEM}'`);
  await client.query(
    `INSERT INTO customer_scores (tenant_id, customer_id, as_of, recency_days, frequency, monetary, r_score, f_score, m_score,
       rfm_segment, p_alive, expected_purchases_30, expected_purchases_90, expected_purchases_365, predicted_clv,
       churn_risk, churn_method, cluster)
     SELECT app_current_tenant(), s.customer_id, $1::date, s.recency_days, s.frequency, s.monetary, s.r, s.fs, s.ms,
            ($2::text[])[(s.r - 1) * 9 + s.fs + s.ms - 1],
            tr.p_alive, tr.p_alive * xt.b30, tr.p_alive * xt.b90, tr.p_alive * xt.b365,
            round((CASE WHEN s.x > 0 THEN ($3::float8 * $5::float8 + $3::float8 * s.x * s.zbar) / ($3::float8 * s.x + $4::float8 - 1)
                        ELSE $3::float8 * $5::float8 / ($4::float8 - 1) END * tr.p_alive * xt.dclv)::numeric, 2),
            tr.churn_risk, tr.churn_method, ${cluster.column}
     FROM scoring_ranked s
     JOIN scoring_triplets tr ON tr.k = ${tripletKey("s.")}
     LEFT JOIN scoring_xt xt ON xt.k = ${xtKey("s.")}
     ${cluster.join}
     ORDER BY s.customer_id`,
    [asOf, rfmGridForSql(), gg?.p ?? null, gg?.q ?? null, gg?.gamma ?? null],
  );
  await client.query(`SET LOCAL work_mem = '${workMem}'`);
}

/** No succeeded run of a later day: this run's clusters become the tenant's. */
async function isNewestDay(client: pg.PoolClient, asOf: string): Promise<boolean> {
  const { rows } = await client.query<{ newest: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM scoring_runs WHERE tenant_id = (SELECT app_current_tenant()) AND status = 'succeeded' AND as_of > $1::date) AS newest`,
    [asOf],
  );
  return rows[0]!.newest;
}

/** The fitted parameters of a day's models, where they were fitted. */
async function previousFits(client: pg.PoolClient, asOf: string): Promise<{ bg?: BgNbdParams; gg?: GammaGammaParams }> {
  const { rows } = await client.query<{ model: string; params: Record<string, number> }>(
    "SELECT model, params FROM model_fits WHERE tenant_id = (SELECT app_current_tenant()) AND as_of = $1::date AND ok",
    [asOf],
  );
  const params = (model: string) => rows.find((r) => r.model === model)?.params;
  return { bg: params("bgnbd") as BgNbdParams | undefined, gg: params("gamma_gamma") as GammaGammaParams | undefined };
}

async function saveFits(client: pg.PoolClient, asOf: string, model: ModelStep) {
  for (const [name, fit] of [["bgnbd", model.bg], ["gamma_gamma", model.gg]] as const) {
    const f = fit as FitReport<object>;
    await client.query(
      `INSERT INTO model_fits (tenant_id, as_of, model, ok, converged, reason, message, params, standard_errors, log_likelihood,
         customers, repeat_buyers, iterations, evaluations, gradient_norm, optimizer_message, elapsed_ms, fitted_at)
       VALUES ((SELECT app_current_tenant()), $1::date, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now())
       ON CONFLICT (tenant_id, as_of, model) DO UPDATE SET ok = EXCLUDED.ok, converged = EXCLUDED.converged,
         reason = EXCLUDED.reason, message = EXCLUDED.message, params = EXCLUDED.params,
         standard_errors = EXCLUDED.standard_errors, log_likelihood = EXCLUDED.log_likelihood, customers = EXCLUDED.customers,
         repeat_buyers = EXCLUDED.repeat_buyers, iterations = EXCLUDED.iterations, evaluations = EXCLUDED.evaluations,
         gradient_norm = EXCLUDED.gradient_norm, optimizer_message = EXCLUDED.optimizer_message,
         elapsed_ms = EXCLUDED.elapsed_ms, fitted_at = now()`,
      [
        asOf, name, f.ok, f.converged, f.ok ? null : f.reason, f.ok ? null : f.message,
        f.ok ? JSON.stringify(f.params) : null, f.ok && f.standardErrors ? JSON.stringify(f.standardErrors) : null,
        f.ok ? f.logLikelihood : null, Math.round(f.customers), Math.round(f.repeatBuyers), f.iterations, f.evaluations,
        f.gradientNorm !== null && Number.isFinite(f.gradientNorm) ? f.gradientNorm : null, f.optimizerMessage, f.elapsedMs,
      ],
    );
  }
}

/** Month ends are kept; other days for `keepDays` days before as_of. */
async function pruneSnapshots(client: pg.PoolClient, asOf: string, keepDays: number) {
  for (const table of ["customer_scores", "customer_features"]) {
    await client.query(
      `DELETE FROM ${table} WHERE tenant_id = (SELECT app_current_tenant()) AND as_of < $1::date - $2::int
         AND extract(day FROM as_of + 1) <> 1`,
      [asOf, keepDays],
    );
  }
}
