// Customer lifetime value over a finite horizon as a discounted cash flow, the
// construction used by lifetimes' `customer_lifetime_value` (and Fader, Hardie
// & Lee 2005, JMR, with the sum in place of their integral):
//
//   CLV = Σ_{k=1..K} m · (E[Y(k·L)] − E[Y((k−1)·L)]) / (1 + d)^k
//
// where E[Y(t)] is the BG/NBD expected number of purchases in the next t time
// units given the customer's history, m the Gamma-Gamma expected spend per
// purchase, L the length of one period in the model's time unit (30 for
// "months" of days) and d the discount rate per period. Purchases in period k
// are discounted as if they happened at its end.
import { bgnbdConditionalExpectedPurchases, type BgNbdParams } from "./bgnbd";
import { gammaGammaConditionalExpectedSpend, type GammaGammaParams } from "./gamma-gamma";

export interface ClvOptions {
  /** Number of periods K in the horizon (e.g. 12 months). */
  periods: number;
  /** Length of one period in the model's time unit (e.g. 30 for months when time is in days). */
  periodLength: number;
  /** Discount rate per period, e.g. 0.01 per month. */
  discountRate: number;
}

/** Discount rate per period equivalent to an annual rate: (1 + annual)^(1/periodsPerYear) − 1. */
export function periodDiscountRate(annualRate: number, periodsPerYear: number): number {
  return Math.pow(1 + annualRate, 1 / periodsPerYear) - 1;
}

/**
 * Discounted value of `spend` per purchase, given the expected cumulative
 * number of purchases from now to t (any model).
 */
export function discountedValue(expectedCumulative: (t: number) => number, spend: number, options: ClvOptions): number {
  const { periods, periodLength, discountRate } = options;
  let value = 0;
  let previous = 0;
  for (let k = 1; k <= periods; k++) {
    const cumulative = expectedCumulative(k * periodLength);
    value += (spend * (cumulative - previous)) / Math.pow(1 + discountRate, k);
    previous = cumulative;
  }
  return value;
}

export interface ClvCustomer {
  frequency: number;
  recency: number;
  T: number;
  /** mean spend per repeat purchase (0 when frequency = 0) */
  monetary: number;
}

/** CLV of one customer from a fitted BG/NBD and Gamma-Gamma. */
export function customerLifetimeValue(bg: BgNbdParams, gg: GammaGammaParams, c: ClvCustomer, options: ClvOptions): number {
  const spend = gammaGammaConditionalExpectedSpend(gg, c.frequency, c.monetary);
  return discountedValue((t) => bgnbdConditionalExpectedPurchases(bg, t, c.frequency, c.recency, c.T), spend, options);
}

/** CLV for every customer (columns as in RfmData plus monetary). */
export function customerLifetimeValues(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  data: { frequency: ArrayLike<number>; recency: ArrayLike<number>; T: ArrayLike<number>; monetary: ArrayLike<number> },
  options: ClvOptions,
): Float64Array {
  const n = data.frequency.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = customerLifetimeValue(bg, gg, { frequency: data.frequency[i], recency: data.recency[i], T: data.T[i], monetary: data.monetary[i] }, options);
  }
  return out;
}
