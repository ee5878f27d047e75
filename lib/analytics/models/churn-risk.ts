// Churn-risk levels per customer: from the BG/NBD P(alive) where the model is
// fitted, and from a stated rule where it is not. Every assessment says which
// method produced it (`method`, stored as customer_scores.churn_method) so a
// rule-based level is never shown as if the model had produced it.
//
// One-time buyers get the rule even when the model is fitted: the BG/NBD lets
// customers drop out only right after a repeat purchase, so its P(alive) is 1
// for anyone with x = 0 however long ago they bought — true to the model, but
// useless as a churn signal for them (set `oneTimeBuyers: "model"` to keep
// the model's answer).
import type { BgNbdParams, RfmData } from "./bgnbd";
import { bgnbdPAlive } from "./bgnbd";
import type { FitReport } from "./fit-report";

export type ChurnRiskLevel = "low" | "medium" | "high";
export type ChurnMethod = "bgnbd" | "rule";

export interface PAliveThresholds {
  /** P(alive) below this is high risk. */
  high: number;
  /** P(alive) below this (and not high) is medium risk. */
  medium: number;
}

export const DEFAULT_P_ALIVE_THRESHOLDS: PAliveThresholds = { high: 0.3, medium: 0.7 };

export function churnRiskFromPAlive(pAlive: number, thresholds: PAliveThresholds = DEFAULT_P_ALIVE_THRESHOLDS): ChurnRiskLevel {
  if (pAlive < thresholds.high) return "high";
  if (pAlive < thresholds.medium) return "medium";
  return "low";
}

// ───────────── rule-based fallback ─────────────

export interface RuleThresholds {
  /** Time since the last purchase above this many usual intervals is medium risk. */
  medium: number;
  /** …and above this many, high risk. */
  high: number;
}

export const DEFAULT_RULE_THRESHOLDS: RuleThresholds = { medium: 1.5, high: 3 };

/** Where the usual interval came from: the customer's own history, the tenant's repeat buyers, or the configured default. */
export type IntervalBasis = "own" | "tenant-median" | "default";

export interface RuleOptions {
  /** Usual interval for customers with no interval of their own: the tenant's median (see medianRepeatInterval). */
  referenceInterval?: number | null;
  /** Used when there is no reference interval either (no repeat buyers at all). Default 90 (days). */
  defaultInterval?: number;
  /** Intervals are floored at this, so two purchases a day apart do not make every later day "overdue". Default 1. */
  minInterval?: number;
  thresholds?: RuleThresholds;
}

export interface RuleAssessment {
  level: ChurnRiskLevel;
  method: "rule";
  /** time since the last purchase (T − t_x) */
  elapsed: number;
  /** the usual interval it was compared with */
  interval: number;
  basis: IntervalBasis;
  /** elapsed / interval */
  ratio: number;
}

/**
 * Time since the last purchase against the customer's own mean interval
 * between purchases (t_x / x, over x repeat purchases). A one-time buyer has
 * no interval of their own and is compared with the tenant's median interval,
 * or the default when no one has bought twice.
 */
export function ruleBasedChurnRisk(c: { frequency: number; recency: number; T: number }, options: RuleOptions = {}): RuleAssessment {
  const thresholds = options.thresholds ?? DEFAULT_RULE_THRESHOLDS;
  const minInterval = options.minInterval ?? 1;
  const elapsed = Math.max(0, c.T - c.recency);
  let interval: number;
  let basis: IntervalBasis;
  if (c.frequency > 0) {
    interval = c.recency / c.frequency;
    basis = "own";
  } else if (options.referenceInterval != null && options.referenceInterval > 0) {
    interval = options.referenceInterval;
    basis = "tenant-median";
  } else {
    interval = options.defaultInterval ?? 90;
    basis = "default";
  }
  interval = Math.max(interval, minInterval);
  const ratio = elapsed / interval;
  const level: ChurnRiskLevel = ratio > thresholds.high ? "high" : ratio > thresholds.medium ? "medium" : "low";
  return { level, method: "rule", elapsed, interval, basis, ratio };
}

/**
 * Median of the repeat buyers' own mean intervals t_x / x; null when nobody bought
 * twice. A weighted row stands for `weights[i]` customers (whole numbers), as in
 * the scoring run's distinct triplets.
 */
export function medianRepeatInterval(data: RfmData): number | null {
  const w = data.weights;
  let n = 0;
  for (let i = 0; i < data.frequency.length; i++) if (data.frequency[i] > 0) n += w ? w[i] : 1;
  if (n === 0) return null;
  const intervals = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    if (!(data.frequency[i] > 0)) continue;
    const v = data.recency[i] / data.frequency[i];
    for (let c = w ? w[i] : 1; c > 0; c--) intervals[k++] = v;
  }
  intervals.sort();
  const mid = n >> 1;
  return n % 2 ? intervals[mid] : (intervals[mid - 1] + intervals[mid]) / 2;
}

// ───────────── per-customer assessment ─────────────

export type ChurnAssessment =
  | { level: ChurnRiskLevel; method: "bgnbd"; pAlive: number }
  | (RuleAssessment & { pAlive: number | null; why: "model-not-fitted" | "one-time-buyer" });

export interface ChurnAssessmentBatch {
  /** Whether the BG/NBD was fitted and used (for repeat buyers at least). */
  modelUsed: boolean;
  /** Label to show beside rule-based levels for this batch. */
  label: string;
  customers: ChurnAssessment[];
}

export interface AssessOptions extends RuleOptions {
  pAliveThresholds?: PAliveThresholds;
  /** One-time buyers: the rule (default) or the model's P(alive) = 1. */
  oneTimeBuyers?: "rule" | "model";
}

export function assessChurnRisk(data: RfmData, fit: FitReport<BgNbdParams>, options: AssessOptions = {}): ChurnAssessmentBatch {
  const n = data.frequency.length;
  const ruleOptions: RuleOptions = {
    referenceInterval: options.referenceInterval ?? medianRepeatInterval(data),
    defaultInterval: options.defaultInterval,
    minInterval: options.minInterval,
    thresholds: options.thresholds,
  };
  const customers: ChurnAssessment[] = new Array(n);
  const params = fit.ok ? fit.params : null;
  for (let i = 0; i < n; i++) {
    const c = { frequency: data.frequency[i], recency: data.recency[i], T: data.T[i] };
    if (params === null) {
      customers[i] = { ...ruleBasedChurnRisk(c, ruleOptions), pAlive: null, why: "model-not-fitted" };
      continue;
    }
    const pAlive = bgnbdPAlive(params, c.frequency, c.recency, c.T);
    if ((c.frequency === 0 && options.oneTimeBuyers !== "model") || !Number.isFinite(pAlive)) {
      customers[i] = { ...ruleBasedChurnRisk(c, ruleOptions), pAlive, why: "one-time-buyer" };
    } else {
      customers[i] = { level: churnRiskFromPAlive(pAlive, options.pAliveThresholds), method: "bgnbd", pAlive };
    }
  }
  const label = fit.ok
    ? "BG/NBD P(alive) for repeat buyers; rule-based (time since purchase against the usual interval) for one-time buyers"
    : `Rule-based churn risk (time since last purchase against the customer's own purchase interval): the BG/NBD model could not be fitted — ${fit.message}`;
  return { modelUsed: fit.ok, label, customers };
}

/** One line a person can read, e.g. "rule: 63 days since last purchase, 3.2× the usual 20 days (own history)". */
export function describeChurnAssessment(a: ChurnAssessment, unit = "days"): string {
  if (a.method === "bgnbd") return `BG/NBD: P(alive) ${a.pAlive.toFixed(2)} → ${a.level} risk`;
  const basis = a.basis === "own" ? "own history" : a.basis === "tenant-median" ? "median of repeat buyers" : "default";
  const why = a.why === "one-time-buyer" ? "one purchase only" : "model not fitted";
  return `rule (${why}): ${fmt(a.elapsed)} ${unit} since last purchase, ${a.ratio.toFixed(1)}× the usual ${fmt(a.interval)} ${unit} (${basis}) → ${a.level} risk`;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
