// The model step of a scoring run, on what the database hands over (no ids, no
// per-customer rows): the distinct (x, t_x, T) triplets in days with their
// customer counts, and the repeat buyers' (x, z̄) for the spend model. It fits
// BG/NBD and Gamma-Gamma with the functions of lib/analytics/models, assesses
// churn risk (model or labelled rule), and returns per triplet and per (x, T)
// the numbers the final INSERT multiplies out per customer:
//
//   E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · B(x, T, t)        (FHL 2005, Eq. 10)
//   CLV                 = E[M | x, z̄] · P(alive | x, t_x, T) · D(x, T)
//   D(x, T)             = Σ_k (B(x, T, kL) − B(x, T, (k−1)L)) / (1 + d)^k
//
// B does not depend on t_x, so it is computed once per distinct (x, T) — far
// fewer than customers — as E[Y]/P(alive) at t_x = T (where P(alive) is bounded
// away from 0), and D with clv.ts's discountedValue. Weighted triplets give the
// same likelihood as one row per customer, so the fit is the customer-level MLE.
import {
  bgnbdConditionalExpectedPurchases,
  bgnbdPAlive,
  fitBgNbd,
  type BgNbdFitOptions,
  type BgNbdParams,
} from "@/lib/analytics/models/bgnbd";
import { assessChurnRisk, type ChurnMethod, type ChurnRiskLevel } from "@/lib/analytics/models/churn-risk";
import { discountedValue, periodDiscountRate } from "@/lib/analytics/models/clv";
import type { FitReport } from "@/lib/analytics/models/fit-report";
import { fitGammaGamma, type GammaGammaParams } from "@/lib/analytics/models/gamma-gamma";
import type { ScoringSettings } from "@/lib/analytics/scoring/settings";

/** Expected purchases are stored for these horizons (days). */
export const HORIZONS = [30, 90, 365] as const;
/** A CLV period ("month") in the model's unit, days. */
export const CLV_PERIOD_DAYS = 30;

export type Triplets = { x: Float64Array; tx: Float64Array; T: Float64Array; w: Float64Array };
export type RepeatSpend = { x: Float64Array; z: Float64Array };

export type TripletScores = {
  /** null where the model is not fitted */
  pAlive: (number | null)[];
  level: ChurnRiskLevel[];
  method: ChurnMethod[];
};

export type XtScores = { x: Int32Array; T: Int32Array; b: Float64Array[]; dclv: Float64Array };

export type ModelStep = {
  bg: FitReport<BgNbdParams>;
  gg: FitReport<GammaGammaParams>;
  churnLabel: string;
  triplets: TripletScores;
  /** null when the BG/NBD is not fitted */
  xt: XtScores | null;
  ms: { fit: number; score: number };
};

export function runModelStep(
  trip: Triplets,
  spend: RepeatSpend,
  medianInterval: number | null,
  settings: Pick<ScoringSettings, "clvHorizonMonths" | "annualDiscountRate">,
  fitOptions: BgNbdFitOptions = {},
  previousSpend?: GammaGammaParams,
): ModelStep {
  let t0 = performance.now();
  const data = { frequency: trip.x, recency: trip.tx, T: trip.T, weights: trip.w };
  const bg = fitBgNbd(data, fitOptions);
  const gg = fitGammaGamma(spend.x, spend.z, { warmStartAbove: fitOptions.warmStartAbove, warmStartSample: fitOptions.warmStartSample, previous: previousSpend });
  const fit = performance.now() - t0;

  t0 = performance.now();
  const churn = assessChurnRisk(data, bg, { referenceInterval: medianInterval });
  const n = trip.x.length;
  const triplets: TripletScores = { pAlive: new Array(n), level: new Array(n), method: new Array(n) };
  for (let i = 0; i < n; i++) {
    const a = churn.customers[i]!;
    triplets.pAlive[i] = a.pAlive;
    triplets.level[i] = a.level;
    triplets.method[i] = a.method;
  }
  const xt = bg.ok ? perXt(bg.params, trip, settings) : null;
  return { bg, gg, churnLabel: churn.label, triplets, xt, ms: { fit, score: performance.now() - t0 } };
}

function perXt(p: BgNbdParams, trip: Triplets, settings: Pick<ScoringSettings, "clvHorizonMonths" | "annualDiscountRate">): XtScores {
  const seen = new Set<number>();
  const xs: number[] = [];
  const Ts: number[] = [];
  for (let i = 0; i < trip.x.length; i++) {
    // x < 2^20 and T < 2^31 / 2^20 days in any real tenant; the key only dedupes.
    const key = trip.x[i]! * 4_194_304 + trip.T[i]!;
    if (seen.has(key)) continue;
    seen.add(key);
    xs.push(trip.x[i]!);
    Ts.push(trip.T[i]!);
  }
  const m = xs.length;
  const b = HORIZONS.map(() => new Float64Array(m));
  const dclv = new Float64Array(m);
  const clv = {
    periods: settings.clvHorizonMonths,
    periodLength: CLV_PERIOD_DAYS,
    discountRate: periodDiscountRate(settings.annualDiscountRate, 12),
  };
  for (let j = 0; j < m; j++) {
    const x = xs[j]!;
    const T = Ts[j]!;
    const tx = x > 0 ? T : 0;
    const pa = bgnbdPAlive(p, x, tx, T);
    const B = (t: number) => bgnbdConditionalExpectedPurchases(p, t, x, tx, T) / pa;
    HORIZONS.forEach((h, k) => (b[k]![j] = B(h)));
    dclv[j] = discountedValue(B, 1, clv);
  }
  return { x: Int32Array.from(xs), T: Int32Array.from(Ts), b, dclv };
}
