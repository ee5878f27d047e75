// BG/NBD against the published CDNOW analysis (Fader, Hardie & Lee 2005) and
// the reference values in ../shared/data/cdnow/reference.json.
import { beforeAll, describe, expect, it } from "vitest";
import { cdnowSummaries, parseCdnowSample, parseSummaryCsv, readCdnowFile, readCdnowReference, type CdnowReferenceEntry } from "@/lib/analytics/cdnow";
import {
  bgnbdConditionalExpectedPurchases,
  bgnbdExpectedPurchases,
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodPrepared,
  bgnbdPAlive,
  bgnbdPurchaseProbability,
  bgnbdScoreCustomers,
  fitBgNbd,
  prepareRfm,
  type BgNbdParams,
  type RfmData,
} from "@/lib/analytics/models/bgnbd";
import { numericalGradient } from "@/lib/analytics/models/optimize";
import { simulateBgNbd } from "@/lib/analytics/models/simulate";
import { dayNumber, summarizeTransactions, summaryColumns, type CustomerSummary } from "@/lib/analytics/models/summary";

const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

let refs: Map<string, CdnowReferenceEntry>;
let summaries: CustomerSummary[];
let data: RfmData;
let mle: BgNbdParams;
const ref = (id: string) => refs.get(id)!;

beforeAll(() => {
  refs = readCdnowReference();
  summaries = cdnowSummaries(parseCdnowSample(readCdnowFile("CDNOW_sample.txt")));
  data = summaryColumns(summaries);
  const fit = fitBgNbd(data);
  if (!fit.ok) throw new Error(fit.message);
  mle = fit.params;
});

describe("RFM summaries (model inputs)", () => {
  it("rebuilds cdnow_customers_summary_with_transactions.csv exactly from CDNOW_sample.txt", () => {
    const published = parseSummaryCsv(readCdnowFile("cdnow_customers_summary_with_transactions.csv"));
    expect(summaries).toHaveLength(2357);
    const ours = summaries.map((s) => [s.customerId, s.frequency, s.recency, s.T, s.monetary]);
    expect(ours).toEqual(published.map((p) => [p.ID, p.x, p.t_x, p.T, p.zbar]));
    expect(summaries.reduce((a, s) => a + (s.holdoutFrequency ?? 0), 0)).toBe(1882);
  });

  it("matches lifetimes' daily summary fixture", () => {
    const e = ref("summary_small_fixture_1");
    const tx = (e.inputs as { transactions: [number, string][] }).transactions;
    const out = summarizeTransactions(
      tx.map(([id, d]) => ({ customerId: id, day: dayNumber(d), amount: 0 })),
      { calibrationEnd: dayNumber("2015-02-07") },
    );
    const expected = e.expected as Record<string, number[]>;
    expect(Object.fromEntries(out.map((s) => [String(s.customerId), [s.frequency, s.recency, s.T]]))).toEqual(expected);
  });

  it("matches lifetimes' monetary fixture (mean of repeat purchases only)", () => {
    const e = ref("summary_small_fixture_monetary");
    const tx = (e.inputs as { transactions: [number, string, number][] }).transactions;
    const out = summarizeTransactions(
      tx.map(([id, d, m]) => ({ customerId: id, day: dayNumber(d), amount: m })),
      { calibrationEnd: dayNumber("2015-02-07") },
    );
    const expected = e.expected as Record<string, number[]>;
    expect(Object.fromEntries(out.map((s) => [String(s.customerId), [s.frequency, s.recency, s.T, s.monetary]]))).toEqual(expected);
  });

  it("drops the chronologically first purchase from the mean spend even when input is unordered", () => {
    const out = summarizeTransactions(
      [
        { customerId: 2, day: dayNumber("2014-05-21"), amount: 25 },
        { customerId: 2, day: dayNumber("2014-03-14"), amount: 10 },
        { customerId: 2, day: dayNumber("2014-04-09"), amount: 20 },
      ],
      { calibrationEnd: dayNumber("2014-12-31") },
    );
    expect(out[0].monetary).toBe(ref("summary_first_order_drop").expected);
  });
});

describe("BG/NBD log-likelihood", () => {
  it("equals the recomputed value at the published parameters", () => {
    const rec = ref("bgnbd_loglik").recomputed as { at_rounded_published_params: number };
    expect(bgnbdLogLikelihood(PUBLISHED, data)).toBeCloseTo(rec.at_rounded_published_params, 3);
  });

  it("has an analytic gradient that agrees with central differences", () => {
    const prepared = prepareRfm(data);
    if (!prepared.ok) throw new Error(prepared.message);
    const theta = [Math.log(0.3), Math.log(5), Math.log(0.6), Math.log(3)];
    const toP = (t: readonly number[]): BgNbdParams => ({ r: Math.exp(t[0]), alpha: Math.exp(t[1]), a: Math.exp(t[2]), b: Math.exp(t[3]) });
    const analytic = bgnbdLogLikelihoodPrepared(toP(theta), prepared.data).gradient;
    const numeric = numericalGradient((t) => bgnbdLogLikelihoodPrepared(toP(t), prepared.data, false).logLikelihood, theta, 1e-6);
    analytic.forEach((g, i) => expect(g).toBeCloseTo(numeric[i], 3));
  });

  it("treats weights as repeated rows", () => {
    const rows: RfmData = { frequency: [0, 2, 5], recency: [0, 10, 30], T: [40, 35, 38] };
    const expanded: RfmData = { frequency: [0, 0, 2, 5, 5, 5], recency: [0, 0, 10, 30, 30, 30], T: [40, 40, 35, 38, 38, 38] };
    expect(bgnbdLogLikelihood(PUBLISHED, { ...rows, weights: [2, 1, 3] })).toBeCloseTo(bgnbdLogLikelihood(PUBLISHED, expanded), 10);
  });
});

describe("BG/NBD fit on CDNOW (FHL 2005 §7)", () => {
  it("reproduces the published parameters within 1% and log-likelihood within 0.1", () => {
    const fit = fitBgNbd(data);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    for (const k of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(fit.params[k] / PUBLISHED[k] - 1)).toBeLessThan(0.01);
      const rec = (ref("bgnbd_params").recomputed as BgNbdParams)[k];
      expect(Math.abs(fit.params[k] / rec - 1)).toBeLessThan(1e-5);
    }
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.1);
    expect(fit.converged).toBe(true);
    expect(fit.elapsedMs).toBeLessThan(1000);
  });

  it("reproduces lifetimes' standard errors", () => {
    const fit = fitBgNbd(data);
    if (!fit.ok) throw new Error(fit.message);
    const se = ref("bgnbd_summary_lifetimes_docs").expected as Record<keyof BgNbdParams, [number, number]>;
    for (const k of ["r", "alpha", "a", "b"] as const) expect(fit.standardErrors![k]).toBeCloseTo(se[k][1], 5);
  });

  it("does not depend on the time unit: days give α × 7 and the same r, a, b and P(alive)", () => {
    const days: RfmData = {
      frequency: data.frequency,
      recency: Array.from(data.recency, (v) => v * 7),
      T: Array.from(data.T, (v) => v * 7),
    };
    const fit = fitBgNbd(days);
    if (!fit.ok) throw new Error(fit.message);
    expect(fit.params.alpha / 7).toBeCloseTo(mle.alpha, 4);
    expect(fit.params.r).toBeCloseTo(mle.r, 5);
    expect(fit.params.a).toBeCloseTo(mle.a, 5);
    expect(fit.params.b).toBeCloseTo(mle.b, 4);
    expect(bgnbdConditionalExpectedPurchases(fit.params, 39 * 7, 2, 30.43 * 7, 38.86 * 7)).toBeCloseTo(
      bgnbdConditionalExpectedPurchases(mle, 39, 2, 30.43, 38.86),
      5,
    );
  });

  it("recovers the parameters of data simulated from the model", () => {
    const truth: BgNbdParams = { r: 0.5, alpha: 6, a: 1.2, b: 3 };
    const sim = simulateBgNbd(truth, 20_000, { seed: 7, minT: 20, maxT: 52 });
    const fit = fitBgNbd(sim);
    if (!fit.ok) throw new Error(fit.message);
    for (const k of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(4 * fit.standardErrors![k]);
    }
  });

  it("warm-starts from a subsample on large inputs and lands on the same optimum", () => {
    const sim = simulateBgNbd(mle, 12_000, { seed: 3 });
    const full = fitBgNbd(sim);
    const warm = fitBgNbd(sim, { warmStartAbove: 5_000, warmStartSample: 3_000 });
    if (!full.ok || !warm.ok) throw new Error("fit failed");
    expect(warm.optimizerMessage).toMatch(/^warm start/);
    for (const k of ["r", "alpha", "a", "b"] as const) expect(warm.params[k]).toBeCloseTo(full.params[k], 6);
  });

  it("polishes from a previous fit (near or far) to the same optimum, in fewer evaluations", () => {
    const sim = simulateBgNbd(mle, 12_000, { seed: 3 });
    const full = fitBgNbd(sim);
    if (!full.ok) throw new Error("fit failed");
    const near = { r: full.params.r * 1.05, alpha: full.params.alpha * 0.95, a: full.params.a * 1.1, b: full.params.b * 0.9 };
    for (const previous of [near, { r: 40, alpha: 0.01, a: 30, b: 0.02 }]) {
      const again = fitBgNbd(sim, { previous });
      if (!again.ok) throw new Error(again.message);
      expect(again.optimizerMessage).toMatch(/^warm start (from the previous fit|failed)/);
      for (const k of ["r", "alpha", "a", "b"] as const) expect(again.params[k]).toBeCloseTo(full.params[k], 5);
      expect(again.logLikelihood).toBeCloseTo(full.logLikelihood, 6);
    }
    const fromNear = fitBgNbd(sim, { previous: near });
    expect(fromNear.evaluations).toBeLessThan(full.evaluations);
  });
});

describe("BG/NBD per-customer quantities (reference.json)", () => {
  it("E[Y(39) | x=2, t_x=30.43, T=38.86] = 1.226 (Hardie's sheet)", () => {
    const e = ref("bgnbd_cond_exp_cust1");
    const rec = e.recomputed as { published_params: number; MLE_params: number };
    expect(Math.abs(bgnbdConditionalExpectedPurchases(mle, 39, 2, 30.43, 38.86) - (e.expected as number))).toBeLessThan(1e-3);
    expect(bgnbdConditionalExpectedPurchases(mle, 39, 2, 30.43, 38.86)).toBeCloseTo(rec.MLE_params, 6);
    expect(bgnbdConditionalExpectedPurchases(PUBLISHED, 39, 2, 30.43, 38.86)).toBeCloseTo(rec.published_params, 6);
  });

  it("P(alive) for customers 1 and 6 and E[Y(39)] for customer 6", () => {
    const pa1 = ref("bgnbd_palive_cust1").recomputed as { published_params: number; MLE_params: number };
    expect(bgnbdPAlive(PUBLISHED, 2, 30.43, 38.86)).toBeCloseTo(pa1.published_params, 6);
    expect(bgnbdPAlive(mle, 2, 30.43, 38.86)).toBeCloseTo(pa1.MLE_params, 6);
    const c6 = ref("bgnbd_palive_cust6").recomputed as Record<string, { p_alive: number; E_Y39: number }>;
    expect(bgnbdPAlive(PUBLISHED, 7, 29.43, 38.86)).toBeCloseTo(c6.published_params.p_alive, 6);
    expect(bgnbdPAlive(mle, 7, 29.43, 38.86)).toBeCloseTo(c6.MLE_params.p_alive, 6);
    expect(bgnbdConditionalExpectedPurchases(PUBLISHED, 39, 7, 29.43, 38.86)).toBeCloseTo(c6.published_params.E_Y39, 6);
    expect(bgnbdConditionalExpectedPurchases(mle, 39, 7, 29.43, 38.86)).toBeCloseTo(c6.MLE_params.E_Y39, 5);
  });

  it("one-time buyers: P(alive) is exactly 1 and E[Y(39)] matches", () => {
    expect(bgnbdPAlive(mle, 0, 1, 1)).toBe(1);
    const rec = ref("bgnbd_cond_exp_x0").recomputed as { published_params: number; MLE_params: number };
    expect(bgnbdConditionalExpectedPurchases(PUBLISHED, 39, 0, 0, 38.86)).toBeCloseTo(rec.published_params, 6);
    expect(bgnbdConditionalExpectedPurchases(mle, 39, 0, 0, 38.86)).toBeCloseTo(rec.MLE_params, 6);
  });

  it("E[X(t)] for a new customer matches Hardie's sheet within 1e-3", () => {
    const e = ref("bgnbd_unconditional_expectation");
    const ts = (e.inputs as { t: number[] }).t;
    ts.forEach((t, i) => expect(Math.abs(bgnbdExpectedPurchases(mle, t) - (e.expected as number[])[i])).toBeLessThan(1e-3));
  });

  it("P(X(t) = n) matches R BTYD", () => {
    const e = ref("bgnbd_pmf").expected as Record<string, number | number[]>;
    expect(bgnbdPurchaseProbability(PUBLISHED, 2, 10)).toBeCloseTo(e["P(X(2)=10)"] as number, 12);
    expect(bgnbdPurchaseProbability(PUBLISHED, 39, 0)).toBeCloseTo(e["P(X(39)=0)"] as number, 7);
    (e["P(X(30)=n), n=11..20"] as number[]).forEach((v, i) => expect(bgnbdPurchaseProbability(PUBLISHED, 30, 11 + i)).toBeCloseTo(v, 9));
    // and the pmf sums to 1
    let total = 0;
    for (let n = 0; n < 400; n++) total += bgnbdPurchaseProbability(PUBLISHED, 39, n);
    expect(total).toBeCloseTo(1, 6);
  });

  it("top-5 expected purchases next week match lifetimes' docs", () => {
    const top = ref("bgnbd_top5_next_week").expected as { ID: number; E: number }[];
    const scores = bgnbdScoreCustomers(mle, data, [1]).expected[0];
    const ranked = summaries.map((s, i) => ({ id: s.customerId, e: scores[i] })).sort((u, v) => u.e - v.e).slice(-5);
    expect(ranked.map((r) => r.id)).toEqual(top.map((t) => t.ID));
    ranked.forEach((r, i) => expect(r.e).toBeCloseTo(top[i].E, 5));
  });

  it("holdout: reference figures reproduce at the published parameters", () => {
    const rec = ref("bgnbd_holdout_checks").recomputed as Record<string, number>;
    const e39 = bgnbdScoreCustomers(PUBLISHED, data, [39]).expected[0];
    expect(e39.reduce((a, v) => a + v, 0)).toBeCloseTo(rec.sum_E_Y39_all_customers, 1);
    const zero = summaries.map((s, i) => (s.frequency === 0 ? e39[i] : NaN)).filter((v) => !Number.isNaN(v));
    expect(zero.reduce((a, v) => a + v, 0) / zero.length).toBeCloseTo(rec.zero_class_mean_E_Y39, 4);
  });
});

describe("BG/NBD numerics", () => {
  // Values from mpmath 1.3 (50 digits) with the textbook FHL Eq. 10, whose
  // 2F1 alone would overflow a double in the second case (2.1e384).
  it("stays accurate for heavy buyers over long horizons", () => {
    const p = { r: 0.2426, alpha: 30.9, a: 0.7929, b: 2.4258 };
    expect(bgnbdConditionalExpectedPurchases(p, 3650, 400, 700, 720)).toBeCloseTo(8.7138032576502031, 9);
    expect(bgnbdConditionalExpectedPurchases(p, 3650, 500, 700, 720)).toBeCloseTo(0.92284999249541725, 9);
    expect(bgnbdExpectedPurchases(p, 365)).toBeCloseTo(1.446444302201861, 10);
    expect(bgnbdExpectedPurchases({ r: 0.3, alpha: 0.5, a: 0.4, b: 0.3 }, 50)).toBeCloseTo(4.3464025900247774, 9);
  });

  it("is continuous through a = 1 (removable singularity)", () => {
    const at = (a: number) => bgnbdConditionalExpectedPurchases({ r: 0.3, alpha: 5, a, b: 2 }, 39, 3, 20, 30);
    expect(at(1)).toBeCloseTo(1.543798573407037, 7);
    // dE/da ≈ 0.7 here, so neighbours differ by about 0.7·Δa and no more.
    expect(Math.abs(at(1 + 1e-7) - at(1 - 1e-7))).toBeLessThan(1e-6);
    expect(Math.abs(at(1 + 2e-6) - at(1 - 2e-6))).toBeLessThan(1e-5);
  });

  it("scores every customer with finite values", () => {
    const s = bgnbdScoreCustomers(mle, data, [30 / 7, 90 / 7, 365 / 7]);
    expect(s.pAlive.every((v) => v > 0 && v <= 1)).toBe(true);
    expect(s.expected.every((col) => col.every((v) => Number.isFinite(v) && v >= 0))).toBe(true);
    for (let i = 0; i < 50; i++) expect(s.expected[0][i]).toBeLessThanOrEqual(s.expected[1][i]);
  });
});

describe("BG/NBD cannot-fit reports", () => {
  const expectCannotFit = (report: ReturnType<typeof fitBgNbd>, reason: string) => {
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.reason).toBe(reason);
    expect(report.params).toBeNull();
    expect(report.message.length).toBeGreaterThan(0);
  };

  it("no repeat buyers", () => {
    const n = 500;
    expectCannotFit(fitBgNbd({ frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n).fill(30) }), "too-few-repeat-buyers");
  });

  it("all zeros", () => {
    const z = new Float64Array(200);
    expectCannotFit(fitBgNbd({ frequency: z, recency: z, T: z }), "too-few-repeat-buyers");
  });

  it("one customer", () => {
    expectCannotFit(fitBgNbd({ frequency: [3], recency: [20], T: [30] }), "too-few-customers");
    expectCannotFit(fitBgNbd({ frequency: [3], recency: [20], T: [30] }, { minCustomers: 0, minRepeatBuyers: 0 }), "parameters-at-boundary");
  });

  it("no customers", () => {
    expectCannotFit(fitBgNbd({ frequency: [], recency: [], T: [] }), "too-few-customers");
  });

  it("invalid rows", () => {
    expectCannotFit(fitBgNbd({ frequency: [1.5], recency: [2], T: [3] }), "invalid-input");
    expectCannotFit(fitBgNbd({ frequency: [1], recency: [5], T: [3] }), "invalid-input");
    expectCannotFit(fitBgNbd({ frequency: [1], recency: [NaN], T: [3] }), "invalid-input");
    expectCannotFit(fitBgNbd({ frequency: [1, 2], recency: [1], T: [3] }), "invalid-input");
  });

  it("data that do not identify the model (nobody ever drops out) end at the boundary, not in NaN", () => {
    // Every customer buys like clockwork right up to the end of the window.
    const n = 300;
    const frequency = new Float64Array(n);
    const recency = new Float64Array(n);
    const T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      T[i] = 20 + (i % 20);
      frequency[i] = Math.floor(T[i] / 2);
      recency[i] = T[i];
    }
    const report = fitBgNbd({ frequency, recency, T });
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(["parameters-at-boundary", "no-convergence"]).toContain(report.reason);
    expect(report.params).toBeNull();
  });
});
