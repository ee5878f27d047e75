// Deterministic local minimisers for small, smooth problems (3–4 parameters),
// used on log-parameters so every point is a valid model. No randomness:
// the same data always gives the same fit, which keeps scores reproducible.
//
// - Nelder–Mead (adaptive coefficients of Gao & Han 2012) with restarts: needs
//   no derivatives and shrugs off a poor start or a non-finite value (treated
//   as +∞, i.e. "outside the domain").
// - BFGS with a backtracking Armijo line search: converges to a tight gradient
//   tolerance, with an analytic gradient when one is given and central
//   differences otherwise.
// - minimize(): Nelder–Mead to get close robustly, then BFGS to polish and to
//   certify convergence by the gradient norm.

export type Objective = (x: readonly number[]) => number;
export type ValueAndGradient = (x: readonly number[]) => { value: number; gradient: number[] };

export interface OptimizeResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** max-norm of the gradient at x (BFGS and minimize only). */
  gradientNorm?: number;
  message: string;
}

export interface NelderMeadOptions {
  /** Edge length of the starting simplex (per coordinate or one for all). */
  initialStep?: number | number[];
  maxEvaluations?: number;
  /** Stop when the simplex is this small (max-norm, absolute)… */
  xTolerance?: number;
  /** …and the values at its vertices differ by at most this (absolute). */
  fTolerance?: number;
}

const finiteOrInf = (v: number) => (Number.isFinite(v) ? v : Infinity);

export function nelderMead(f: Objective, x0: readonly number[], options: NelderMeadOptions = {}): OptimizeResult {
  const n = x0.length;
  const maxEvaluations = options.maxEvaluations ?? 400 * n;
  const xTol = options.xTolerance ?? 1e-8;
  const fTol = options.fTolerance ?? 1e-10;
  const step = options.initialStep ?? 0.5;
  // Gao & Han (2012) coefficients: behave better than the classic (1, 2, ½, ½) as n grows.
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;

  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    return finiteOrInf(f(x));
  };

  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const v = x0.slice();
    v[i] += Array.isArray(step) ? step[i] : (step as number);
    simplex.push(v);
  }
  const values = simplex.map(evaluate);
  const order = () => {
    const idx = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    const s = idx.map((i) => simplex[i]);
    const v = idx.map((i) => values[i]);
    for (let i = 0; i <= n; i++) {
      simplex[i] = s[i];
      values[i] = v[i];
    }
  };

  let iterations = 0;
  let converged = false;
  order();
  while (evaluations < maxEvaluations) {
    let xSpread = 0;
    let fSpread = 0;
    for (let i = 1; i <= n; i++) {
      fSpread = Math.max(fSpread, Math.abs(values[i] - values[0]));
      for (let j = 0; j < n; j++) xSpread = Math.max(xSpread, Math.abs(simplex[i][j] - simplex[0][j]));
    }
    if (xSpread <= xTol && fSpread <= fTol) {
      converged = true;
      break;
    }
    iterations++;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const worst = simplex[n];
    const along = (t: number) => centroid.map((c, j) => c + t * (c - worst[j]));

    const xr = along(alpha);
    const fr = evaluate(xr);
    if (fr < values[0]) {
      const xe = along(alpha * beta);
      const fe = evaluate(xe);
      if (fe < fr) {
        simplex[n] = xe;
        values[n] = fe;
      } else {
        simplex[n] = xr;
        values[n] = fr;
      }
    } else if (fr < values[n - 1]) {
      simplex[n] = xr;
      values[n] = fr;
    } else {
      const outside = fr < values[n];
      const xc = along(outside ? alpha * gamma : -gamma);
      const fc = evaluate(xc);
      if (fc < (outside ? fr : values[n])) {
        simplex[n] = xc;
        values[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((v, j) => simplex[0][j] + delta * (v - simplex[0][j]));
          values[i] = evaluate(simplex[i]);
        }
      }
    }
    order();
  }
  return {
    x: simplex[0].slice(),
    value: values[0],
    iterations,
    evaluations,
    converged,
    message: converged ? "simplex converged" : "evaluation budget exhausted",
  };
}

/**
 * Nelder–Mead restarted from its own best point with a fresh simplex until a
 * restart no longer improves the value: the classic remedy for a simplex that
 * has collapsed onto a line short of the minimum.
 */
export function nelderMeadWithRestarts(
  f: Objective,
  x0: readonly number[],
  options: NelderMeadOptions & { maxRestarts?: number; abandonIf?: (x: readonly number[]) => boolean } = {},
): OptimizeResult {
  const maxRestarts = options.maxRestarts ?? 5;
  const fTol = options.fTolerance ?? 1e-10;
  let best = nelderMead(f, x0, options);
  let iterations = best.iterations;
  let evaluations = best.evaluations;
  let restarts = 0;
  while (restarts < maxRestarts && !options.abandonIf?.(best.x)) {
    const again = nelderMead(f, best.x, options);
    iterations += again.iterations;
    evaluations += again.evaluations;
    restarts++;
    const improved = again.value < best.value - fTol;
    if (again.value <= best.value) best = again;
    if (!improved) break;
  }
  return { ...best, iterations, evaluations, message: `${best.message} after ${restarts} restart(s)` };
}

export interface BfgsOptions {
  /** Analytic value and gradient; central differences on `f` when absent. */
  valueAndGradient?: ValueAndGradient;
  /** Converged when the gradient's max-norm is at most this. */
  gradientTolerance?: number;
  /** If the line search can make no further progress, accept a gradient this small. */
  acceptableGradient?: number;
  maxIterations?: number;
  /** Relative step of the central difference. */
  differenceStep?: number;
}

/** Central-difference gradient: 2n evaluations, error O(h²). */
export function numericalGradient(f: Objective, x: readonly number[], relativeStep = 1e-5): number[] {
  const g = new Array<number>(x.length);
  const xp = x.slice();
  for (let i = 0; i < x.length; i++) {
    const h = relativeStep * Math.max(1, Math.abs(x[i]));
    xp[i] = x[i] + h;
    const up = f(xp);
    xp[i] = x[i] - h;
    const down = f(xp);
    xp[i] = x[i];
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

const dot = (u: readonly number[], v: readonly number[]) => u.reduce((s, ui, i) => s + ui * v[i], 0);
const maxAbs = (u: readonly number[]) => u.reduce((m, ui) => Math.max(m, Math.abs(ui)), 0);

export function bfgs(f: Objective, x0: readonly number[], options: BfgsOptions = {}): OptimizeResult {
  const n = x0.length;
  const gTol = options.gradientTolerance ?? 1e-9;
  const acceptable = options.acceptableGradient ?? 1e-6;
  const maxIterations = options.maxIterations ?? 200;
  const h = options.differenceStep ?? 1e-5;

  let evaluations = 0;
  const value = (x: readonly number[]) => {
    evaluations++;
    return finiteOrInf(f(x));
  };
  const both =
    options.valueAndGradient ??
    ((x: readonly number[]) => {
      const v = f(x);
      const g = numericalGradient(f, x, h);
      evaluations += 2 * n;
      return { value: v, gradient: g };
    });
  const valueAndGradient = (x: readonly number[]) => {
    evaluations++;
    const r = both(x);
    return { value: finiteOrInf(r.value), gradient: r.gradient };
  };

  let x = x0.slice();
  let { value: fx, gradient: g } = valueAndGradient(x);
  if (!Number.isFinite(fx) || !g.every(Number.isFinite)) {
    return { x, value: fx, iterations: 0, evaluations, converged: false, gradientNorm: NaN, message: "non-finite value or gradient at the start" };
  }
  // Inverse-Hessian approximation, row-major n×n.
  let H: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let iterations = 0;
  let message = "iteration limit reached";
  let converged = false;

  while (iterations < maxIterations) {
    if (maxAbs(g) <= gTol) {
      converged = true;
      message = "gradient below tolerance";
      break;
    }
    iterations++;
    let p = H.map((row) => -dot(row, g));
    let slope = dot(g, p);
    if (!(slope < 0)) {
      // Lost descent (bad curvature information): fall back to steepest descent.
      H = H.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      p = g.map((gi) => -gi);
      slope = dot(g, p);
    }
    // Keep a single step from jumping absurdly far in log-parameter space.
    const longest = maxAbs(p);
    if (longest > 5) {
      p = p.map((pi) => (pi * 5) / longest);
      slope = dot(g, p);
    }
    let t = 1;
    let xNew: number[] = x;
    let fNew = Infinity;
    let found = false;
    for (let k = 0; k < 60; k++) {
      xNew = x.map((xi, i) => xi + t * p[i]);
      fNew = value(xNew);
      if (fNew <= fx + 1e-4 * t * slope) {
        found = true;
        break;
      }
      t *= 0.5;
    }
    // At the numerical floor the value no longer resolves the decrease: stop
    // there rather than wander on rounding noise.
    const atFloor = found && Math.abs(fx - fNew) <= 1e-15 * Math.max(1, Math.abs(fx)) && maxAbs(g) <= acceptable;
    if (!found || atFloor) {
      converged = maxAbs(g) <= acceptable;
      message = converged ? "line search stalled at the numerical floor (gradient acceptable)" : "line search failed";
      if (atFloor) {
        x = xNew;
        fx = fNew;
      }
      break;
    }
    const next = valueAndGradient(xNew);
    const s = xNew.map((xi, i) => xi - x[i]);
    const y = next.gradient.map((gi, i) => gi - g[i]);
    const sy = dot(s, y);
    if (iterations === 1 && sy > 0) {
      const scale = sy / dot(y, y);
      H = H.map((row) => row.map((v) => v * scale));
    }
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      const rho = 1 / sy;
      const Hy = H.map((row) => dot(row, y));
      const yHy = dot(y, Hy);
      H = H.map((row, i) =>
        row.map((v, j) => v - rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j]),
      );
    }
    x = xNew;
    fx = next.value;
    g = next.gradient;
    if (!g.every(Number.isFinite)) {
      message = "non-finite gradient";
      break;
    }
  }
  if (!converged && maxAbs(g) <= gTol) {
    converged = true;
    message = "gradient below tolerance";
  }
  return { x, value: fx, iterations, evaluations, converged, gradientNorm: maxAbs(g), message };
}

/** Relative change in an objective value that is indistinguishable from rounding in a long sum. */
const VALUE_NOISE = 1e-10;

/**
 * Newton steps on an analytic gradient with a Hessian from central
 * differences of that gradient. Near the optimum this converges
 * quadratically and, unlike a line search on values, is not limited by
 * rounding in the objective: it drives the gradient to its own noise floor.
 * A step is kept only if it lowers the gradient norm without raising the value
 * beyond rounding.
 */
export function newtonPolish(
  valueAndGradient: ValueAndGradient,
  x0: readonly number[],
  options: { maxIterations?: number; gradientTolerance?: number; differenceStep?: number } = {},
): OptimizeResult & { hessian: number[][] | null } {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 8;
  const gTol = options.gradientTolerance ?? 1e-12;
  const h = options.differenceStep ?? 1e-5;
  let evaluations = 0;
  const vg = (x: readonly number[]) => {
    evaluations++;
    return valueAndGradient(x);
  };
  const hessianAt = (x: readonly number[]) => {
    const H: number[][] = [];
    for (let i = 0; i < n; i++) {
      const up = x.slice();
      const down = x.slice();
      up[i] += h;
      down[i] -= h;
      const gu = vg(up).gradient;
      const gd = vg(down).gradient;
      H.push(gu.map((v, j) => (v - gd[j]) / (2 * h)));
    }
    // Symmetrise away the difference noise.
    return H.map((row, i) => row.map((v, j) => (v + H[j][i]) / 2));
  };
  let x = x0.slice();
  let cur = vg(x);
  let hessian: number[][] | null = null;
  let iterations = 0;
  let message = "iteration limit reached";
  while (iterations < maxIterations) {
    if (maxAbs(cur.gradient) <= gTol) {
      message = "gradient below tolerance";
      break;
    }
    iterations++;
    hessian = hessianAt(x);
    const step = solveSymmetric(hessian, cur.gradient);
    if (step === null) {
      message = "singular Hessian";
      break;
    }
    const xNew = x.map((xi, i) => xi - step[i]);
    const next = vg(xNew);
    // Summing a million terms leaves ~1e-13 relative noise in the value; a
    // Newton step is judged by its gradient, the value only guards against a jump.
    const noWorse = next.value <= cur.value + VALUE_NOISE * Math.max(1, Math.abs(cur.value));
    if (!Number.isFinite(next.value) || !noWorse || maxAbs(next.gradient) >= maxAbs(cur.gradient)) {
      message = "no further improvement";
      break;
    }
    x = xNew;
    cur = next;
  }
  if (hessian === null || iterations > 0) hessian = hessianAt(x);
  return {
    x,
    value: cur.value,
    iterations,
    evaluations,
    converged: maxAbs(cur.gradient) <= gTol,
    gradientNorm: maxAbs(cur.gradient),
    message,
    hessian,
  };
}

/** Solves H s = g by Gaussian elimination with partial pivoting; null if singular. */
export function solveSymmetric(H: readonly number[][], g: readonly number[]): number[] | null {
  const n = g.length;
  const M = H.map((row, i) => [...row, g[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (!(Math.abs(M[p][c]) > 1e-300)) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const s = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let v = M[r][n];
    for (let k = r + 1; k < n; k++) v -= M[r][k] * s[k];
    s[r] = v / M[r][r];
  }
  return s.every(Number.isFinite) ? s : null;
}

export interface MinimizeOptions {
  valueAndGradient?: ValueAndGradient;
  /** Skip the Nelder–Mead stage (when x0 is already close, e.g. a warm start). */
  skipSimplex?: boolean;
  /**
   * x0 is the optimum of nearly the same data (yesterday's fit): Newton steps
   * first, which from there converge in two or three; the BFGS stage (whose line
   * search spends most of its evaluations stalling at the objective's rounding
   * floor near an optimum) only when they do not reach its gradient tolerance.
   * Needs valueAndGradient; implies skipSimplex.
   */
  newtonFirst?: boolean;
  /**
   * Stop after the simplex stage when its best point satisfies this (e.g. it
   * has run off to a boundary where the fit will be rejected anyway), instead
   * of spending gradient iterations on a hopeless point.
   */
  abandonIf?: (x: readonly number[]) => boolean;
  nelderMead?: NelderMeadOptions & { maxRestarts?: number };
  bfgs?: Omit<BfgsOptions, "valueAndGradient">;
}

/** The gradient max-norm at which minimize's BFGS stage certifies convergence. */
const BFGS_TOLERANCE = 1e-8;

/**
 * Nelder–Mead (with restarts) to get close, BFGS to converge, and — given an
 * analytic gradient — Newton steps to polish to the gradient's noise floor.
 * Returns the Hessian of the objective at the optimum when it was computed
 * (for standard errors).
 */
export function minimize(
  f: Objective,
  x0: readonly number[],
  options: MinimizeOptions = {},
): OptimizeResult & { hessian: number[][] | null } {
  if (options.newtonFirst && options.valueAndGradient) {
    const polished = newtonPolish(options.valueAndGradient, x0);
    if (Number.isFinite(polished.value) && (polished.gradientNorm ?? Infinity) <= (options.bfgs?.gradientTolerance ?? BFGS_TOLERANCE)) {
      return { ...polished, converged: true, message: `newton from the start: ${polished.message}` };
    }
    const rest = minimize(f, x0, { ...options, newtonFirst: false, skipSimplex: true });
    return { ...rest, iterations: rest.iterations + polished.iterations, evaluations: rest.evaluations + polished.evaluations,
      message: `newton from the start: ${polished.message}; ${rest.message}` };
  }
  const coarse: OptimizeResult = options.skipSimplex
    ? { x: x0.slice(), value: finiteOrInf(f(x0)), iterations: 0, evaluations: 1, converged: false, message: "skipped" }
    : nelderMeadWithRestarts(f, x0, { xTolerance: 1e-3, fTolerance: 1e-7, maxRestarts: 3, abandonIf: options.abandonIf, ...options.nelderMead });
  if (options.abandonIf?.(coarse.x)) {
    return { ...coarse, converged: false, gradientNorm: undefined, message: `nelder-mead: ${coarse.message}; abandoned`, hessian: null };
  }
  const fine = bfgs(f, coarse.x, { gradientTolerance: BFGS_TOLERANCE, ...options.bfgs, valueAndGradient: options.valueAndGradient });
  const useFine = fine.value <= coarse.value && fine.x.every(Number.isFinite);
  let best: OptimizeResult = useFine ? fine : coarse;
  let hessian: number[][] | null = null;
  let polishMessage = "";
  let extra = { iterations: 0, evaluations: 0 };
  if (options.valueAndGradient && useFine) {
    const polished = newtonPolish(options.valueAndGradient, fine.x);
    extra = { iterations: polished.iterations, evaluations: polished.evaluations };
    polishMessage = `; newton: ${polished.message}`;
    hessian = polished.hessian;
    if (polished.value <= fine.value + VALUE_NOISE * Math.max(1, Math.abs(fine.value)) && (polished.gradientNorm ?? Infinity) <= (fine.gradientNorm ?? Infinity)) {
      best = { ...polished, converged: fine.converged || polished.converged };
    }
  }
  return {
    x: best.x,
    value: best.value,
    iterations: coarse.iterations + fine.iterations + extra.iterations,
    evaluations: coarse.evaluations + fine.evaluations + extra.evaluations,
    converged: useFine && best.converged,
    gradientNorm: best.gradientNorm,
    message: `nelder-mead: ${coarse.message}; bfgs: ${fine.message}${polishMessage}`,
    hessian,
  };
}
