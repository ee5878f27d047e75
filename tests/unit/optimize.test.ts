import { describe, expect, it } from "vitest";
import { bfgs, minimize, nelderMead, nelderMeadWithRestarts, newtonPolish, numericalGradient, solveSymmetric } from "@/lib/analytics/models/optimize";

// Rosenbrock (1960): minimum 0 at (1, …, 1) at the bottom of a curved valley.
const rosenbrock = (x: readonly number[]) => {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) s += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
  return s;
};
const rosenbrockGradient = (x: readonly number[]) => {
  const g = new Array<number>(x.length).fill(0);
  for (let i = 0; i < x.length - 1; i++) {
    g[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]);
    g[i + 1] += 200 * (x[i + 1] - x[i] * x[i]);
  }
  return g;
};

describe("Nelder–Mead", () => {
  it("finds the Rosenbrock minimum from the classic start (−1.2, 1)", () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { xTolerance: 1e-10, fTolerance: 1e-14, maxEvaluations: 5000 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    expect(r.value).toBeLessThan(1e-10);
  });

  it("with restarts, reaches the 4-D Rosenbrock minimum", () => {
    const r = nelderMeadWithRestarts(rosenbrock, [-1.2, 1, -1.2, 1], { xTolerance: 1e-10, fTolerance: 1e-14, maxEvaluations: 20000, maxRestarts: 10 });
    r.x.forEach((v) => expect(v).toBeCloseTo(1, 4));
  });

  it("treats non-finite values as outside the domain", () => {
    // minimum of (x−2)² on x > 0, with log(x) making x ≤ 0 NaN/−∞
    const f = (x: readonly number[]) => (x[0] - 2) ** 2 + 0 * Math.log(x[0]);
    const r = nelderMead(f, [0.1], { initialStep: -1 });
    expect(r.x[0]).toBeCloseTo(2, 6);
    expect(Number.isFinite(r.value)).toBe(true);
  });

  it("is deterministic", () => {
    const a = nelderMead(rosenbrock, [-1.2, 1]);
    const b = nelderMead(rosenbrock, [-1.2, 1]);
    expect(a).toEqual(b);
  });
});

describe("BFGS", () => {
  it("with numerical gradients, reaches the Rosenbrock minimum to a tight tolerance", () => {
    const r = bfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-6 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it("with an analytic gradient, solves 6-D Rosenbrock", () => {
    const r = bfgs(rosenbrock, [-1.2, 1, -1.2, 1, -1.2, 1], {
      valueAndGradient: (x) => ({ value: rosenbrock(x), gradient: rosenbrockGradient(x) }),
      gradientTolerance: 1e-9,
      maxIterations: 1000,
    });
    expect(r.converged).toBe(true);
    r.x.forEach((v) => expect(v).toBeCloseTo(1, 7));
  });

  it("does not step into the region where the objective is undefined", () => {
    const f = (x: readonly number[]) => (x[0] > 0 ? x[0] - Math.log(x[0]) : NaN); // minimum at x = 1
    const r = bfgs(f, [20]);
    expect(r.x[0]).toBeCloseTo(1, 6);
  });
});

describe("minimize (Nelder–Mead → BFGS → Newton)", () => {
  it("solves Rosenbrock and certifies it by the gradient", () => {
    const r = minimize(rosenbrock, [-1.2, 1, -1.2, 1], {
      valueAndGradient: (x) => ({ value: rosenbrock(x), gradient: rosenbrockGradient(x) }),
    });
    expect(r.converged).toBe(true);
    expect(r.gradientNorm).toBeLessThan(1e-8);
    r.x.forEach((v) => expect(v).toBeCloseTo(1, 8));
    // Hessian at (1,1,1,1): the known tridiagonal matrix with 802 / 1002 on the diagonal
    expect(r.hessian![0][0]).toBeCloseTo(802, 3);
    expect(r.hessian![1][1]).toBeCloseTo(1002, 3);
    expect(r.hessian![0][1]).toBeCloseTo(-400, 3);
  });

  it("newtonFirst: from near the optimum Newton alone converges, in fewer evaluations; from far it falls back to BFGS", () => {
    // Like a log-likelihood in log-parameters: smooth and convex, minimum at x_i = ln c_i.
    const c = [0.5, 2, 7, 30];
    const f = (x: readonly number[]) => x.reduce((s, xi, i) => s + Math.exp(xi) - c[i]! * xi, 0) + 0.1 * (x[0]! - x[1]!) ** 2;
    const valueAndGradient = (x: readonly number[]) => ({
      value: f(x),
      gradient: x.map((xi, i) => Math.exp(xi) - c[i]! + (i === 0 ? 0.2 * (x[0]! - x[1]!) : i === 1 ? -0.2 * (x[0]! - x[1]!) : 0)),
    });
    const exact = minimize(f, [0, 0, 0, 0], { valueAndGradient });
    const near = exact.x.map((v, i) => v + 0.02 * (i % 2 ? 1 : -1));
    const fast = minimize(f, near, { valueAndGradient, newtonFirst: true });
    const slow = minimize(f, near, { valueAndGradient, skipSimplex: true });
    expect(fast.converged).toBe(true);
    expect(fast.message).toMatch(/^newton from the start: gradient below tolerance$/);
    fast.x.forEach((v, i) => expect(v).toBeCloseTo(exact.x[i]!, 9));
    expect(fast.evaluations).toBeLessThan(slow.evaluations);
    // Rosenbrock from its classic start: Newton's first steps do not get there; BFGS does.
    const rosen = (x: readonly number[]) => ({ value: rosenbrock(x), gradient: rosenbrockGradient(x) });
    const far = minimize(rosenbrock, [-1.2, 1, -1.2, 1], { valueAndGradient: rosen, newtonFirst: true });
    expect(far.converged).toBe(true);
    far.x.forEach((v) => expect(v).toBeCloseTo(1, 8));
  });

  it("gives up on a point past the boundary rather than polishing it", () => {
    const f = (x: readonly number[]) => Math.exp(-x[0]) + (x[1] - 1) ** 2; // infimum as x[0] → ∞
    const r = minimize(f, [0, 0], { abandonIf: (x) => x[0] > 15 });
    expect(r.converged).toBe(false);
    expect(r.message).toMatch(/abandoned/);
  });
});

describe("helpers", () => {
  it("numericalGradient matches the analytic Rosenbrock gradient", () => {
    const x = [0.3, -0.7, 1.4];
    const g = numericalGradient(rosenbrock, x, 1e-6);
    rosenbrockGradient(x).forEach((v, i) => expect(g[i]).toBeCloseTo(v, 4));
  });

  it("solveSymmetric solves a small system and reports a singular one", () => {
    expect(solveSymmetric([[4, 1], [1, 3]], [1, 2])!.map((v) => Number(v.toFixed(12)))).toEqual([1 / 11, 7 / 11].map((v) => Number(v.toFixed(12))));
    expect(solveSymmetric([[1, 2], [2, 4]], [1, 2])).toBeNull();
  });

  it("newtonPolish solves a quadratic in a step (two with finite-difference rounding)", () => {
    const A = [[3, 1], [1, 2]];
    const b = [1, -1];
    const vg = (x: readonly number[]) => ({
      value: 0.5 * (x[0] * (A[0][0] * x[0] + A[0][1] * x[1]) + x[1] * (A[1][0] * x[0] + A[1][1] * x[1])) - b[0] * x[0] - b[1] * x[1],
      gradient: [A[0][0] * x[0] + A[0][1] * x[1] - b[0], A[1][0] * x[0] + A[1][1] * x[1] - b[1]],
    });
    const r = newtonPolish(vg, [10, -10]);
    expect(r.iterations).toBeLessThanOrEqual(2);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(0.6, 9);
    expect(r.x[1]).toBeCloseTo(-0.8, 9);
  });
});
