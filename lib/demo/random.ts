// Seeded randomness for the demo generator. Math.random cannot be seeded and the
// demo must be reproducible: the same seed gives the same tenant, row for row, so
// every draw comes from a Random built from the seed (sfc32: small, fast, and good
// enough for simulation; not for anything secret).

/** A 128-bit hash of a string (cyrb128), as four 32-bit words. */
export function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** murmur3's finaliser: a bijection on 32-bit integers that mixes every bit. */
export function fmix32(x: number): number {
  x ^= x >>> 16; x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13; x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

export class Random {
  private a: number; private b: number; private c: number; private d: number;

  /** From a string, or from a key (hash128 of one) and a counter, for cheap sub-streams. */
  constructor(seed: string | readonly number[], counter = 0) {
    const k = typeof seed === "string" ? hash128(seed) : seed;
    this.a = k[0]! ^ fmix32(counter + 0x9e3779b9);
    this.b = k[1]! ^ fmix32(counter ^ 0x7f4a7c15);
    this.c = k[2]!;
    this.d = (k[3]! ^ counter) >>> 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** sfc32: the next 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Standard normal (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.float();
    const v = this.float();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  exponential(rate: number): number {
    return -Math.log(1 - this.float()) / rate;
  }

  /** Gamma(shape, scale) by Marsaglia–Tsang; shape < 1 through the boost u^(1/shape). */
  gamma(shape: number, scale = 1): number {
    if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(1 - this.float(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number, v: number;
      do { x = this.normal(); v = 1 + c * x; } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.float();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a);
    return x / (x + this.gamma(b));
  }

  /** Poisson by inversion; fine for the small means the generator uses. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0, p = this.float();
    while (p > limit) { k++; p *= this.float(); }
    return k;
  }
}

/** Draws from a fixed weighted list in O(log n) (cumulative weights, binary search). */
export class WeightedSampler<T> {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(readonly items: readonly T[], weights: readonly number[]) {
    if (items.length === 0 || items.length !== weights.length) throw new Error("WeightedSampler: items and weights must match");
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => { sum += Math.max(0, w); this.cumulative[i] = sum; });
    if (sum <= 0) throw new Error("WeightedSampler: all weights are zero");
    this.total = sum;
  }

  sample(rng: Random): T {
    const x = rng.float() * this.total;
    let lo = 0, hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid; else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const hex32 = (x: number) => HEX[x >>> 24]! + HEX[(x >>> 16) & 255]! + HEX[(x >>> 8) & 255]! + HEX[x & 255]!;

/**
 * The n-th uuid of a namespace (a table) under a seed. The first word is a
 * bijection of n, so ids within a namespace never collide; the rest only has to
 * look random. Shaped as a version-4 uuid so every uuid parser accepts it.
 */
export function seededUuid(key: readonly number[], n: number): string {
  const w0 = fmix32((n ^ key[0]!) >>> 0);
  const w1 = fmix32((w0 ^ key[1]!) >>> 0);
  const w2 = fmix32((w1 + key[2]!) >>> 0);
  const w3 = fmix32((w2 ^ key[3]! ^ n) >>> 0);
  const h1 = hex32(w1), h2 = hex32((w2 & 0x3fffffff) | 0x80000000);
  return `${hex32(w0)}-${h1.slice(0, 4)}-4${h1.slice(5, 8)}-${h2.slice(0, 4)}-${h2.slice(4)}${hex32(w3)}`;
}

/** A namespace's uuid factory: `ids("customer")(17)`. */
export function uuidFactory(seed: string) {
  return (namespace: string) => {
    const key = hash128(`${seed}\u0000${namespace}`);
    return (n: number) => seededUuid(key, n);
  };
}

/**
 * A keyed bijection of [0, 10^(2·half)) (a small Feistel network): turns a running
 * index into a number that looks random but is never repeated, e.g. phone suffixes.
 */
export function feistelDigits(index: number, halfDigits: number, key: readonly number[]): number {
  const mod = 10 ** halfDigits;
  let left = Math.floor(index / mod) % mod, right = index % mod;
  for (let round = 0; round < 4; round++) {
    const f = fmix32((right ^ key[round]!) >>> 0) % mod;
    [left, right] = [right, (left + f) % mod];
  }
  return left * mod + right;
}
