// countTriplets: the distinct (x, t_x, T) the BG/NBD is fitted on, with how many
// customers share each — the GROUP BY the scoring run used to run in SQL.
import { describe, expect, it } from "vitest";
import { countTriplets } from "@/lib/analytics/scoring/model-input";

const f = (a: number[]) => Float64Array.from(a);

describe("countTriplets", () => {
  it("counts each distinct triplet once, in order of first appearance", () => {
    const t = countTriplets(f([0, 2, 0, 2, 2, 1]), f([0, 30, 0, 30, 31, 5]), f([10, 40, 10, 40, 40, 40]));
    expect(Array.from(t.x)).toEqual([0, 2, 2, 1]);
    expect(Array.from(t.tx)).toEqual([0, 30, 31, 5]);
    expect(Array.from(t.T)).toEqual([10, 40, 40, 40]);
    expect(Array.from(t.w)).toEqual([2, 2, 1, 1]);
  });

  it("keeps triplets apart that a packed key could confuse", () => {
    // (x, t_x, T) = (1, 1, 0) and (1, 0, 2^26) would collide if T could reach 2^26: it cannot.
    expect(() => countTriplets(f([1]), f([0]), f([2 ** 26]))).toThrow(RangeError);
    const t = countTriplets(f([1, 2, 1]), f([1, 0, 0]), f([0, 67108863, 67108863]));
    expect(Array.from(t.w)).toEqual([1, 1, 1]);
  });

  it("weights sum to the rows", () => {
    const n = 5000;
    const x = f(Array.from({ length: n }, (_, i) => i % 7));
    const tx = f(Array.from({ length: n }, (_, i) => (i % 7) * (i % 3)));
    const T = f(Array.from({ length: n }, (_, i) => 100 + (i % 11)));
    const t = countTriplets(x, tx, T);
    expect(t.w.reduce((a, b) => a + b, 0)).toBe(n);
    expect(new Set(Array.from(t.x, (_, i) => `${t.x[i]},${t.tx[i]},${t.T[i]}`)).size).toBe(t.x.length);
  });
});
