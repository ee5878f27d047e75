// Silhouette (Rousseeuw 1987) on hand-computed examples, the conventions for
// singletons and undefined cases, and the sampled estimate against the exact one.
import { describe, expect, it } from "vitest";
import { createRng, normalVariate } from "@/lib/analytics/clusters/random";
import { silhouetteSamples, silhouetteScore } from "@/lib/analytics/clusters/silhouette";

describe("silhouette, exact", () => {
  it("1-D: {0, 2} vs {5, 6}", () => {
    // point 0: a = |0−2| = 2, b = (5 + 6)/2 = 5.5 → (5.5 − 2)/5.5 = 7/11
    // point 2: a = 2, b = (3 + 4)/2 = 3.5 → 1.5/3.5 = 3/7
    // point 5: a = 1, b = (5 + 3)/2 = 4 → 3/4
    // point 6: a = 1, b = (6 + 4)/2 = 5 → 4/5
    // mean = (7/11 + 3/7 + 3/4 + 4/5)/4 = (980 + 660 + 1155 + 1232)/1540/4 = 4027/6160
    const data = [0, 2, 5, 6];
    const labels = [0, 0, 1, 1];
    const s = silhouetteSamples(data, 1, labels);
    expect(s[0]).toBeCloseTo(7 / 11, 15);
    expect(s[1]).toBeCloseTo(3 / 7, 15);
    expect(s[2]).toBeCloseTo(3 / 4, 15);
    expect(s[3]).toBeCloseTo(4 / 5, 15);
    const r = silhouetteScore(data, 1, labels);
    expect(r.score).toBeCloseTo(4027 / 6160, 15);
    expect(r).toMatchObject({ points: 4, sampled: false, clusters: 2 });
  });

  it("2-D on 3-4-5 triangles: {(0,0), (3,4)} vs {(6,8), (9,12)}", () => {
    // distances: (0,0)–(3,4) 5, –(6,8) 10, –(9,12) 15; (3,4)–(6,8) 5, –(9,12) 10; (6,8)–(9,12) 5
    // (0,0): a = 5, b = 12.5 → 0.6;  (3,4): a = 5, b = 7.5 → 1/3;  symmetric for the others
    // mean = (0.6 + 1/3)/2 = 7/15
    const r = silhouetteScore([0, 0, 3, 4, 6, 8, 9, 12], 2, [1, 1, 7, 7]);
    expect(r.score).toBeCloseTo(7 / 15, 15);
  });

  it("a point alone in its cluster scores 0 (Rousseeuw's convention)", () => {
    // {0, 1} vs {10}: s(0) = (10 − 1)/10 = 0.9, s(1) = (9 − 1)/9 = 8/9, s(10) = 0
    const s = silhouetteSamples([0, 1, 10], 1, [0, 0, 1]);
    expect(Array.from(s)).toEqual([0.9, 8 / 9, 0]);
    expect(silhouetteScore([0, 1, 10], 1, [0, 0, 1]).score).toBeCloseTo((0.9 + 8 / 9) / 3, 15);
  });

  it("does not depend on the label numbers", () => {
    const data = [0, 2, 5, 6, 20];
    expect(silhouetteScore(data, 1, [0, 0, 1, 1, 2]).score).toBe(silhouetteScore(data, 1, [9, 9, 4, 4, 0]).score);
  });

  it("undefined cases are null, duplicates score 0, never NaN", () => {
    expect(silhouetteScore([1, 2, 3], 1, [0, 0, 0]).score).toBeNull(); // one cluster
    expect(silhouetteScore([1, 2, 3], 1, [0, 1, 2]).score).toBeNull(); // every point alone
    expect(silhouetteScore([], 1, []).score).toBeNull();
    // identical points in two clusters: a = b = 0 → 0
    expect(silhouetteScore([5, 5, 5, 5], 1, [0, 0, 1, 1]).score).toBe(0);
    expect(Array.from(silhouetteSamples([1, 2], 1, [0, 0]))).toEqual([0, 0]);
    expect(() => silhouetteScore([1, 2], 1, [0, -1])).toThrow(RangeError);
    expect(() => silhouetteScore([1, 2], 1, [0])).toThrow(RangeError);
  });
});

describe("silhouette, sampled", () => {
  it("above the exact limit, a seeded 3,000-point sample is within 0.02 of the exact score and reproducible", () => {
    const rng = createRng(5);
    const n = 6000;
    const data = new Float64Array(n * 2);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = i % 3;
      labels[i] = c;
      // overlapping clusters so the score is far from 1 and the sample has something to miss
      data[i * 2] = c * 2.5 + normalVariate(rng);
      data[i * 2 + 1] = (c === 1 ? 2 : 0) + normalVariate(rng);
    }
    const exact = silhouetteScore(data, 2, labels, { exactLimit: Infinity });
    const sampled = silhouetteScore(data, 2, labels);
    expect(exact.sampled).toBe(false);
    expect(sampled).toMatchObject({ sampled: true, points: 3000, clusters: 3 });
    expect(Math.abs(sampled.score! - exact.score!)).toBeLessThan(0.02);
    expect(silhouetteScore(data, 2, labels).score).toBe(sampled.score);
    expect(silhouetteScore(data, 2, labels, { seed: 2 }).score).not.toBe(sampled.score);
  });
});
