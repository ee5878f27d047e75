// One scoring run for a tenant: features → RFM → BG/NBD and Gamma-Gamma → churn
// risk and CLV, and the k-means clusters, for every customer with a purchase,
// written to customer_scores for one as-of date. Everything heavy is set-based
// SQL; the models see only the distinct (x, t_x, T) triplets and the repeat
// buyers' spend, read through COPY (lib/analytics/scoring/model-input.ts; the
// models in lib/analytics/scoring/model.ts), and the
// clusters a seeded sample (lib/analytics/insights/clusters-run.ts); the scores
// are written by lib/analytics/scoring/write-scores.ts. A run of the newest day
// recomputes only the customers changed since the last run when it can
// (lib/analytics/features/changes.ts). Where one
// waits for the other, the database and Node work at the same time (the steps
// are in docs/analytics.md, "Scoring in the database").
//
// Idempotent and atomic: one transaction replaces the as-of date's features,
// scores and fit reports (and an advisory lock serialises the tenant's runs),
// so a retried or repeated run leaves the same rows and a
// reader never sees half a run. Progress goes to scoring_runs on its own
// connection so a page can follow it; the final status commits with the scores.
import type pg from "pg";
import type { BgNbdFitOptions, BgNbdParams } from "@/lib/analytics/models/bgnbd";
import type { GammaGammaParams } from "@/lib/analytics/models/gamma-gamma";
import type { FitReport } from "@/lib/analytics/models/fit-report";
import { insertFeatures, stageFeatures, tenantClock } from "@/lib/analytics/features/compute";
import { currentSnapshot, planFeatures, saveBase, type FeaturePlan } from "@/lib/analytics/features/changes";
import { runModelStep, type ModelStep } from "@/lib/analytics/scoring/model";
import { readScoringSettingsPg } from "@/lib/analytics/scoring/settings";
import { withTenantPg } from "@/lib/db/tenant";
import { syncCustomerOrderTimes } from "@/lib/analytics/scoring/order-times";
import {
  clusterOptionsForScoring, fitClustersForScoring, fitClustersFromInput, fitsFromInput, inputSampleSeed, storeClusters,
} from "@/lib/analytics/insights/clusters-run";
import { pgRunner } from "@/lib/analytics/insights/sql-runner";
import { readModelInput } from "@/lib/analytics/scoring/model-input";
import { rfmCuts, stageModelScores, writeScores } from "@/lib/analytics/scoring/write-scores";

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
  /** For tests: above this many customers the clusters are fitted on a sample and assigned in SQL (clusters-run.ts; default 50,000). */
  clusterSampleSize?: number;
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
      // The clusters of this day's features (clusters-run.ts), so the scores are
      // written with their cluster: with the settings of the tenant's last clusters run.
      const db = pgRunner(client);
      const clusterOptions = (options.clusters ?? newest) ? await clusterOptionsForScoring(db, scope.tenantId, options.clusterSampleSize) : null;

      // The models' input is read from the staged orders' aggregates while the
      // second connection is still working on the categories.
      t = performance.now();
      const staged = await stageFeatures(client, scope, asOf, clock.timeZone, {
        plan,
        afterOrders: async () => {
          const t1 = performance.now();
          const input = await readModelInput(client, asOf, {
            frequency: settings.frequencyBasis, monetary: settings.monetaryBasis, sampleSeed: clusterOptions ? inputSampleSeed(clusterOptions) : null,
          });
          lap("read", t1);
          return input;
        },
      });
      lap("features", t);
      const { trip, spend, median, values } = staged.afterOrders!;
      await setProgress(scope, asOf, "fit", 35);

      // Above 50,000 distinct triplets the robust search runs on a systematic
      // subsample of 20,000 and only the final BFGS + Newton steps on all rows (the
      // same maximum, found faster; bgnbd.ts falls back to the full search if not).
      // A run from the previous day's features also starts its fits from that day's.
      const previous = plan.mode === "changed" ? await previousFits(client, plan.base.asOf) : {};
      const fitOptions = { warmStartAbove: 50_000, warmStartSample: 20_000, previous: previous.bg, ...options.fitOptions };
      // The two machines work at once: the database writes customer_features while
      // Node fits BG/NBD and Gamma-Gamma on what was just read, works out the R/F/M
      // cuts and, for a big tenant, the clusters (clusters-input.ts; chooseK hands
      // the event loop back between candidates).
      t = performance.now();
      const inserting = insertFeatures(client, staged);
      const nodeWork = (async () => {
        const model = runModelStep(trip, spend, median, settings, fitOptions, previous.gg);
        let t1 = performance.now();
        const cuts = rfmCuts(settings, values);
        lap("cuts", t1);
        t1 = performance.now();
        const clusters = clusterOptions && fitsFromInput(clusterOptions, values) ? await fitClustersFromInput(asOf, clusterOptions, values) : null;
        if (clusters) lap("clustersFromInput", t1);
        return { model, cuts, clusters };
      })();
      // Both settle before either is looked at, so a failure of one never leaves the other running unobserved.
      const [inserted, worked] = await Promise.allSettled([inserting, nodeWork]);
      if (inserted.status === "rejected") throw inserted.reason;
      if (worked.status === "rejected") throw worked.reason;
      const customers = inserted.value;
      const { model, cuts } = worked.value;
      lap("featuresInsertAndFit", t);
      Object.assign(ms, staged.steps);
      ms.fit = Math.round(model.ms.fit);
      ms.modelScores = Math.round(model.ms.score);

      // The model's numbers staged for the scores INSERT; when the clusters were not
      // fitted above, they are fitted from the day's features now, and the database
      // stages meanwhile (clusters-run.ts).
      t = performance.now();
      const stage = () => stageModelScores(client, trip, model);
      let clusters = worked.value.clusters;
      if (clusters) await stage();
      else if (clusterOptions) clusters = await fitClustersForScoring(db, asOf, customers, clusterOptions, { duringChooseK: stage });
      else await stage();
      lap("clustersAndRanks", t);
      await setProgress(scope, asOf, "write", 70, customers);

      t = performance.now();
      await writeScores(client, { asOf, model, clusters, workMem, settings, cuts, carried: staged.changedOnly });
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
