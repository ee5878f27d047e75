// Reads of scoring results for pages: the latest run with its model fits (so the
// UI can say "model not fitted because …" and "data as of …"), and one
// customer's scores with their explanations. Inside withTenant; the caller's
// door has checked the permission (analytics:read, customer:read).
import type { TenantTx } from "@/lib/db/tenant";
import { newestScoringRunSql } from "@/lib/customers/list-query";
import type { Locale } from "@/lib/i18n/translate";
import type { ChurnMethod, ChurnRiskLevel } from "@/lib/analytics/models/churn-risk";
import { explainChurn, explainRfm, type RfmExplanation } from "@/lib/analytics/rfm/explain";
import { scoringSettingsSchema, type ScoringSettings } from "@/lib/analytics/scoring/settings";

export type FitRow = {
  model: "bgnbd" | "gamma_gamma";
  ok: boolean;
  reason: string | null;
  message: string | null;
  params: Record<string, number> | null;
  standardErrors: Record<string, number> | null;
  logLikelihood: number | null;
  customers: number;
  repeatBuyers: number;
};

export type RunStatus = {
  asOf: string;
  status: "running" | "succeeded" | "failed";
  step: "features" | "fit" | "write" | "done";
  progress: number;
  customers: number | null;
  churnMethod: ChurnMethod | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  fits: FitRow[];
};

/** The newest run (any status) and the fits of that date; null before the first run. */
export async function latestScoringRun(tx: TenantTx): Promise<RunStatus | null> {
  const run = await tx.scoringRun.findFirst({ orderBy: [{ asOf: "desc" }] });
  if (!run) return null;
  const fits = await tx.modelFit.findMany({ where: { asOf: run.asOf }, orderBy: [{ model: "asc" }] });
  return {
    asOf: run.asOf.toISOString().slice(0, 10),
    status: run.status as RunStatus["status"],
    step: run.step as RunStatus["step"],
    progress: run.progress,
    customers: run.customers,
    churnMethod: run.churnMethod as ChurnMethod | null,
    error: run.error,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    fits: fits.map((f) => ({
      model: f.model as FitRow["model"],
      ok: f.ok,
      reason: f.reason,
      message: f.message,
      params: f.params as Record<string, number> | null,
      standardErrors: f.standardErrors as Record<string, number> | null,
      logLikelihood: f.logLikelihood,
      customers: f.customers,
      repeatBuyers: f.repeatBuyers,
    })),
  };
}

export type CustomerScoreExplanation = {
  asOf: string;
  rfm: RfmExplanation | null;
  churn: string | null;
  /** The row's model numbers and the run's settings (defaults if unreadable), for the P(alive) and CLV lines. */
  pAlive: number | null;
  expectedPurchases90: number | null;
  predictedClv: string | null;
  settings: ScoringSettings;
  currency: string;
};

/**
 * The customer's row of the newest successful scoring run explained (the row the
 * customer 360's scores card shows, lib/customers/detail.ts); null when that run
 * did not score them or there is none.
 */
export async function explainCustomerScore(tx: TenantTx, tenantId: string, customerId: string, locale: Locale): Promise<CustomerScoreExplanation | null> {
  const rows = await tx.$queryRaw<{
    as_of: string; recency_days: number | null; frequency: number; monetary: string; r_score: number | null; f_score: number | null;
    m_score: number | null; rfm_segment: string | null; p_alive: number | null; churn_risk: string | null; churn_method: string | null;
    x: number | null; tx: number | null; t: number | null; settings: unknown; reference_interval: number | null;
    run_method: string | null; currency: string; e90: number | null; clv: string | null;
  }[]>`
    SELECT s.as_of::text, s.recency_days, s.frequency, s.monetary::text, s.r_score, s.f_score, s.m_score, s.rfm_segment,
           s.p_alive, s.churn_risk, s.churn_method, s.expected_purchases_90 AS e90, s.predicted_clv::text AS clv,
           f.purchase_days - 1 AS x, f.last_purchase - f.first_purchase AS tx, f.tenure_days AS t,
           r.settings, r.reference_interval, r.churn_method AS run_method, te.currency
    FROM customer_scores s
    JOIN tenants te ON te.id = s.tenant_id
    LEFT JOIN customer_features f ON f.tenant_id = s.tenant_id AND f.as_of = s.as_of AND f.customer_id = s.customer_id
    LEFT JOIN scoring_runs r ON r.tenant_id = s.tenant_id AND r.as_of = s.as_of
    WHERE s.tenant_id = ${tenantId}::uuid AND s.as_of = ${newestScoringRunSql(tenantId)} AND s.customer_id = ${customerId}::uuid`;
  const row = rows[0];
  if (!row) return null;
  const settings = scoringSettingsSchema.safeParse(row.settings ?? {});
  const rfm =
    row.r_score !== null && row.f_score !== null && row.m_score !== null && row.recency_days !== null && settings.success
      ? explainRfm(
        {
          r: row.r_score, f: row.f_score, m: row.m_score, segment: row.rfm_segment, recencyDays: row.recency_days,
          frequency: row.frequency, monetary: Number(row.monetary), settings: settings.data, currency: row.currency,
        },
        locale,
      )
      : null;
  const churn =
    row.churn_risk && row.churn_method && row.x !== null && row.tx !== null && row.t !== null
      ? explainChurn(
        {
          method: row.churn_method as ChurnMethod, level: row.churn_risk as ChurnRiskLevel, pAlive: row.p_alive,
          x: row.x, tx: row.tx, T: row.t, modelFitted: row.run_method === "bgnbd", referenceInterval: row.reference_interval,
        },
        locale,
      )
      : null;
  return {
    asOf: row.as_of, rfm, churn, pAlive: row.p_alive, expectedPurchases90: row.e90, predictedClv: row.clv,
    settings: settings.success ? settings.data : scoringSettingsSchema.parse({}), currency: row.currency,
  };
}
