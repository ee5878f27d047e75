// A small seeded pseudo-random generator for the clustering code: the same
// seed gives the same k-means++ centres, the same silhouette sample and so the
// same clusters on every run and every machine (Math.random cannot be seeded).
//
// xoshiro128** (Blackman & Vigna, 2018) seeded through splitmix32, so nearby
// seeds (1, 2, 3, …) give unrelated streams. 53-bit uniforms: k-means++ draws
// a point with probability ∝ D² out of up to millions, where a 32-bit draw
// would leave the tail of the cumulative sum unreachable.

export interface Rng {
  /** uniform in [0, 1), 53 bits */
  next(): number;
  /** uniform integer in [0, n) (n ≤ 2^53) */
  nextInt(n: number): number;
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/** splitmix32: turns one 32-bit seed into well-mixed state words. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const mix = splitmix32(Math.trunc(seed) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point
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
  const next = () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
  return {
    next,
    nextInt: (n: number) => Math.floor(next() * n),
  };
}

/** Standard normal variate (Box–Muller; one of the pair is discarded for simplicity). */
export function normalVariate(rng: Rng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * m distinct indices out of [0, n), uniformly, in ascending order (Floyd's
 * algorithm: m draws, O(m) memory, whatever n). m ≥ n returns 0..n−1.
 */
export function sampleIndices(n: number, m: number, rng: Rng): Int32Array {
  if (m >= n) {
    const all = new Int32Array(Math.max(0, n));
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const chosen = new Set<number>();
  for (let j = n - m; j < n; j++) {
    const t = rng.nextInt(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(chosen).sort();
}
