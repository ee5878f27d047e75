// Explanations of a customer's R, F and M scores, segment and churn risk, in
// English and Chinese, from the stored score row and the settings of the run
// that produced it: "R=5: last purchase 6 days ago, in the newest 20%".
// Messages live in lib/i18n/messages/analytics.ts; this file reads them
// directly so explanations do not depend on how the app merges message areas.
import { en, zh } from "@/lib/i18n/messages/analytics";
import type { Locale } from "@/lib/i18n/translate";
import { ruleBasedChurnRisk, type ChurnMethod, type ChurnRiskLevel } from "@/lib/analytics/models/churn-risk";
import type { RfmThresholds, ScoringSettings } from "@/lib/analytics/scoring/settings";
import { isRfmSegment, type RfmSegment } from "@/lib/analytics/rfm/segments";

type Key = keyof typeof en;

function text(locale: Locale, key: Key, params: Record<string, string | number> = {}): string {
  const template = (locale === "en" ? en : zh)[key];
  return template.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m));
}

export type RfmExplanationInput = {
  r: number;
  f: number;
  m: number;
  segment: RfmSegment | string | null;
  /** days since the last purchase */
  recencyDays: number;
  /** purchase days or orders, as `settings.frequencyBasis` says */
  frequency: number;
  /** total or mean paid, as `settings.monetaryBasis` says */
  monetary: number;
  settings: Pick<ScoringSettings, "frequencyBasis" | "monetaryBasis" | "thresholds">;
  /** ISO 4217, default CNY */
  currency?: string;
};

export type RfmExplanation = { r: string; f: string; m: string; segment: string | null; lines: string[] };

const number = (locale: Locale, v: number) => new Intl.NumberFormat(locale === "en" ? "en" : "zh-CN", { maximumFractionDigits: 2 }).format(v);

function money(locale: Locale, v: number, currency = "CNY"): string {
  try {
    return new Intl.NumberFormat(locale === "en" ? "en" : "zh-CN", { style: "currency", currency }).format(v);
  } catch {
    return `${number(locale, v)} ${currency}`;
  }
}

function ago(locale: Locale, days: number): string {
  if (days <= 0) return text(locale, "analytics.rfm.ago.today");
  if (days === 1) return text(locale, "analytics.rfm.ago.one");
  return text(locale, "analytics.rfm.ago.many", { days: number(locale, days) });
}

const quintileBand = (locale: Locale, dim: "r" | "fm", score: number) =>
  text(locale, (dim === "r" ? `analytics.rfm.band.r.${score}` : `analytics.rfm.band.${score}`) as Key);

/** Recency cuts: ≤ c1 days scores 5 … > c4 scores 1. */
function recencyCutBand(locale: Locale, score: number, cuts: readonly number[]): string {
  const fmt = (v: number) => number(locale, v);
  if (score === 5) return text(locale, "analytics.rfm.cut.r.top", { hi: fmt(cuts[0]!) });
  if (score === 1) return text(locale, "analytics.rfm.cut.r.bottom", { lo: fmt(cuts[3]!) });
  // score s covers (c[4−s], c[5−s]]: whole days c[4−s] + 1 … c[5−s]
  return text(locale, "analytics.rfm.cut.r.mid", { score, lo: fmt(cuts[4 - score]! + 1), hi: fmt(cuts[5 - score]!) });
}

/** Frequency/monetary cuts: ≥ c4 scores 5 … < c1 scores 1. */
function levelCutBand(locale: Locale, score: number, cuts: readonly number[], fmt: (v: number) => string): string {
  if (score === 5) return text(locale, "analytics.rfm.cut.top", { lo: fmt(cuts[3]!) });
  if (score === 1) return text(locale, "analytics.rfm.cut.bottom", { hi: fmt(cuts[0]!) });
  return text(locale, "analytics.rfm.cut.mid", { score, lo: fmt(cuts[score - 2]!), hi: fmt(cuts[score - 1]!) });
}

export function explainRfm(input: RfmExplanationInput, locale: Locale): RfmExplanation {
  const t: RfmThresholds | null = input.settings.thresholds;
  const rBand = t ? recencyCutBand(locale, input.r, t.recency) : quintileBand(locale, "r", input.r);
  const r = text(locale, "analytics.rfm.r", { score: input.r, ago: ago(locale, input.recencyDays), band: rBand });

  const basis = input.settings.frequencyBasis;
  const unit = text(locale, `analytics.rfm.unit.${basis}.${input.frequency === 1 ? "one" : "many"}` as Key);
  const fBand = t ? levelCutBand(locale, input.f, t.frequency, (v) => number(locale, v)) : quintileBand(locale, "fm", input.f);
  const f = text(locale, "analytics.rfm.f", { score: input.f, count: number(locale, input.frequency), unit, band: fBand });

  const fmtMoney = (v: number) => money(locale, v, input.currency);
  const mBand = t ? levelCutBand(locale, input.m, t.monetary, fmtMoney) : quintileBand(locale, "fm", input.m);
  const mKey = input.settings.monetaryBasis === "mean" ? "analytics.rfm.m.mean" : "analytics.rfm.m.total";
  const m = text(locale, mKey, { score: input.m, amount: fmtMoney(input.monetary), band: mBand });

  const segment = isRfmSegment(input.segment)
    ? text(locale, "analytics.rfm.segmentLine", {
      segment: text(locale, `analytics.segment.${input.segment}` as Key),
      r: input.r,
      fm: number(locale, (input.f + input.m) / 2),
    })
    : null;
  return { r, f, m, segment, lines: [r, f, m, ...(segment ? [segment] : [])] };
}

export type ChurnExplanationInput = {
  method: ChurnMethod;
  level: ChurnRiskLevel;
  pAlive: number | null;
  /** repeat purchase days x, days from the first to the last purchase t_x, days since the first purchase T */
  x: number;
  tx: number;
  T: number;
  /** whether the BG/NBD was fitted in that run */
  modelFitted: boolean;
  /** the tenant's median repeat interval used by the run (scoring_runs.reference_interval) */
  referenceInterval: number | null;
};

/** One line on the churn risk, recomputing the rule's comparison with churn-risk.ts. */
export function explainChurn(input: ChurnExplanationInput, locale: Locale): string {
  const level = text(locale, `analytics.churn.level.${input.level}` as Key);
  if (input.method === "bgnbd" && input.pAlive !== null) {
    return text(locale, "analytics.churn.explain.bgnbd", { pAlive: input.pAlive.toFixed(2), level });
  }
  const a = ruleBasedChurnRisk({ frequency: input.x, recency: input.tx, T: input.T }, { referenceInterval: input.referenceInterval });
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  return text(locale, "analytics.churn.explain.rule", {
    why: text(locale, input.modelFitted ? "analytics.churn.why.one-time-buyer" : "analytics.churn.why.model-not-fitted"),
    elapsed: fmt(a.elapsed),
    ratio: a.ratio.toFixed(1),
    interval: fmt(a.interval),
    basis: text(locale, `analytics.churn.basis.${a.basis}` as Key),
    level,
  });
}
