import { beforeAll, describe, expect, it } from "vitest";
import { cdnowSummaries, parseCdnowSample, readCdnowFile, readCdnowReference, type CdnowReferenceEntry } from "@/lib/analytics/cdnow";
import { bgnbdConditionalExpectedPurchases, fitBgNbd, type BgNbdParams } from "@/lib/analytics/models/bgnbd";
import { customerLifetimeValue, customerLifetimeValues, discountedValue, periodDiscountRate } from "@/lib/analytics/models/clv";
import { fitGammaGamma, gammaGammaConditionalExpectedSpend, type GammaGammaParams } from "@/lib/analytics/models/gamma-gamma";
import { summaryColumns, type CustomerSummary } from "@/lib/analytics/models/summary";

let refs: Map<string, CdnowReferenceEntry>;
let summaries: CustomerSummary[];
let bg: BgNbdParams;
let gg: GammaGammaParams;

beforeAll(() => {
  refs = readCdnowReference();
  summaries = cdnowSummaries(parseCdnowSample(readCdnowFile("CDNOW_sample.txt")));
  const cols = summaryColumns(summaries);
  const bgFit = fitBgNbd(cols);
  const ggFit = fitGammaGamma(cols.frequency, cols.monetary);
  if (!bgFit.ok || !ggFit.ok) throw new Error("fit failed");
  bg = bgFit.params;
  gg = ggFit.params;
});

describe("CLV on CDNOW (lifetimes' customer_lifetime_value)", () => {
  it("matches the published values for customers 1..10 within 1e-3", () => {
    // lifetimes' docs: time=12, discount_rate=0.01, freq='D' → 12 periods of 30 units (weeks here).
    const e = refs.get("clv_lifetimes_docs")!;
    const expected = e.expected as number[];
    const recomputed = e.recomputed as number[];
    summaries.slice(0, 10).forEach((s, i) => {
      const ours = customerLifetimeValue(bg, gg, s, { periods: 12, periodLength: 30, discountRate: 0.01 });
      expect(Math.abs(ours - expected[i])).toBeLessThan(1e-3);
      expect(Math.abs(ours - recomputed[i])).toBeLessThan(1e-3);
    });
  });

  it("the column version equals the per-customer one", () => {
    const cols = summaryColumns(summaries.slice(0, 50));
    const opts = { periods: 12, periodLength: 30 / 7, discountRate: 0.01 };
    const all = customerLifetimeValues(bg, gg, cols, opts);
    summaries.slice(0, 50).forEach((s, i) => expect(all[i]).toBe(customerLifetimeValue(bg, gg, s, opts)));
  });
});

describe("discounted value: closed forms", () => {
  it("a constant purchase rate gives the geometric annuity m·λL·(1 − (1+d)^−K)/d", () => {
    const lambda = 0.37;
    const m = 42;
    for (const [K, L, d] of [
      [12, 30, 0.01],
      [36, 7, 0.002],
      [5, 365, 0.08],
    ]) {
      const ours = discountedValue((t) => lambda * t, m, { periods: K, periodLength: L, discountRate: d });
      const closed = (m * lambda * L * (1 - Math.pow(1 + d, -K))) / d;
      expect(ours).toBeCloseTo(closed, 9);
    }
  });

  it("no discounting telescopes to spend × expected purchases over the whole horizon", () => {
    for (const s of summaries.slice(0, 20)) {
      const ours = customerLifetimeValue(bg, gg, s, { periods: 12, periodLength: 30 / 7, discountRate: 0 });
      const spend = gammaGammaConditionalExpectedSpend(gg, s.frequency, s.monetary);
      expect(ours).toBeCloseTo(spend * bgnbdConditionalExpectedPurchases(bg, (12 * 30) / 7, s.frequency, s.recency, s.T), 9);
    }
  });

  it("discounting lowers the value and a longer horizon raises it", () => {
    const s = summaries[5];
    const base = { periods: 12, periodLength: 30 / 7, discountRate: 0.01 };
    const v = customerLifetimeValue(bg, gg, s, base);
    expect(customerLifetimeValue(bg, gg, s, { ...base, discountRate: 0.05 })).toBeLessThan(v);
    expect(customerLifetimeValue(bg, gg, s, { ...base, periods: 24 })).toBeGreaterThan(v);
  });

  it("converts an annual rate to a per-period rate", () => {
    expect(periodDiscountRate(Math.pow(1.01, 12) - 1, 12)).toBeCloseTo(0.01, 12);
    expect(periodDiscountRate(0, 12)).toBe(0);
  });
});
