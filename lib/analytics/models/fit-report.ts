// What a model fit says about itself. A fit either yields parameters that the
// optimiser certified (gradient below tolerance, parameters off the boundary)
// or says, in words and a code, why it could not: callers never see NaN
// parameters, and the rule-based churn fallback keys off `ok === false`.

export type CannotFitReason =
  | "invalid-input"
  | "too-few-customers"
  | "too-few-repeat-buyers"
  | "no-convergence"
  | "parameters-at-boundary"
  | "mean-spend-undefined";

export interface FitDiagnostics {
  /** Customers (or weighted count) the likelihood was computed over. */
  customers: number;
  /** Of those, with at least one repeat purchase. */
  repeatBuyers: number;
  iterations: number;
  evaluations: number;
  /** Max-norm of the gradient of the mean log-likelihood at the optimum (log-parameters). */
  gradientNorm: number | null;
  optimizerMessage: string;
  elapsedMs: number;
}

export type FitReport<P> =
  | ({
      ok: true;
      converged: true;
      params: P;
      logLikelihood: number;
      /** Asymptotic standard errors (inverse observed information, delta method from log-parameters); null if unavailable. */
      standardErrors: P | null;
    } & FitDiagnostics)
  | ({
      ok: false;
      converged: boolean;
      params: null;
      logLikelihood: null;
      reason: CannotFitReason;
      message: string;
    } & FitDiagnostics);

export function cannotFit<P>(
  reason: CannotFitReason,
  message: string,
  diagnostics: Partial<FitDiagnostics> & Pick<FitDiagnostics, "customers" | "repeatBuyers"> & { converged?: boolean },
): FitReport<P> {
  return {
    ok: false,
    converged: false,
    params: null,
    logLikelihood: null,
    reason,
    message,
    iterations: 0,
    evaluations: 0,
    gradientNorm: null,
    optimizerMessage: "not run",
    elapsedMs: 0,
    ...diagnostics,
  };
}

import { solveSymmetric } from "./optimize";

/**
 * Standard errors of exp(θ) from the Hessian of the MEAN negative
 * log-likelihood in θ = log-parameters over n customers:
 * Cov(θ) = (n·H)⁻¹, se(e^θᵢ) = e^θᵢ · √Cov(θ)ᵢᵢ.
 */
export function standardErrorsFromHessian(hessian: number[][] | null, theta: readonly number[], n: number): number[] | null {
  if (hessian === null) return null;
  const k = theta.length;
  const se: number[] = [];
  for (let i = 0; i < k; i++) {
    const unit = theta.map((_, j) => (j === i ? 1 : 0));
    const column = solveSymmetric(hessian, unit);
    if (column === null || !(column[i] > 0)) return null;
    se.push(Math.exp(theta[i]) * Math.sqrt(column[i] / n));
  }
  return se;
}

/** Log-parameters beyond ±BOUNDARY (a factor e^15 ≈ 3·10^6) mean the MLE ran off to 0 or ∞. */
export const LOG_PARAMETER_BOUNDARY = 15;

/** The optimisers search log-parameters inside ±SEARCH_BOX; beyond it the objective is +∞. */
export const SEARCH_BOX = 20;

export const outsideSearchBox = (theta: readonly number[]) => theta.some((t) => !(Math.abs(t) <= SEARCH_BOX));

export const beyondBoundary = (theta: readonly number[]) => theta.some((t) => Math.abs(t) > LOG_PARAMETER_BOUNDARY);
