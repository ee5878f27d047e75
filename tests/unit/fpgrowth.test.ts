// FP-growth against the textbook example (Han, Kamber & Pei, "Data Mining:
// Concepts and Techniques", 3rd ed., Table 6.1 / Figure 6.2 / Table 6.2) and
// against a brute-force enumerator on seeded random data.
import { describe, expect, it } from "vitest";
import { frequentItemsets, supportToCount, type FrequentItemset } from "@/lib/analytics/basket/fpgrowth";
import { createRng } from "@/lib/analytics/clusters/random";

// Table 6.1, items I1..I5 as 1..5
const HAN_TABLE_6_1 = [
  [1, 2, 5], // T100
  [2, 4], // T200
  [2, 3], // T300
  [1, 2, 4], // T400
  [1, 3], // T500
  [2, 3], // T600
  [1, 3], // T700
  [1, 2, 3, 5], // T800
  [1, 2, 3], // T900
];

const show = (sets: FrequentItemset[]) => sets.map((s) => `${s.items.join(",")}:${s.count}`).sort();

/** Every subset of the items present, counted by scanning all transactions. */
function bruteForce(transactions: number[][], minCount: number, maxLength: number): string[] {
  const items = [...new Set(transactions.flat())].sort((a, b) => a - b);
  const sets = transactions.map((t) => new Set(t));
  const out: string[] = [];
  for (let mask = 1; mask < 1 << items.length; mask++) {
    const chosen = items.filter((_, i) => mask & (1 << i));
    if (chosen.length > maxLength) continue;
    const count = sets.filter((s) => chosen.every((x) => s.has(x))).length;
    if (count >= minCount) out.push(`${chosen.join(",")}:${count}`);
  }
  return out.sort();
}

describe("FP-growth on Han, Kamber & Pei Table 6.1 (min support count 2)", () => {
  const expected = [
    // L1
    "1:6", "2:7", "3:6", "4:2", "5:2",
    // L2
    "1,2:4", "1,3:4", "1,5:2", "2,3:4", "2,4:2", "2,5:2",
    // L3 — {I1,I2,I3}:2 and {I1,I2,I5}:2
    "1,2,3:2", "1,2,5:2",
  ].sort();

  it("finds exactly the 13 frequent itemsets of Figure 6.2 / Table 6.2", () => {
    const r = frequentItemsets(HAN_TABLE_6_1, { minCount: 2 });
    expect(show(r.itemsets)).toEqual(expected);
    expect(r).toMatchObject({ transactions: 9, minCount: 2, truncated: false });
    const i125 = r.itemsets.find((s) => s.items.join() === "1,2,5")!;
    expect(i125.support).toBeCloseTo(2 / 9, 15);
  });

  it("the same with min support 2/9 as a fraction (22%)", () => {
    expect(show(frequentItemsets(HAN_TABLE_6_1, { minSupport: 2 / 9 }).itemsets)).toEqual(expected);
    expect(show(frequentItemsets(HAN_TABLE_6_1, { minSupport: 0.22 }).itemsets)).toEqual(expected);
  });

  it("output order: by length, then count descending, then items", () => {
    const r = frequentItemsets(HAN_TABLE_6_1, { minCount: 2 });
    expect(r.itemsets.map((s) => s.items.join(","))).toEqual(["2", "1", "3", "4", "5", "1,2", "1,3", "2,3", "1,5", "2,4", "2,5", "1,2,3", "1,2,5"]);
  });

  it("maxLength 2 stops at pairs; a higher threshold keeps fewer", () => {
    expect(show(frequentItemsets(HAN_TABLE_6_1, { minCount: 2, maxLength: 2 }).itemsets)).toEqual(expected.filter((s) => s.split(",").length <= 2));
    expect(show(frequentItemsets(HAN_TABLE_6_1, { minCount: 4 }).itemsets)).toEqual(["1,2:4", "1,3:4", "1:6", "2,3:4", "2:7", "3:6"]);
    // with both, the stricter applies
    expect(frequentItemsets(HAN_TABLE_6_1, { minCount: 2, minSupport: 0.4 }).minCount).toBe(4);
  });
});

describe("FP-growth against brute force", () => {
  it("identical itemsets and counts on 40 seeded random data sets", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = createRng(seed);
      const universe = 4 + rng.nextInt(9); // 4..12 items
      const ids = Array.from({ length: universe }, (_, i) => (i % 3 === 2 ? 1_000_000 + i : i)); // some large ids
      const popularity = ids.map(() => 0.1 + 0.6 * rng.next());
      const transactions: number[][] = [];
      const N = 5 + rng.nextInt(60);
      for (let t = 0; t < N; t++) {
        const tx: number[] = [];
        ids.forEach((id, i) => {
          if (rng.next() < popularity[i]) tx.push(id);
        });
        if (tx.length && rng.next() < 0.2) tx.push(tx[0]); // a repeated item counts once
        transactions.push(tx.reverse());
      }
      const minCount = 1 + rng.nextInt(Math.max(1, Math.floor(N / 3)));
      const maxLength = rng.next() < 0.3 ? 2 + rng.nextInt(2) : Infinity;
      const ours = frequentItemsets(transactions, { minCount, maxLength });
      expect(show(ours.itemsets), `seed ${seed}`).toEqual(bruteForce(transactions, minCount, maxLength));
      for (const s of ours.itemsets) expect(s.support).toBe(s.count / N);
    }
  });
});

describe("FP-growth edge cases", () => {
  it("empty input and empty transactions", () => {
    expect(frequentItemsets([], { minSupport: 0.1 })).toEqual({ transactions: 0, minCount: 1, itemsets: [], truncated: false });
    const r = frequentItemsets([[], [], [7]], { minCount: 1 });
    expect(r.transactions).toBe(3);
    expect(r.itemsets).toEqual([{ items: [7], count: 1, support: 1 / 3 }]);
    expect(frequentItemsets([[1, 2]], { minCount: 2 }).itemsets).toEqual([]);
  });

  it("a repeated item counts once per transaction", () => {
    const r = frequentItemsets([[3, 3, 3], [3]], { minCount: 1 });
    expect(r.itemsets).toEqual([{ items: [3], count: 2, support: 1 }]);
  });

  it("support threshold is not moved by float rounding", () => {
    expect(supportToCount(0.07, 100)).toBe(7); // 0.07·100 = 7.000000000000001
    expect(supportToCount(0.1, 10)).toBe(1);
    expect(supportToCount(1, 5)).toBe(5);
    expect(supportToCount(0.001, 150_000)).toBe(150);
    expect(() => supportToCount(0, 5)).toThrow(RangeError);
  });

  it("guards: bad ids and thresholds throw; maxItemsets truncates and says so", () => {
    expect(() => frequentItemsets([[1.5]], { minCount: 1 })).toThrow(/integer/);
    expect(() => frequentItemsets([[1]], {})).toThrow(/minSupport/);
    expect(() => frequentItemsets([[1]], { minCount: 0 })).toThrow(RangeError);
    const r = frequentItemsets(HAN_TABLE_6_1, { minCount: 2, maxItemsets: 5 });
    expect(r.truncated).toBe(true);
    expect(r.itemsets.length).toBe(5);
  });
});
