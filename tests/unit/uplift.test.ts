// Uplift statistics against published values: Newcombe (1998), Statistics in
// Medicine 17:873–890, Table II, examples (a) 56/70 vs 48/80 and (b) 9/10 vs 3/10,
// methods 1 (Wald) and 10 (hybrid score); Wilson intervals from the same paper's
// Table I companion (Newcombe 1998b) example 81/263; a difference of means worked by hand.
import { describe, expect, it } from "vitest";
import { meanDifference, proportionDifference, rate, returnOnInvestment, wilsonInterval } from "@/lib/campaigns/evaluation/uplift";

describe("wilsonInterval", () => {
  it("matches Newcombe's 81/263 example (0.2553, 0.3662)", () => {
    const w = wilsonInterval(81, 263)!;
    expect(w.low).toBeCloseTo(0.2553, 4);
    expect(w.high).toBeCloseTo(0.3662, 4);
  });
  it("stays inside [0, 1] at 0 and n successes, and is null for an empty group", () => {
    expect(wilsonInterval(0, 10)!.low).toBe(0);
    expect(wilsonInterval(0, 10)!.high).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10)!.high).toBeCloseTo(1, 12);
    expect(wilsonInterval(10, 10)!.low).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe("proportionDifference", () => {
  it("example (a) 56/70 − 48/80: diff 0.2, Newcombe (0.0524, 0.3339), Wald (0.0575, 0.3425)", () => {
    const r = proportionDifference(56, 70, 48, 80);
    expect(r.diff).toBeCloseTo(0.2, 12);
    expect(r.newcombe!.low).toBeCloseTo(0.0524, 4);
    expect(r.newcombe!.high).toBeCloseTo(0.3339, 4);
    expect(r.wald!.low).toBeCloseTo(0.0575, 4);
    expect(r.wald!.high).toBeCloseTo(0.3425, 4);
  });
  it("example (b) 9/10 − 3/10: Newcombe (0.1705, 0.8090), Wald (0.2605, 0.9395)", () => {
    const r = proportionDifference(9, 10, 3, 10);
    expect(r.newcombe!.low).toBeCloseTo(0.1705, 4);
    expect(r.newcombe!.high).toBeCloseTo(0.8090, 4);
    expect(r.wald!.low).toBeCloseTo(0.2605, 4);
    expect(r.wald!.high).toBeCloseTo(0.9395, 4);
  });
  it("is symmetric: swapping the groups negates the difference and mirrors the interval", () => {
    const a = proportionDifference(12, 40, 30, 50);
    const b = proportionDifference(30, 50, 12, 40);
    expect(a.diff).toBeCloseTo(-b.diff!, 12);
    expect(a.newcombe!.low).toBeCloseTo(-b.newcombe!.high, 12);
  });
  it("gives nothing for an empty group", () => {
    expect(proportionDifference(3, 10, 0, 0)).toEqual({ diff: null, newcombe: null, wald: null });
  });
});

describe("meanDifference", () => {
  it("computes Welch's interval by hand: t = [0, 100, 200], c = [0, 0, 60]", () => {
    // mean t = 100, var t = 10000; mean c = 20, var c = 1200; se = sqrt(10000/3 + 1200/3) = sqrt(3733.33) = 61.101
    const r = meanDifference({ n: 3, sum: 300, sumSq: 50_000 }, { n: 3, sum: 60, sumSq: 3600 });
    expect(r.diff).toBe(80);
    expect(r.interval!.low).toBeCloseTo(80 - 1.959964 * 61.1010, 2);
    expect(r.interval!.high).toBeCloseTo(80 + 1.959964 * 61.1010, 2);
  });
  it("has no interval for a group of one", () => {
    expect(meanDifference({ n: 1, sum: 5, sumSq: 25 }, { n: 4, sum: 4, sumSq: 4 }).interval).toBeNull();
  });
});

describe("ROI and rates", () => {
  it("ROI = (incremental revenue − cost) / cost", () => {
    expect(returnOnInvestment(1500, 500)).toBe(2);
    expect(returnOnInvestment(100, 0)).toBeNull();
  });
  it("a rate of nothing is null, not zero", () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(0, 0)).toBeNull();
  });
});
