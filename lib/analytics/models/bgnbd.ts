// BG/NBD ("beta-geometric / negative binomial distribution") model of repeat
// buying in a non-contractual setting: Fader, Hardie & Lee (2005), "Counting
// Your Customers the Easy Way", Marketing Science 24(2):275–284 (FHL below).
//
// Per customer we observe x = number of repeat purchases (purchase days after
// the first), t_x = time of the last purchase since the first, and T = time
// from the first purchase to the end of the observation window. Time is in
// whatever unit the caller uses (weeks for CDNOW, days in the app); α scales
// with the unit, r, a and b do not.
//
// The likelihood is computed over all customers in one pass over
// Float64Arrays; everything that depends on x alone (log-gamma, log-beta,
// digamma) is tabulated once per distinct x per evaluation, so the per-
// customer work is two logarithms and one exponential. A million customers
// cost tens of milliseconds per evaluation.
import { beyondBoundary, cannotFit, outsideSearchBox, standardErrorsFromHessian, type FitReport } from "./fit-report";
import { minimize } from "./optimize";
import { betaln, digamma, gammaln, hyp2f1, logisticOfNegative } from "./special";

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Column-oriented customer summaries; `weights` counts identical rows (default 1 each). */
export interface RfmData {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  weights?: ArrayLike<number>;
}

export interface RfmRow {
  frequency: number;
  recency: number;
  T: number;
}

export function toRfmData(rows: readonly RfmRow[]): RfmData {
  const n = rows.length;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    frequency[i] = rows[i].frequency;
    recency[i] = rows[i].recency;
    T[i] = rows[i].T;
  }
  return { frequency, recency, T };
}

// ───────────── likelihood ─────────────

/** Validated data with x mapped to a table of its distinct values. */
export interface PreparedRfm {
  n: number;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array | null;
  /** index of each customer's x in `xValues` */
  xIndex: Int32Array;
  xValues: Float64Array;
  totalWeight: number;
  repeatWeight: number;
}

export type PrepareResult = { ok: true; data: PreparedRfm } | { ok: false; message: string };

/** Validates the summaries (finite, integer x ≥ 0, 0 ≤ t_x ≤ T) and builds the x table. */
export function prepareRfm(data: RfmData): PrepareResult {
  const n = data.frequency.length;
  if (data.recency.length !== n || data.T.length !== n || (data.weights && data.weights.length !== n)) {
    return { ok: false, message: "frequency, recency, T (and weights) must have the same length" };
  }
  const x = Float64Array.from(data.frequency);
  const tx = Float64Array.from(data.recency);
  const T = Float64Array.from(data.T);
  const w = data.weights ? Float64Array.from(data.weights) : null;
  const slot = new Map<number, number>();
  const xIndex = new Int32Array(n);
  const values: number[] = [];
  let totalWeight = 0;
  let repeatWeight = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (!Number.isInteger(xi) || xi < 0) return { ok: false, message: `row ${i}: frequency must be a non-negative integer (got ${xi})` };
    if (!Number.isFinite(tx[i]) || !Number.isFinite(T[i]) || tx[i] < 0 || T[i] < 0) {
      return { ok: false, message: `row ${i}: recency and T must be finite and non-negative` };
    }
    // Allow rounding noise (summaries rounded to 2 dp) but not a last purchase after the window.
    if (tx[i] > T[i] * (1 + 1e-9) + 1e-9) return { ok: false, message: `row ${i}: recency ${tx[i]} exceeds T ${T[i]}` };
    if (xi === 0 && tx[i] !== 0) return { ok: false, message: `row ${i}: recency must be 0 when frequency is 0` };
    const wi = w ? w[i] : 1;
    if (!(wi >= 0) || !Number.isFinite(wi)) return { ok: false, message: `row ${i}: weight must be finite and non-negative` };
    let k = slot.get(xi);
    if (k === undefined) {
      k = values.length;
      slot.set(xi, k);
      values.push(xi);
    }
    xIndex[i] = k;
    totalWeight += wi;
    if (xi > 0) repeatWeight += wi;
  }
  return {
    ok: true,
    data: { n, x, tx, T, w, xIndex, xValues: Float64Array.from(values), totalWeight, repeatWeight },
  };
}

export interface LikelihoodValue {
  logLikelihood: number;
  /** ∂LL/∂(ln r, ln α, ln a, ln b) */
  gradient: [number, number, number, number];
}

/**
 * Sample log-likelihood, FHL Eq. 6 with all constants:
 *   ln L_i = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *            + ln[ (α+T)^−(r+x) + δ(x>0) · a/(b+x−1) · (α+t_x)^−(r+x) ]
 * and its gradient with respect to the log-parameters.
 */
export function bgnbdLogLikelihoodPrepared(params: BgNbdParams, d: PreparedRfm, withGradient = true): LikelihoodValue {
  const { r, alpha, a, b } = params;
  const K = d.xValues.length;
  const c1 = new Float64Array(K);
  const c2 = new Float64Array(K);
  const rx = new Float64Array(K);
  const dc1r = new Float64Array(K);
  const dc1a = new Float64Array(K);
  const dc1b = new Float64Array(K);
  const dc2b = new Float64Array(K);
  const lgR = gammaln(r);
  const lbAB = betaln(a, b);
  const logA = Math.log(a);
  const psiR = withGradient ? digamma(r) : 0;
  const psiB = withGradient ? digamma(b) : 0;
  const psiAB = withGradient ? digamma(a + b) : 0;
  for (let k = 0; k < K; k++) {
    const x = d.xValues[k];
    rx[k] = r + x;
    c1[k] = gammaln(r + x) - lgR + betaln(a, b + x) - lbAB;
    c2[k] = x > 0 ? logA - Math.log(b + x - 1) : -Infinity;
    if (withGradient) {
      const psiABX = digamma(a + b + x);
      dc1r[k] = digamma(r + x) - psiR;
      dc1a[k] = psiAB - psiABX;
      dc1b[k] = digamma(b + x) - psiABX - psiB + psiAB;
      dc2b[k] = x > 0 ? -1 / (b + x - 1) : 0;
    }
  }

  const { x, tx, T, w, xIndex, n } = d;
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < n; i++) {
    const k = xIndex[i];
    const wi = w === null ? 1 : w[i];
    if (wi === 0) continue;
    const rxk = rx[k];
    const aT = alpha + T[i];
    const logAT = Math.log(aT);
    const lA = -rxk * logAT;
    if (x[i] > 0) {
      const aTx = alpha + tx[i];
      const logATx = Math.log(aTx);
      const lB = c2[k] - rxk * logATx;
      // log-sum-exp of the two terms, and the weight of the second (the
      // posterior probability that the customer dropped out after t_x).
      let lse: number;
      let wB: number;
      if (lA >= lB) {
        const e = Math.exp(lB - lA);
        lse = lA + Math.log1p(e);
        wB = e / (1 + e);
      } else {
        const e = Math.exp(lA - lB);
        lse = lB + Math.log1p(e);
        wB = 1 / (1 + e);
      }
      ll += wi * (c1[k] + lse);
      if (withGradient) {
        const wA = 1 - wB;
        gr += wi * (dc1r[k] - wA * logAT - wB * logATx);
        gAlpha -= wi * rxk * (wA / aT + wB / aTx);
        ga += wi * (dc1a[k] + wB / a);
        gb += wi * (dc1b[k] + wB * dc2b[k]);
      }
    } else {
      ll += wi * lA;
      if (withGradient) {
        gr -= wi * logAT;
        gAlpha -= wi * rxk / aT;
      }
    }
  }
  const W = d.totalWeight;
  const logAlpha = Math.log(alpha);
  ll += W * r * logAlpha;
  gr += W * logAlpha;
  gAlpha += (W * r) / alpha;
  return { logLikelihood: ll, gradient: [gr * r, gAlpha * alpha, ga * a, gb * b] };
}

/** Sample log-likelihood of the BG/NBD at `params` (NaN if the data are invalid). */
export function bgnbdLogLikelihood(params: BgNbdParams, data: RfmData): number {
  const prepared = prepareRfm(data);
  if (!prepared.ok) return NaN;
  return bgnbdLogLikelihoodPrepared(params, prepared.data, false).logLikelihood;
}

// ───────────── fit ─────────────

export interface BgNbdFitOptions {
  /** Fewer customers than this: cannot fit (4 parameters need data). Default 50. */
  minCustomers?: number;
  /** Fewer repeat buyers than this: cannot fit (x, t_x carry all the information about λ and p). Default 20. */
  minRepeatBuyers?: number;
  /** Starting point; default r = a = b = 1, α = mean T (so the start follows the time unit). */
  start?: BgNbdParams;
  /**
   * Above this many rows, first fit a systematic subsample of about
   * `warmStartSample` rows (every k-th row) with the full robust search, then
   * only polish (BFGS + Newton) on all rows from there. Default 200,000 / 50,000.
   */
  warmStartAbove?: number;
  warmStartSample?: number;
  /**
   * The fit of nearly the same data (the tenant's previous day): polish (BFGS +
   * Newton) from it on all rows, no search; if that does not converge, the full
   * robust search runs as without it. The same maximum, in a few evaluations.
   */
  previous?: BgNbdParams;
}

const toParams = (theta: readonly number[]): BgNbdParams => ({
  r: Math.exp(theta[0]),
  alpha: Math.exp(theta[1]),
  a: Math.exp(theta[2]),
  b: Math.exp(theta[3]),
});

/**
 * Maximum-likelihood fit on log-parameters: Nelder–Mead with restarts, then
 * BFGS and Newton steps with the analytic gradient (see optimize.ts). Never
 * returns NaN parameters: a data set the model cannot be fitted to gives
 * `ok: false` with a reason.
 */
export function fitBgNbd(data: RfmData, options: BgNbdFitOptions = {}): FitReport<BgNbdParams> {
  const started = performance.now();
  const minCustomers = options.minCustomers ?? 50;
  const minRepeatBuyers = options.minRepeatBuyers ?? 20;
  const prepared = prepareRfm(data);
  if (!prepared.ok) return cannotFit("invalid-input", prepared.message, { customers: data.frequency.length, repeatBuyers: 0 });
  const d = prepared.data;
  const customers = d.totalWeight;
  const repeatBuyers = d.repeatWeight;
  if (customers < Math.max(1, minCustomers)) {
    return cannotFit("too-few-customers", `${customers} customer(s); at least ${minCustomers} are needed to fit BG/NBD`, { customers, repeatBuyers });
  }
  if (repeatBuyers < Math.max(1, minRepeatBuyers)) {
    return cannotFit("too-few-repeat-buyers", `${repeatBuyers} repeat buyer(s); at least ${Math.max(1, minRepeatBuyers)} are needed to fit BG/NBD`, {
      customers,
      repeatBuyers,
    });
  }

  let meanT = 0;
  for (let i = 0; i < d.n; i++) meanT += (d.w === null ? 1 : d.w[i]) * d.T[i];
  meanT = meanT / customers || 1;
  const defaultStart = { r: 1, alpha: meanT, a: 1, b: 1 };
  let start = options.previous ?? options.start ?? defaultStart;
  let warmMessage = options.previous ? "warm start from the previous fit; " : "";
  const warmStartAbove = options.warmStartAbove ?? 200_000;
  const warmStartSample = options.warmStartSample ?? 50_000;
  if (!options.start && !options.previous && d.n > warmStartAbove) {
    const stride = Math.ceil(d.n / warmStartSample);
    const pick = <A extends ArrayLike<number>>(src: A) => {
      const out = new Float64Array(Math.ceil(d.n / stride));
      for (let i = 0, j = 0; i < d.n; i += stride, j++) out[j] = src[i];
      return out;
    };
    const warm = fitBgNbd(
      { frequency: pick(d.x), recency: pick(d.tx), T: pick(d.T), weights: d.w ? pick(d.w) : undefined },
      { ...options, minCustomers: 1, minRepeatBuyers: 1, warmStartAbove: Infinity },
    );
    if (warm.ok) {
      start = warm.params;
      warmMessage = `warm start from every ${stride}th row (${warm.evaluations} evaluations on ${warm.customers} rows); `;
    } else if (warm.reason === "parameters-at-boundary") {
      // A representative subsample whose MLE runs off to the boundary: the
      // full data will not do better, and searching them for it is costly.
      return cannotFit("parameters-at-boundary", `${warm.message} (found on every ${stride}th row)`, {
        customers,
        repeatBuyers,
        iterations: warm.iterations,
        evaluations: warm.evaluations,
        optimizerMessage: warm.optimizerMessage,
        elapsedMs: performance.now() - started,
      });
    }
  }
  const theta0 = [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)];
  // Mean negative log-likelihood per customer: tolerances then mean the same at any N.
  // Outside the box the value is +∞, so a search towards a degenerate MLE stops at the wall (reported as a boundary fit).
  const objective = (theta: readonly number[]) =>
    outsideSearchBox(theta) ? Infinity : -bgnbdLogLikelihoodPrepared(toParams(theta), d, false).logLikelihood / customers;
  const valueAndGradient = (theta: readonly number[]) => {
    if (outsideSearchBox(theta)) return { value: Infinity, gradient: theta.map(() => 0) };
    const v = bgnbdLogLikelihoodPrepared(toParams(theta), d, true);
    return { value: -v.logLikelihood / customers, gradient: v.gradient.map((g) => -g / customers) };
  };
  let result = minimize(objective, theta0, { valueAndGradient, skipSimplex: warmMessage !== "", newtonFirst: options.previous !== undefined, abandonIf: beyondBoundary });
  if (warmMessage !== "" && !result.converged) {
    // The warm start did not carry over: do the full robust search on all rows.
    warmMessage = "warm start failed, full search; ";
    result = minimize(objective, [Math.log(defaultStart.r), Math.log(defaultStart.alpha), 0, 0], { valueAndGradient, abandonIf: beyondBoundary });
  }
  const diagnostics = {
    customers,
    repeatBuyers,
    iterations: result.iterations,
    evaluations: result.evaluations,
    gradientNorm: result.gradientNorm ?? null,
    optimizerMessage: warmMessage + result.message,
    elapsedMs: performance.now() - started,
  };
  if (!result.x.every((t) => Number.isFinite(t)) || !Number.isFinite(result.value)) {
    return cannotFit("no-convergence", "the likelihood could not be evaluated at the optimiser's point", diagnostics);
  }
  const atBoundary = beyondBoundary(result.x);
  if (atBoundary) {
    const p = toParams(result.x);
    return cannotFit(
      "parameters-at-boundary",
      `the maximum-likelihood estimate runs off to 0 or infinity (r=${p.r.toPrecision(3)}, alpha=${p.alpha.toPrecision(3)}, a=${p.a.toPrecision(3)}, b=${p.b.toPrecision(3)}): the data do not identify the model`,
      { ...diagnostics, converged: result.converged },
    );
  }
  if (!result.converged) {
    return cannotFit("no-convergence", `the optimiser did not converge (${result.message})`, diagnostics);
  }
  const se = standardErrorsFromHessian(result.hessian, result.x, customers);
  return {
    ok: true,
    converged: true,
    params: toParams(result.x),
    logLikelihood: -result.value * customers,
    standardErrors: se && { r: se[0], alpha: se[1], a: se[2], b: se[3] },
    ...diagnostics,
  };
}

// ───────────── per-customer quantities ─────────────

/**
 * P(alive | x, t_x, T) = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))  (FHL 2005; Fader, Hardie & Lee 2008 note 021).
 * Exactly 1 for x = 0: in the BG/NBD a customer can only drop out right after a repeat purchase.
 */
export function bgnbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logOdds = Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
  return logisticOfNegative(logOdds);
}

/**
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)],  z = t/(α+T+t),
 * written with Euler's transformation 2F1(A,B;C;z) = (1−z)^(C−A−B) 2F1(C−A, C−B; C; z) as
 * (a+b+x−1)/(a−1) · [1 − (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z)]:
 * the original form overflows (2F1 > 1e308) for heavy buyers over long horizons;
 * this one's first two arguments do not grow with x.
 */
function bracket(p: BgNbdParams, x: number, T: number, t: number): number {
  const { r, alpha, a, b } = p;
  const at = (aa: number) => {
    const c = aa + b + x - 1;
    const z = t / (alpha + T + t);
    const tail = Math.exp((aa - 1) * Math.log1p(-z)) * hyp2f1(aa + b - 1 - r, aa - 1, c, z);
    return (c / (aa - 1)) * (1 - tail);
  };
  // The expression is smooth in a with a removable singularity at a = 1.
  if (Math.abs(a - 1) < 1e-6) return (at(1 - 1e-4) + at(1 + 1e-4)) / 2;
  return at(a);
}

/** E[Y(t) | x, t_x, T]: expected repeat purchases in the next t time units (FHL Eq. 10). */
export function bgnbdConditionalExpectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  return bgnbdPAlive(p, x, tx, T) * bracket(p, x, T, t);
}

/** E[X(t)]: expected repeat purchases of a new customer in (0, t] (FHL Eq. 9). */
export function bgnbdExpectedPurchases(p: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  return bracket(p, 0, 0, t);
}

/**
 * P(X(t) = n) for a new customer (FHL Eq. 8):
 *   B(a,b+n)/B(a,b) · NB(n; r, α/(α+t))
 *   + δ(n>0) · B(a+1,b+n−1)/B(a,b) · P(NB(r, α/(α+t)) ≥ n)
 * where NB is the negative binomial count (gamma-Poisson mixture over time t).
 */
export function bgnbdPurchaseProbability(p: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = p;
  if (!Number.isInteger(n) || n < 0) return 0;
  if (t <= 0) return n === 0 ? 1 : 0;
  const lbAB = betaln(a, b);
  const logP = Math.log(alpha / (alpha + t));
  const logQ = Math.log(t / (alpha + t));
  const lgR = gammaln(r);
  const logNb = (j: number) => gammaln(r + j) - lgR - gammaln(j + 1) + r * logP + j * logQ;
  const first = Math.exp(betaln(a, b + n) - lbAB + logNb(n));
  if (n === 0) return first;
  // Tail P(NB ≥ n): sum the lower terms when the tail is large, the upper ones when it is small.
  let lower = 0;
  for (let j = 0; j < n; j++) lower += Math.exp(logNb(j));
  let tail: number;
  if (lower < 0.5) {
    tail = 1 - lower;
  } else {
    tail = 0;
    for (let j = n; j < n + 1_000_000; j++) {
      const term = Math.exp(logNb(j));
      tail += term;
      if (term < 1e-17 * tail && j > n + r) break;
    }
  }
  return first + Math.exp(betaln(a + 1, b + n - 1) - lbAB) * tail;
}

export interface BgNbdScores {
  pAlive: Float64Array;
  /** expected[h][i]: E[Y(horizons[h])] for customer i */
  expected: Float64Array[];
}

/** P(alive) and expected purchases over each horizon for every customer. */
export function bgnbdScoreCustomers(p: BgNbdParams, data: RfmData, horizons: readonly number[]): BgNbdScores {
  const n = data.frequency.length;
  const pAlive = new Float64Array(n);
  const expected = horizons.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i];
    const T = data.T[i];
    const pa = bgnbdPAlive(p, x, data.recency[i], T);
    pAlive[i] = pa;
    for (let h = 0; h < horizons.length; h++) expected[h][i] = horizons[h] > 0 ? pa * bracket(p, x, T, horizons[h]) : 0;
  }
  return { pAlive, expected };
}
