// Draws customers from the BG/NBD generative process (FHL 2005 §3), with a
// seeded generator so the same seed gives the same sample: for parameter-
// recovery tests and the fitting benchmark.
//
// Each customer: λ ~ Gamma(r, rate α), p ~ Beta(a, b); purchases after the
// first arrive as a Poisson process with rate λ; after each repeat purchase
// the customer drops out with probability p.
import type { BgNbdParams } from "./bgnbd";

/** xoshiro128** (Blackman & Vigna): small, fast, good enough for simulation. */
export function seededRandom(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed | 0;
  const next32 = () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result >>> 0;
  };
  for (let i = 0; i < 16; i++) next32();
  // 53-bit uniform in (0, 1)
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6) + 0.5) / 9007199254740992;
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
}

/** Gamma(shape, scale 1): Marsaglia & Tsang (2000), with the shape+1 boost below 1. */
export function gammaVariate(shape: number, rand: () => number): number {
  if (shape < 1) return gammaVariate(shape + 1, rand) * Math.pow(rand(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export interface SimulatedRfm {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  /** the truth the models estimate: 1 if the customer had not dropped out by T */
  alive: Uint8Array;
}

/**
 * `n` customers whose observation windows T are drawn uniformly from
 * [minT, maxT] (a cohort acquired over a period), in the parameters' time unit.
 */
export function simulateBgNbd(params: BgNbdParams, n: number, options: { seed?: number; minT?: number; maxT?: number } = {}): SimulatedRfm {
  const rand = seededRandom(options.seed ?? 1);
  const minT = options.minT ?? 26;
  const maxT = options.maxT ?? 39;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  const alive = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const Ti = minT + (maxT - minT) * rand();
    const lambda = gammaVariate(params.r, rand) / params.alpha;
    const ga = gammaVariate(params.a, rand);
    const p = ga / (ga + gammaVariate(params.b, rand));
    let t = 0;
    let x = 0;
    let last = 0;
    let dropped = false;
    for (;;) {
      t += -Math.log(rand()) / lambda;
      if (!(t <= Ti)) break;
      x++;
      last = t;
      if (rand() < p) {
        dropped = true;
        break;
      }
    }
    frequency[i] = x;
    recency[i] = last;
    T[i] = Ti;
    alive[i] = dropped ? 0 : 1;
  }
  return { frequency, recency, T, alive };
}
