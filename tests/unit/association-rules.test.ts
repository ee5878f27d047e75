// Rule metrics on the textbook example (Han, Kamber & Pei §6.2.2, rules from
// {I1, I2, I5}) and hand-computed lift, leverage and conviction; the
// "bought A but not B" segment.
import { describe, expect, it } from "vitest";
import { customersWithANotB, itemsByCustomer } from "@/lib/analytics/basket/bought-a-not-b";
import { frequentItemsets } from "@/lib/analytics/basket/fpgrowth";
import { associationRules, type AssociationRule } from "@/lib/analytics/basket/rules";

// Han, Kamber & Pei Table 6.1, items I1..I5 as 1..5 (as in fpgrowth.test.ts)
const HAN_TABLE_6_1 = [[1, 2, 5], [2, 4], [2, 3], [1, 2, 4], [1, 3], [2, 3], [1, 3], [1, 2, 3, 5], [1, 2, 3]];

const key = (r: AssociationRule) => `${r.antecedent.join(",")}=>${r.consequent.join(",")}`;
const all = () => associationRules(frequentItemsets(HAN_TABLE_6_1, { minCount: 2 }), { minConfidence: 0 });

describe("association rules", () => {
  it("the six rules from {I1, I2, I5} with the book's confidences", () => {
    const rules = all().filter((r) => [...r.antecedent, ...r.consequent].sort().join() === "1,2,5");
    const conf = Object.fromEntries(rules.map((r) => [key(r), r.confidence]));
    expect(Object.keys(conf).sort()).toEqual(["1,2=>5", "1,5=>2", "1=>2,5", "2,5=>1", "2=>1,5", "5=>1,2"]);
    expect(conf["1,2=>5"]).toBe(2 / 4); // 50%
    expect(conf["1,5=>2"]).toBe(1); // 100%
    expect(conf["2,5=>1"]).toBe(1); // 100%
    expect(conf["1=>2,5"]).toBe(2 / 6); // 33%
    expect(conf["2=>1,5"]).toBe(2 / 7); // 29%
    expect(conf["5=>1,2"]).toBe(1); // 100%
  });

  it("lift, leverage and conviction by hand", () => {
    const rules = new Map(all().map((r) => [key(r), r]));
    // {I1,I2} ⇒ I5: support 2/9, confidence 1/2, P(I5) = 2/9
    const a = rules.get("1,2=>5")!;
    expect(a.count).toBe(2);
    expect(a.support).toBeCloseTo(2 / 9, 15);
    expect(a.antecedentSupport).toBeCloseTo(4 / 9, 15);
    expect(a.consequentSupport).toBeCloseTo(2 / 9, 15);
    expect(a.lift).toBeCloseTo(0.5 / (2 / 9), 14); // 2.25
    expect(a.leverage).toBeCloseTo(2 / 9 - (4 / 9) * (2 / 9), 15); // 10/81
    expect(a.conviction).toBeCloseTo((1 - 2 / 9) / (1 - 0.5), 14); // 14/9
    // {I1,I5} ⇒ I2: confidence 1 → conviction infinite (null); lift = 1/(7/9) = 9/7
    const b = rules.get("1,5=>2")!;
    expect(b.lift).toBeCloseTo(9 / 7, 14);
    expect(b.conviction).toBeNull();
    // I1 ⇒ I2: confidence 4/6, lift (4/6)/(7/9) = 6/7 < 1 (bought together less than by chance)
    expect(rules.get("1=>2")!.lift).toBeCloseTo(6 / 7, 14);
  });

  it("sorted by lift, then confidence, then support; all metrics finite or null", () => {
    const rules = all();
    for (let i = 1; i < rules.length; i++) {
      const [p, q] = [rules[i - 1], rules[i]];
      expect(p.lift > q.lift || (p.lift === q.lift && (p.confidence > q.confidence || (p.confidence === q.confidence && p.support >= q.support)))).toBe(true);
    }
    expect(key(rules[0])).toBe("5=>1,2"); // lift 1/(4/9) = 2.25, confidence 1
    for (const r of rules) for (const v of [r.support, r.confidence, r.lift, r.leverage]) expect(Number.isFinite(v)).toBe(true);
  });

  it("filters: min confidence, min lift, side lengths", () => {
    const result = frequentItemsets(HAN_TABLE_6_1, { minCount: 2 });
    const strong = associationRules(result, { minConfidence: 0.7 });
    expect(strong.every((r) => r.confidence >= 0.7)).toBe(true);
    expect(strong.map(key).sort()).toEqual(["1,5=>2", "2,5=>1", "4=>2", "5=>1", "5=>1,2", "5=>2"]);
    expect(associationRules(result, { minConfidence: 0, minLift: 1.01 }).every((r) => r.lift >= 1.01)).toBe(true);
    expect(associationRules(result, { minConfidence: 0, maxConsequentLength: 1 }).every((r) => r.consequent.length === 1)).toBe(true);
    expect(associationRules(result, { minConfidence: 0, maxAntecedentLength: 1 }).every((r) => r.antecedent.length === 1)).toBe(true);
    expect(() => associationRules(result, { minConfidence: 2 })).toThrow(RangeError);
  });

  it("empty input gives no rules", () => {
    expect(associationRules(frequentItemsets([], { minSupport: 0.5 }))).toEqual([]);
    expect(associationRules(frequentItemsets([[1], [2]], { minCount: 1 }))).toEqual([]);
  });
});

describe("customers who bought A but not B", () => {
  const bought = new Map<string, number[]>([
    ["ann", [1, 2, 5]],
    ["bob", [1, 2]],
    ["cat", [1]],
    ["dan", [1, 2, 3]],
    ["eve", [2, 5, 9]],
  ]);

  it("all of A, not B", () => {
    expect(customersWithANotB({ antecedent: [1, 2], consequent: [5] }, bought)).toEqual(["bob", "dan"]);
    expect(customersWithANotB({ antecedent: [2], consequent: [5] }, bought)).toEqual(["bob", "dan"]);
  });

  it("a multi-item B: missing any of it (default) or all of it", () => {
    const rule = { antecedent: [1], consequent: [2, 5] };
    expect(customersWithANotB(rule, bought)).toEqual(["bob", "cat", "dan"]);
    expect(customersWithANotB(rule, bought, { missing: "all" })).toEqual(["cat"]);
  });

  it("from order lines, and with a rule object from associationRules", () => {
    const sets = itemsByCustomer([10, 10, 11, 12, 12, 10], [1, 2, 1, 1, 5, 5]);
    expect([...sets.keys()]).toEqual([10, 11, 12]);
    expect([...sets.get(10)!]).toEqual([1, 2, 5]);
    const rule = all().find((r) => key(r) === "1=>2")!;
    expect(customersWithANotB(rule, sets)).toEqual([11, 12]);
    expect(customersWithANotB(rule, new Map())).toEqual([]);
    expect(() => customersWithANotB({ antecedent: [], consequent: [1] }, sets)).toThrow(RangeError);
  });
});
