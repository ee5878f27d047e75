import { describe, expect, it } from "vitest";
import { fitBgNbd, type BgNbdParams, type RfmData } from "@/lib/analytics/models/bgnbd";
import {
  assessChurnRisk,
  churnRiskFromPAlive,
  describeChurnAssessment,
  medianRepeatInterval,
  ruleBasedChurnRisk,
} from "@/lib/analytics/models/churn-risk";
import type { FitReport } from "@/lib/analytics/models/fit-report";
import { simulateBgNbd } from "@/lib/analytics/models/simulate";

describe("levels from P(alive)", () => {
  it("uses the thresholds 0.3 / 0.7 by default", () => {
    expect(churnRiskFromPAlive(0.95)).toBe("low");
    expect(churnRiskFromPAlive(0.7)).toBe("low");
    expect(churnRiskFromPAlive(0.69)).toBe("medium");
    expect(churnRiskFromPAlive(0.3)).toBe("medium");
    expect(churnRiskFromPAlive(0.29)).toBe("high");
    expect(churnRiskFromPAlive(0)).toBe("high");
  });

  it("accepts other thresholds", () => {
    expect(churnRiskFromPAlive(0.45, { high: 0.5, medium: 0.8 })).toBe("high");
  });
});

describe("rule-based churn risk (days since last purchase against the customer's own interval)", () => {
  // Time in days. A customer with x repeat purchases over t_x days buys every t_x/x days.
  it("a customer who buys every 20 days and last bought 10 days ago is low risk", () => {
    const r = ruleBasedChurnRisk({ frequency: 4, recency: 80, T: 90 });
    expect(r).toMatchObject({ level: "low", method: "rule", basis: "own", interval: 20, elapsed: 10, ratio: 0.5 });
  });

  it("45 days after the last of 20-day purchases is medium risk (2.25×)", () => {
    expect(ruleBasedChurnRisk({ frequency: 4, recency: 80, T: 125 })).toMatchObject({ level: "medium", ratio: 2.25 });
  });

  it("100 days after the last of 20-day purchases is high risk (5×)", () => {
    expect(ruleBasedChurnRisk({ frequency: 4, recency: 80, T: 180 })).toMatchObject({ level: "high", ratio: 5 });
  });

  it("exactly at the thresholds: 1.5× is still low, 3× still medium", () => {
    expect(ruleBasedChurnRisk({ frequency: 1, recency: 10, T: 25 }).level).toBe("low");
    expect(ruleBasedChurnRisk({ frequency: 1, recency: 10, T: 40 }).level).toBe("medium");
  });

  it("a one-time buyer is compared with the tenant's median interval, else the default", () => {
    expect(ruleBasedChurnRisk({ frequency: 0, recency: 0, T: 100 }, { referenceInterval: 30 })).toMatchObject({
      basis: "tenant-median",
      interval: 30,
      level: "high",
    });
    expect(ruleBasedChurnRisk({ frequency: 0, recency: 0, T: 100 }, { referenceInterval: null })).toMatchObject({
      basis: "default",
      interval: 90,
      level: "low",
    });
    expect(ruleBasedChurnRisk({ frequency: 0, recency: 0, T: 100 }, { defaultInterval: 60 })).toMatchObject({ level: "medium" });
  });

  it("floors the interval so two purchases a day apart do not make every later day overdue", () => {
    const r = ruleBasedChurnRisk({ frequency: 1, recency: 0.2, T: 1 }, { minInterval: 1 });
    expect(r.interval).toBe(1);
    expect(r.level).toBe("low");
  });

  it("medianRepeatInterval takes the repeat buyers only", () => {
    expect(medianRepeatInterval({ frequency: [0, 1, 2, 4], recency: [0, 10, 60, 20], T: [5, 50, 80, 90] })).toBe(10);
    expect(medianRepeatInterval({ frequency: [0, 0], recency: [0, 0], T: [5, 50] })).toBeNull();
  });

  it("medianRepeatInterval counts a weighted row as that many customers", () => {
    // Intervals 10 ×3, 30 ×1, 5 ×2 → 5 5 10 10 10 30: median 10; with 30 ×4, 5 5 10 10 10 30 30 30 30: 10; 30 ×5: (10 + 30) / 2.
    const rows = { frequency: [1, 2, 1, 0], recency: [10, 60, 5, 0], T: [50, 80, 90, 9] };
    expect(medianRepeatInterval({ ...rows, weights: [3, 1, 2, 7] })).toBe(10);
    expect(medianRepeatInterval({ ...rows, weights: [3, 4, 2, 7] })).toBe(10);
    expect(medianRepeatInterval({ ...rows, weights: [3, 5, 2, 7] })).toBe(20);
    expect(medianRepeatInterval({ ...rows, weights: [0, 0, 0, 7] })).toBeNull();
  });
});

describe("assessChurnRisk", () => {
  const hand: RfmData = { frequency: [0, 4, 4, 4], recency: [0, 80, 80, 80], T: [100, 90, 125, 180] };

  it("labels every level as rule-based when the model could not be fitted", () => {
    const report = fitBgNbd(hand); // 4 customers: too few
    expect(report.ok).toBe(false);
    const batch = assessChurnRisk(hand, report);
    expect(batch.modelUsed).toBe(false);
    expect(batch.label).toMatch(/^Rule-based churn risk/);
    expect(batch.label).toMatch(/4 customer\(s\)/);
    expect(batch.customers.map((c) => c.method)).toEqual(["rule", "rule", "rule", "rule"]);
    expect(batch.customers.map((c) => c.level)).toEqual(["high", "low", "medium", "high"]);
    // the one-time buyer is compared with the median interval of the repeat buyers (20 days)
    expect(batch.customers[0]).toMatchObject({ basis: "tenant-median", interval: 20, why: "model-not-fitted" });
    expect(describeChurnAssessment(batch.customers[3])).toBe(
      "rule (model not fitted): 100 days since last purchase, 5.0× the usual 20 days (own history) → high risk",
    );
  });

  it("uses P(alive) for repeat buyers and the rule for one-time buyers when the model is fitted", () => {
    const params: BgNbdParams = { r: 0.25, alpha: 30, a: 0.8, b: 2.4 };
    const fitted: FitReport<BgNbdParams> = {
      ok: true,
      converged: true,
      params,
      logLikelihood: -1,
      standardErrors: null,
      customers: 4,
      repeatBuyers: 3,
      iterations: 0,
      evaluations: 0,
      gradientNorm: 0,
      optimizerMessage: "",
      elapsedMs: 0,
    };
    const batch = assessChurnRisk(hand, fitted);
    expect(batch.modelUsed).toBe(true);
    expect(batch.customers[0]).toMatchObject({ method: "rule", why: "one-time-buyer", pAlive: 1 });
    for (const c of batch.customers.slice(1)) {
      expect(c.method).toBe("bgnbd");
      if (c.method === "bgnbd") expect(c.level).toBe(churnRiskFromPAlive(c.pAlive));
    }
    // longer silence after the same history → lower P(alive)
    const p = batch.customers.slice(1).map((c) => c.pAlive!);
    expect(p[0]).toBeGreaterThan(p[1]);
    expect(p[1]).toBeGreaterThan(p[2]);
    const modelOnly = assessChurnRisk(hand, fitted, { oneTimeBuyers: "model" });
    expect(modelOnly.customers[0]).toMatchObject({ method: "bgnbd", pAlive: 1, level: "low" });
  });

  it("on a fitted synthetic tenant, repeat buyers who have gone quiet are flagged", () => {
    const truth: BgNbdParams = { r: 0.6, alpha: 40, a: 0.9, b: 2.5 };
    const sim = simulateBgNbd(truth, 3000, { seed: 5, minT: 180, maxT: 360 });
    const fit = fitBgNbd(sim);
    expect(fit.ok).toBe(true);
    const batch = assessChurnRisk(sim, fit);
    const levels = new Set(batch.customers.filter((c) => c.method === "bgnbd").map((c) => c.level));
    expect(levels).toEqual(new Set(["low", "medium", "high"]));
  });
});
