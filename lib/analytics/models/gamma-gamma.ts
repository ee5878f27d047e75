// Gamma-Gamma model of spend per transaction: Fader, Hardie & Lee (2005),
// "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR
// 42(4):415–430; Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary
// Value" (brucehardie.com note 025).
//
// A customer's spends are gamma(p, ν) with a customer-specific ν ~ gamma(q, γ).
// The model is fitted on repeat buyers only, to zbar = their mean spend over x
// repeat purchases (first purchase excluded, as in note 025 and lifetimes). It
// assumes spend is independent of purchase frequency; check that on the data
// (CDNOW: corr(x, zbar) = 0.11).
import { beyondBoundary, cannotFit, outsideSearchBox, standardErrorsFromHessian, type FitReport } from "./fit-report";
import { minimize } from "./optimize";
import { digamma, gammaln } from "./special";

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

interface PreparedSpend {
  x: Float64Array;
  logXZ: Float64Array;
  xz: Float64Array;
  logZ: Float64Array;
  xIndex: Int32Array;
  xValues: Float64Array;
}

function prepareSpend(frequency: ArrayLike<number>, monetary: ArrayLike<number>): PreparedSpend {
  const keep: number[] = [];
  for (let i = 0; i < frequency.length; i++) if (frequency[i] > 0 && monetary[i] > 0 && Number.isFinite(monetary[i])) keep.push(i);
  const n = keep.length;
  const x = new Float64Array(n);
  const xz = new Float64Array(n);
  const logXZ = new Float64Array(n);
  const logZ = new Float64Array(n);
  const xIndex = new Int32Array(n);
  const slot = new Map<number, number>();
  const values: number[] = [];
  for (let j = 0; j < n; j++) {
    const i = keep[j];
    x[j] = frequency[i];
    xz[j] = frequency[i] * monetary[i];
    logXZ[j] = Math.log(xz[j]);
    logZ[j] = Math.log(monetary[i]);
    let k = slot.get(x[j]);
    if (k === undefined) {
      k = values.length;
      slot.set(x[j], k);
      values.push(x[j]);
    }
    xIndex[j] = k;
  }
  return { x, xz, logXZ, logZ, xIndex, xValues: Float64Array.from(values) };
}

/**
 * ln f(zbar | x; p, q, γ) summed over repeat buyers (note 025, Eq. 4, full density):
 *   ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln zbar + px ln x − (px+q) ln(γ + x·zbar)
 * with the gradient in (ln p, ln q, ln γ).
 */
function logLikelihoodPrepared(params: GammaGammaParams, d: PreparedSpend, withGradient: boolean) {
  const { p, q, gamma } = params;
  const K = d.xValues.length;
  const c = new Float64Array(K);
  const dcp = new Float64Array(K);
  const dcq = new Float64Array(K);
  const lgQ = gammaln(q);
  const psiQ = withGradient ? digamma(q) : 0;
  for (let k = 0; k < K; k++) {
    const px = p * d.xValues[k];
    c[k] = gammaln(px + q) - gammaln(px) - lgQ;
    if (withGradient) {
      const psiPXQ = digamma(px + q);
      dcp[k] = d.xValues[k] * (psiPXQ - digamma(px));
      dcq[k] = psiPXQ - psiQ;
    }
  }
  const logGamma = Math.log(gamma);
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  const n = d.x.length;
  for (let i = 0; i < n; i++) {
    const k = d.xIndex[i];
    const x = d.x[i];
    const px = p * x;
    const denom = gamma + d.xz[i];
    const logDenom = Math.log(denom);
    // px·ln x + (px − 1)·ln zbar = px·ln(x·zbar) − ln zbar
    ll += c[k] + q * logGamma + px * d.logXZ[i] - d.logZ[i] - (px + q) * logDenom;
    if (withGradient) {
      gp += dcp[k] + x * (d.logXZ[i] - logDenom);
      gq += dcq[k] + logGamma - logDenom;
      gg += q / gamma - (px + q) / denom;
    }
  }
  return { logLikelihood: ll, gradient: [gp * p, gq * q, gg * gamma] };
}

export function gammaGammaLogLikelihood(params: GammaGammaParams, frequency: ArrayLike<number>, monetary: ArrayLike<number>): number {
  return logLikelihoodPrepared(params, prepareSpend(frequency, monetary), false).logLikelihood;
}

export interface GammaGammaFitOptions {
  /** Fewer repeat buyers with a positive mean spend than this: cannot fit. Default 20. */
  minRepeatBuyers?: number;
  /**
   * Above `warmStartAbove` repeat buyers, first fit a systematic subsample of
   * about `warmStartSample` of them (every k-th) with the full robust search, then
   * only polish (BFGS + Newton) on everyone from there: the same maximum, found
   * with a few evaluations on all rows instead of hundreds (fitBgNbd does the
   * same). Default 200,000 / 50,000.
   */
  warmStartAbove?: number;
  warmStartSample?: number;
  /** The fit of nearly the same data: polish from it, no search (fitBgNbd's `previous`). */
  previous?: GammaGammaParams;
}

const toParams = (theta: readonly number[]): GammaGammaParams => ({ p: Math.exp(theta[0]), q: Math.exp(theta[1]), gamma: Math.exp(theta[2]) });

/**
 * Maximum-likelihood fit on the customers with frequency > 0 and a positive
 * mean repeat spend (the others carry no information about spend per repeat
 * purchase and are skipped).
 */
export function fitGammaGamma(
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
  options: GammaGammaFitOptions = {},
): FitReport<GammaGammaParams> {
  const started = performance.now();
  const minRepeatBuyers = Math.max(2, options.minRepeatBuyers ?? 20);
  if (frequency.length !== monetary.length) {
    return cannotFit("invalid-input", "frequency and monetary must have the same length", { customers: 0, repeatBuyers: 0 });
  }
  for (let i = 0; i < frequency.length; i++) {
    if (!(frequency[i] >= 0) || !Number.isFinite(frequency[i]) || !Number.isFinite(monetary[i]) || monetary[i] < 0) {
      return cannotFit("invalid-input", `row ${i}: frequency and monetary must be finite and non-negative`, { customers: 0, repeatBuyers: 0 });
    }
  }
  const d = prepareSpend(frequency, monetary);
  const n = d.x.length;
  if (n < minRepeatBuyers) {
    return cannotFit("too-few-repeat-buyers", `${n} repeat buyer(s) with a positive spend; at least ${minRepeatBuyers} are needed to fit Gamma-Gamma`, {
      customers: n,
      repeatBuyers: n,
    });
  }
  let meanZ = 0;
  for (let i = 0; i < n; i++) meanZ += d.xz[i] / d.x[i] / n;
  let theta0 = [0, Math.log(2), Math.log(meanZ)];
  let warmMessage = "";
  if (options.previous) {
    theta0 = [Math.log(options.previous.p), Math.log(options.previous.q), Math.log(options.previous.gamma)];
    warmMessage = "warm start from the previous fit; ";
  } else if (n > (options.warmStartAbove ?? 200_000)) {
    const stride = Math.ceil(frequency.length / (options.warmStartSample ?? 50_000));
    const pick = (src: ArrayLike<number>) => Float64Array.from({ length: Math.ceil(src.length / stride) }, (_, j) => src[j * stride]!);
    const warm = fitGammaGamma(pick(frequency), pick(monetary), { minRepeatBuyers: 2, warmStartAbove: Infinity });
    if (warm.ok) {
      theta0 = [Math.log(warm.params.p), Math.log(warm.params.q), Math.log(warm.params.gamma)];
      warmMessage = `warm start from every ${stride}th row (${warm.evaluations} evaluations on ${warm.customers} rows); `;
    }
  }
  const objective = (theta: readonly number[]) => (outsideSearchBox(theta) ? Infinity : -logLikelihoodPrepared(toParams(theta), d, false).logLikelihood / n);
  const valueAndGradient = (theta: readonly number[]) => {
    if (outsideSearchBox(theta)) return { value: Infinity, gradient: theta.map(() => 0) };
    const v = logLikelihoodPrepared(toParams(theta), d, true);
    return { value: -v.logLikelihood / n, gradient: v.gradient.map((g) => -g / n) };
  };
  let result = minimize(objective, theta0, { valueAndGradient, skipSimplex: warmMessage !== "", newtonFirst: options.previous !== undefined, abandonIf: beyondBoundary });
  if (warmMessage !== "" && !result.converged) {
    // The warm start did not carry over: do the full robust search on all rows.
    warmMessage = "warm start failed, full search; ";
    result = minimize(objective, [0, Math.log(2), Math.log(meanZ)], { valueAndGradient, abandonIf: beyondBoundary });
  }
  const diagnostics = {
    customers: n,
    repeatBuyers: n,
    iterations: result.iterations,
    evaluations: result.evaluations,
    gradientNorm: result.gradientNorm ?? null,
    optimizerMessage: warmMessage + result.message,
    elapsedMs: performance.now() - started,
  };
  if (!result.x.every(Number.isFinite) || !Number.isFinite(result.value)) {
    return cannotFit("no-convergence", "the likelihood could not be evaluated at the optimiser's point", diagnostics);
  }
  if (beyondBoundary(result.x)) {
    return cannotFit("parameters-at-boundary", "the maximum-likelihood estimate runs off to 0 or infinity: the spends do not identify the model", {
      ...diagnostics,
      converged: result.converged,
    });
  }
  if (!result.converged) return cannotFit("no-convergence", `the optimiser did not converge (${result.message})`, diagnostics);
  const params = toParams(result.x);
  if (params.q <= 1) {
    return cannotFit("mean-spend-undefined", `q = ${params.q.toPrecision(3)} ≤ 1: the model's mean spend pγ/(q−1) is undefined (spend too heavy-tailed)`, {
      ...diagnostics,
      converged: true,
    });
  }
  const se = standardErrorsFromHessian(result.hessian, result.x, n);
  return {
    ok: true,
    converged: true,
    params,
    logLikelihood: -result.value * n,
    standardErrors: se && { p: se[0], q: se[1], gamma: se[2] },
    ...diagnostics,
  };
}

/** E(M) = pγ/(q−1): the population mean spend per transaction. */
export function gammaGammaPopulationMean(params: GammaGammaParams): number {
  return (params.p * params.gamma) / (params.q - 1);
}

/**
 * E[M | x, zbar] = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · zbar  (note 025, Eq. 5):
 * a weighted average of the population mean and the customer's own mean,
 * with more weight on the latter the more repeat purchases there are.
 * x = 0 gives the population mean.
 */
export function gammaGammaConditionalExpectedSpend(params: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, gamma } = params;
  if (x <= 0) return gammaGammaPopulationMean(params);
  const px = p * x;
  return (p * gamma + px * zbar) / (px + q - 1);
}
