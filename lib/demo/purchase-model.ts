// How often each customer buys: a BG/NBD world (Fader, Hardie & Lee 2005). Every
// customer has a purchase rate λ ~ Gamma(r, α) and, after each repeat purchase, drops
// out for good with probability p ~ Beta(a, b). Purchases run on the shopping
// calendar's clock (calendar.ts), so they bunch around 双11 and 618 while the
// long-run rates stay those of the model; the analytics can fit BG/NBD to this data
// and should land near the parameters printed by the seeder.
import type { DayIntensity } from "@/lib/demo/calendar";
import { hash128, Random } from "@/lib/demo/random";

export type PurchaseModel = {
  /** Gamma shape of the purchase rate (per day of average shopping). */
  r: number;
  /** Gamma rate: mean λ = r / alpha. Calibrated so the orders total comes out near the target. */
  alpha: number;
  /** Beta parameters of the dropout probability. */
  a: number;
  b: number;
  /** No one buys more than this often (a handful of resellers would otherwise dominate). */
  lambdaMax: number;
  /** Share of customers who ever buy (the rest registered, e.g. in the mini-program, and never ordered). */
  buyerShare: number;
};

// Tuned so that, at the default 7.5 orders per customer, about three quarters of
// active buyers repeat, the median buys 4 times in two years and a thin tail of
// accessory fans and company buyers buys weekly.
export const BASE_MODEL: Omit<PurchaseModel, "alpha"> = { r: 0.3, a: 1, b: 12, lambdaMax: 0.15, buyerShare: 0.95 };

export function drawRates(model: PurchaseModel, rng: Random): { lambda: number; p: number } {
  const lambda = Math.min(rng.gamma(model.r, 1) / model.alpha, model.lambdaMax);
  return { lambda, p: rng.beta(model.a, model.b) };
}

/**
 * Day indices of the repeat purchases after a first purchase at instant `first`:
 * exponential gaps in operational time, a dropout coin after each repeat.
 */
export function repeatPurchaseDays(intensity: DayIntensity, first: number, lambda: number, p: number, rng: Random): number[] {
  const days: number[] = [];
  let s = intensity.at(first);
  for (;;) {
    s += rng.exponential(lambda);
    if (s >= intensity.total) return days;
    days.push(intensity.dayAt(s));
    if (rng.chance(p)) return days;
  }
}

/**
 * Finds α so that the mean number of orders per buyer written in the window (from
 * `windowStart` on) is `perBuyer`, by bisection
 * on a pilot of simulated buyers. The pilot reuses the same random numbers for every
 * α (common random numbers), which makes the count monotone in α and the answer
 * deterministic for a seed.
 */
export function calibrateAlpha(
  base: Omit<PurchaseModel, "alpha">,
  intensity: DayIntensity,
  acquisition: DayIntensity,
  windowStart: number,
  perBuyer: number,
  seed: string,
  pilotSize = 8000,
): number {
  const key = hash128(`${seed}\u0000pilot`);
  const span = intensity.window;
  const startDay = Math.round((windowStart - span.start) / 86_400_000);
  const meanOrders = (alpha: number) => {
    let total = 0;
    for (let k = 0; k < pilotSize; k++) {
      const rng = new Random(key, k);
      const day = acquisition.dayAt(rng.float() * acquisition.total);
      const first = Math.min(span.start + (day + rng.float()) * 86_400_000, span.end - 1);
      const { lambda, p } = drawRates({ ...base, alpha }, rng);
      if (first >= windowStart) total++;
      for (const d of repeatPurchaseDays(intensity, first, lambda, p, rng)) if (d >= startDay) total++;
    }
    return total / pilotSize;
  };
  let lo = Math.log(0.01), hi = Math.log(1e6);
  for (let i = 0; i < 28; i++) {
    const mid = (lo + hi) / 2;
    if (meanOrders(Math.exp(mid)) > perBuyer) lo = mid; else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}
