// Descriptive statistics and type-7 quantiles against R / numpy documented
// values and hand computation; adjusted Rand index against scikit-learn's
// documented examples.
import { describe as group, expect, it } from "vitest";
import { adjustedRandIndex } from "@/lib/analytics/stats/adjusted-rand";
import { describe, describeBySegment } from "@/lib/analytics/stats/describe";
import { quantile, quantileSorted } from "@/lib/analytics/stats/quantile";

group("quantile, type 7 (R default, numpy 'linear')", () => {
  it("quantile(c(1, 2, 3, 4), 0.25) = 1.75", () => {
    // h = (4 − 1)·0.25 = 0.75 → 1 + 0.75·(2 − 1)
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([4, 3, 2, 1], 0.75)).toBe(3.25);
  });

  it("R: quantile(1:10) = 1, 3.25, 5.5, 7.75, 10", () => {
    const x = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantile(x, [0, 0.25, 0.5, 0.75, 1])).toEqual([1, 3.25, 5.5, 7.75, 10]);
  });

  it("numpy docs: a = [[10, 7, 4], [3, 2, 1]]; quantile(a, 0.5) = 3.5; percentile(a, 50, axis=0) = [6.5, 4.5, 2.5]", () => {
    expect(quantile([10, 7, 4, 3, 2, 1], 0.5)).toBe(3.5);
    expect([quantile([10, 3], 0.5), quantile([7, 2], 0.5), quantile([4, 1], 0.5)]).toEqual([6.5, 4.5, 2.5]);
  });

  it("hand: quantile(c(1, 3, 5, 9), 0.9) = 5 + 0.7·4 = 7.8", () => {
    expect(quantile([9, 1, 5, 3], 0.9)).toBeCloseTo(7.8, 14);
  });

  it("one value, no value, NaN skipped, p out of range", () => {
    expect(quantile([42], [0, 0.3, 1])).toEqual([42, 42, 42]);
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([NaN, NaN], 0.5)).toBeNull();
    expect(quantile([NaN, 3, 1, Infinity, 2], 0.5)).toBe(2);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => quantile([1], NaN)).toThrow(RangeError);
    expect(quantileSorted(Float64Array.from([1, 1, 1]), 0.37)).toBe(1);
  });
});

group("describe", () => {
  it("2, 4, 4, 4, 5, 5, 7, 9: mean 5, median 4.5, sample sd √(32/7)", () => {
    const d = describe(Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]));
    expect(d).toMatchObject({ count: 8, skipped: 0, mean: 5, median: 4.5, min: 2, max: 9, sum: 40 });
    expect(d.sd).toBeCloseTo(Math.sqrt(32 / 7), 14); // Σ(x − 5)² = 32; population sd would be 2
    // type 7: 0.25 → h = 1.75 → 4; 0.05 → h = 0.35 → 2 + 0.35·2 = 2.7; 0.95 → h = 6.65 → 7 + 0.65·2 = 8.3
    expect(d.quantiles.map((q) => q.p)).toEqual([0.05, 0.25, 0.5, 0.75, 0.95]);
    expect(d.quantiles[0].value).toBeCloseTo(2.7, 14);
    expect(d.quantiles[1].value).toBe(4);
    expect(d.quantiles[3].value).toBe(5.5);
    expect(d.quantiles[4].value).toBeCloseTo(8.3, 14);
  });

  it("R: sd(1:2) = 0.7071068, sd(1:4) = 1.290994", () => {
    expect(describe([1, 2]).sd).toBeCloseTo(0.7071068, 7);
    expect(describe([1, 2, 3, 4]).sd).toBeCloseTo(1.290994, 6);
  });

  it("keeps precision far from zero: 1e9 + (4, 7, 13, 16) has variance 30", () => {
    const d = describe([4, 7, 13, 16].map((v) => 1e9 + v));
    expect(d.mean).toBe(1e9 + 10);
    expect(d.sd).toBeCloseTo(Math.sqrt(30), 9);
  });

  it("skips NaN and ±∞; nothing left → nulls, one value → no sd", () => {
    const d = describe([NaN, 1, 3, -Infinity]);
    expect(d).toMatchObject({ count: 2, skipped: 2, mean: 2, median: 2, min: 1, max: 3 });
    expect(d.sd).toBeCloseTo(Math.SQRT2, 15);
    expect(describe([NaN])).toMatchObject({ count: 0, skipped: 1, mean: null, median: null, sd: null, min: null, max: null, sum: 0 });
    expect(describe([7])).toMatchObject({ count: 1, mean: 7, median: 7, sd: null });
    expect(describe([0.1, 0.1, 0.1]).mean).toBe(0.1);
    expect(describe([], { probabilities: [0.5] }).quantiles).toEqual([{ p: 0.5, value: null }]);
  });

  it("by segment: each group on its own, sorted, NaN counted per group", () => {
    const values = [10, 1, 20, 2, NaN, 30, 3];
    const segments = ["Champions", "Lost", "Champions", "Lost", "Lost", "Champions", "Lost"];
    const out = describeBySegment(values, segments, { probabilities: [0.25] });
    expect(out.map((s) => s.segment)).toEqual(["Champions", "Lost"]);
    expect(out[0]).toMatchObject({ count: 3, skipped: 0, mean: 20, median: 20, sd: 10, min: 10, max: 30, sum: 60 });
    expect(out[0].quantiles).toEqual([{ p: 0.25, value: 15 }]);
    expect(out[1]).toMatchObject({ count: 3, skipped: 1, mean: 2, median: 2, sd: 1 });
    const numeric = describeBySegment([5, 6, 7], [2, 10, 2]);
    expect(numeric.map((s) => [s.segment, s.count, s.mean])).toEqual([
      [2, 2, 6],
      [10, 1, 6],
    ]);
    expect(describeBySegment([], [])).toEqual([]);
    expect(() => describeBySegment([1], [])).toThrow(RangeError);
  });
});

group("adjusted Rand index", () => {
  it("scikit-learn's documented examples", () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1); // relabelling does not matter
    // hand: pairs together in both = 1, E = (2·1)/6 = 1/3, max = (2 + 1)/2 → (1 − 1/3)/(3/2 − 1/3) = 4/7 ≈ 0.57
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 15);
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(4 / 7, 15);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });

  it("trivial partitions and string labels", () => {
    expect(adjustedRandIndex([], [])).toBe(1);
    expect(adjustedRandIndex([3], [1])).toBe(1);
    expect(adjustedRandIndex(["a", "a", "b"], [1, 1, 2])).toBe(1);
    expect(() => adjustedRandIndex([1], [1, 2])).toThrow(RangeError);
  });
});

group("pearson", () => {
  it("is 1, -1 and null where it must be, and matches a hand value", async () => {
    const { pearson } = await import("@/lib/analytics/stats/correlation");
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    // x = 1..4, y = 1,3,2,4: Σdx·dy = 4, Σdx² = Σdy² = 5, so r = 4/5 by hand
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
  });
});
