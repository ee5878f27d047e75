// Special functions used by the customer-base models. The hard ones (log-gamma,
// log-beta, digamma, Gauss hypergeometric 2F1) come from the @stdlib packages:
// maintained, Apache-2.0, ports of Cephes/Boost with published accuracy tests,
// and each is a separate small package, so we pull in only what we use.
import betalnImpl from "@stdlib/math-base-special-betaln";
import digammaImpl from "@stdlib/math-base-special-digamma";
import gammalnImpl from "@stdlib/math-base-special-gammaln";
import hyp2f1Impl from "@stdlib/math-base-special-hyp2f1";

/** ln Γ(x) for x > 0. */
export const gammaln: (x: number) => number = gammalnImpl;

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), accurate for large arguments. */
export const betaln: (a: number, b: number) => number = betalnImpl;

/** ψ(x) = d/dx ln Γ(x). */
export const digamma: (x: number) => number = digammaImpl;

/** Gauss hypergeometric 2F1(a, b; c; z), |z| < 1 (Cephes algorithm). */
export const hyp2f1: (a: number, b: number, c: number, z: number) => number = hyp2f1Impl;

/** ln(e^u + e^v) without overflow. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/** 1 / (1 + e^u) without overflow. */
export function logisticOfNegative(u: number): number {
  if (u >= 0) {
    const e = Math.exp(-u);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(u));
}
