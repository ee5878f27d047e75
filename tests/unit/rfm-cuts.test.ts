// The R/F/M quintile cuts worked out in Node (rfm/cuts.ts) against the rule they
// stand for: every customer's score is rfm_quintile of its RANK() (quintileOfRank),
// and the CASE the cuts become (quintileCutsSql) gives each value that score.
import { describe, expect, it } from "vitest";
import { centsText, integerText, quintileCuts } from "@/lib/analytics/rfm/cuts";
import { quintileOfRank, type QuintileCut } from "@/lib/analytics/rfm/sql";
import { createRng } from "@/lib/analytics/clusters/random";

/** RANK() of each value: 1 + the values strictly before it in the order. */
function ranks(values: number[], direction: "ASC" | "DESC"): number[] {
  return values.map((v) => 1 + values.filter((w) => (direction === "ASC" ? w < v : w > v)).length);
}

/** The score quintileCutsSql's CASE gives a value: the first cut (highest score first) it reaches, else the lowest. */
function scoreByCuts(v: number, cuts: QuintileCut[], direction: "ASC" | "DESC"): number {
  for (const c of cuts.slice(0, -1)) if (direction === "ASC" ? v >= Number(c.bound) : v <= Number(c.bound)) return c.score;
  return cuts[cuts.length - 1]!.score;
}

describe("quintileCuts", () => {
  it("scores every value as rfm_quintile of its rank, ties and all, in both directions", () => {
    const rng = createRng(11);
    const u = () => rng.next();
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + Math.floor(u() * 60);
      const spread = 1 + Math.floor(u() * (trial % 2 ? 5 : 200));
      const values = Array.from({ length: n }, () => Math.floor(u() * spread));
      for (const direction of ["ASC", "DESC"] as const) {
        const cuts = quintileCuts(values, direction, integerText);
        const expected = ranks(values, direction).map((k) => quintileOfRank(k, n));
        expect(values.map((v) => scoreByCuts(v, cuts, direction))).toEqual(expected);
        // Highest score first, one cut per score some value has.
        expect(cuts.map((c) => c.score)).toEqual([...new Set(expected)].sort((a, b) => b - a));
      }
    }
  });

  it("keeps the smallest value of each score ascending and the largest descending", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quintileCuts(values, "ASC", integerText)).toEqual([
      { score: 5, bound: "9" }, { score: 4, bound: "7" }, { score: 3, bound: "5" }, { score: 2, bound: "3" }, { score: 1, bound: "1" },
    ]);
    expect(quintileCuts(values, "DESC", integerText)).toEqual([
      { score: 5, bound: "2" }, { score: 4, bound: "4" }, { score: 3, bound: "6" }, { score: 2, bound: "8" }, { score: 1, bound: "10" },
    ]);
    // A tie takes the score of its first row: the seven 1s all score 1, the rest start at rank 8.
    expect(quintileCuts([1, 1, 1, 1, 1, 1, 1, 2, 3, 4], "ASC", integerText).map((c) => c.score)).toEqual([5, 4, 1]);
    expect(quintileCuts([], "ASC", integerText)).toEqual([]);
    expect(() => quintileCuts([1, Number.NaN], "ASC", integerText)).toThrow(RangeError);
  });

  it("writes cents as yuan with two decimals, exactly", () => {
    expect([0, 5, 99, 100, 12345, -150, 123456789012].map(centsText)).toEqual(["0.00", "0.05", "0.99", "1.00", "123.45", "-1.50", "1234567890.12"]);
    expect(() => centsText(1.5)).toThrow(RangeError);
    expect(() => integerText(2.5)).toThrow(RangeError);
  });
});
