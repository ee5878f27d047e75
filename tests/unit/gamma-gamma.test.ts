// Gamma-Gamma spend model against Fader, Hardie & Lee (2005, JMR), Fader &
// Hardie note 025 and reference.json.
import { beforeAll, describe, expect, it } from "vitest";
import { cdnowSummaries, parseCdnowSample, readCdnowFile, readCdnowReference, type CdnowReferenceEntry } from "@/lib/analytics/cdnow";
import {
  fitGammaGamma,
  gammaGammaConditionalExpectedSpend,
  gammaGammaLogLikelihood,
  gammaGammaPopulationMean,
  type GammaGammaParams,
} from "@/lib/analytics/models/gamma-gamma";
import { gammaVariate, seededRandom } from "@/lib/analytics/models/simulate";
import { summaryColumns } from "@/lib/analytics/models/summary";

const PUBLISHED: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };

let refs: Map<string, CdnowReferenceEntry>;
let frequency: Float64Array;
let monetary: Float64Array;
let mle: GammaGammaParams;
const ref = (id: string) => refs.get(id)!;

beforeAll(() => {
  refs = readCdnowReference();
  const cols = summaryColumns(cdnowSummaries(parseCdnowSample(readCdnowFile("CDNOW_sample.txt"))));
  frequency = cols.frequency;
  monetary = cols.monetary;
  const fit = fitGammaGamma(frequency, monetary);
  if (!fit.ok) throw new Error(fit.message);
  mle = fit.params;
});

describe("Gamma-Gamma fit on the 946 CDNOW repeat buyers", () => {
  it("reproduces the published p, q, γ within 1% and the recomputed log-likelihood", () => {
    const fit = fitGammaGamma(frequency, monetary);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.customers).toBe(946);
    const rec = ref("gg_params").recomputed as GammaGammaParams & { loglik_at_MLE: number; loglik_at_published: number };
    for (const k of ["p", "q", "gamma"] as const) {
      expect(Math.abs(fit.params[k] / PUBLISHED[k] - 1)).toBeLessThan(0.01);
      expect(Math.abs(fit.params[k] / rec[k] - 1)).toBeLessThan(1e-5);
    }
    expect(Math.abs(fit.logLikelihood - rec.loglik_at_MLE)).toBeLessThan(0.01);
    expect(gammaGammaLogLikelihood(PUBLISHED, frequency, monetary)).toBeCloseTo(rec.loglik_at_published, 3);
  });

  it("E[M | x, zbar] for customers 1..10 matches Hardie's sheet and the recomputation", () => {
    const e = ref("gg_cond_spend_first10");
    const inputs = e.inputs as { x: number[]; zbar: number[] };
    const rec = e.recomputed as Record<string, number[]>;
    inputs.x.forEach((x, i) => {
      const ours = gammaGammaConditionalExpectedSpend(mle, x, inputs.zbar[i]);
      // published to 2 dp: within one unit in the last place
      expect(Math.abs(ours - (e.expected as number[])[i])).toBeLessThan(0.01);
      expect(Math.abs(ours - rec.MLE_params[i])).toBeLessThan(1e-3);
      expect(Math.abs(gammaGammaConditionalExpectedSpend(PUBLISHED, x, inputs.zbar[i]) - rec["rounded_params_6.25_3.74_15.44"][i])).toBeLessThan(1e-3);
    });
  });

  it("population mean pγ/(q−1) and the mean conditional expectation match lifetimes' docs", () => {
    const e = ref("gg_population_mean");
    expect(gammaGammaPopulationMean(mle)).toBeCloseTo((e.recomputed as { E_M_at_MLE: number }).E_M_at_MLE, 3);
    let total = 0;
    for (let i = 0; i < frequency.length; i++) total += gammaGammaConditionalExpectedSpend(mle, frequency[i], monetary[i]);
    expect(total / frequency.length).toBeCloseTo((e.expected as { mean_of_conditional_expectations_all_2357: number }).mean_of_conditional_expectations_all_2357, 4);
  });

  it("the conditional expectation is a weighted average of the population mean and the customer's own mean", () => {
    const pop = gammaGammaPopulationMean(mle);
    for (const [x, z] of [
      [1, 5],
      [3, 200],
      [20, 35],
    ]) {
      const m = gammaGammaConditionalExpectedSpend(mle, x, z);
      expect(m).toBeGreaterThanOrEqual(Math.min(pop, z));
      expect(m).toBeLessThanOrEqual(Math.max(pop, z));
      const w = (mle.p * x) / (mle.p * x + mle.q - 1);
      expect(m).toBeCloseTo((1 - w) * pop + w * z, 10);
    }
  });

  /** n repeat buyers with 1..maxX repeat purchases each and their mean spends, drawn from the model. */
  const simulateSpends = (truth: GammaGammaParams, n: number, seed: number, maxX: number) => {
    const rand = seededRandom(seed);
    const x = new Float64Array(n);
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = 1 + (i % maxX);
      const nu = gammaVariate(truth.q, rand) / truth.gamma;
      let s = 0;
      for (let j = 0; j < x[i]; j++) s += gammaVariate(truth.p, rand) / nu;
      z[i] = s / x[i];
    }
    return { x, z };
  };

  it("recovers the parameters of simulated spends", () => {
    const truth: GammaGammaParams = { p: 4, q: 5, gamma: 30 };
    const { x, z } = simulateSpends(truth, 5000, 11, 6);
    const fit = fitGammaGamma(x, z);
    if (!fit.ok) throw new Error(fit.message);
    for (const k of ["p", "q", "gamma"] as const) expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(4 * fit.standardErrors![k]);
  });

  it("warm-starts from a subsample on large inputs and lands on the same optimum", () => {
    const { x, z } = simulateSpends({ p: 6, q: 4, gamma: 300 }, 12_000, 5, 9);
    const full = fitGammaGamma(x, z);
    const warm = fitGammaGamma(x, z, { warmStartAbove: 5_000, warmStartSample: 2_000 });
    if (!full.ok || !warm.ok) throw new Error("fit failed");
    expect(full.optimizerMessage).not.toMatch(/warm start/);
    expect(warm.optimizerMessage).toMatch(/^warm start from every 6th row/);
    expect(warm.evaluations).toBeLessThan(full.evaluations);
    for (const k of ["p", "q", "gamma"] as const) expect(warm.params[k]).toBeCloseTo(full.params[k], 6);
    expect(warm.logLikelihood).toBeCloseTo(full.logLikelihood, 6);
  });

  it("polishes from a previous fit to the same optimum, in fewer evaluations", () => {
    const { x, z } = simulateSpends({ p: 6, q: 4, gamma: 300 }, 12_000, 5, 9);
    const full = fitGammaGamma(x, z);
    if (!full.ok) throw new Error("fit failed");
    const again = fitGammaGamma(x, z, { previous: { p: full.params.p * 1.1, q: full.params.q * 0.9, gamma: full.params.gamma * 1.05 } });
    if (!again.ok) throw new Error(again.message);
    expect(again.optimizerMessage).toMatch(/^warm start from the previous fit/);
    expect(again.evaluations).toBeLessThan(full.evaluations);
    for (const k of ["p", "q", "gamma"] as const) expect(again.params[k]).toBeCloseTo(full.params[k], 5);
    expect(again.logLikelihood).toBeCloseTo(full.logLikelihood, 6);
  });
});

describe("Gamma-Gamma cannot-fit reports", () => {
  it("no repeat buyers", () => {
    const r = fitGammaGamma(new Float64Array(100), new Float64Array(100));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe("too-few-repeat-buyers");
      expect(r.params).toBeNull();
    }
  });

  it("repeat buyers who spent nothing are not evidence", () => {
    const r = fitGammaGamma(new Float64Array(100).fill(2), new Float64Array(100));
    expect(r.ok ? null : r.reason).toBe("too-few-repeat-buyers");
  });

  it("one customer", () => {
    const r = fitGammaGamma([3], [20]);
    expect(r.ok ? null : r.reason).toBe("too-few-repeat-buyers");
  });

  it("invalid input", () => {
    expect(fitGammaGamma([1, 2], [3]).ok).toBe(false);
    const r = fitGammaGamma([1], [-3]);
    expect(r.ok ? null : r.reason).toBe("invalid-input");
  });

  it("identical spends (no spread between customers) end at the boundary, not in NaN", () => {
    const r = fitGammaGamma(new Float64Array(50).fill(2), new Float64Array(50).fill(25));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe("parameters-at-boundary");
      expect(r.params).toBeNull();
    }
  });
});
