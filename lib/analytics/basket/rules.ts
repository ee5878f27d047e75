// Association rules A → B from frequent itemsets (Agrawal, Imieliński & Swami
// 1993; Han, Kamber & Pei §6.2.2). For every frequent itemset I and every
// split into non-empty A and B = I \ A, with N transactions:
//
//   support    = P(A ∪ B)                  = count(I) / N
//   confidence = P(B | A)                  = count(I) / count(A)
//   lift       = confidence / P(B)         (1 = independent; > 1 = bought together more than by chance)
//   leverage   = P(A ∪ B) − P(A)·P(B)      (Piatetsky-Shapiro 1991; extra share of baskets with both)
//   conviction = (1 − P(B)) / (1 − conf)   (Brin et al. 1997; null when conf = 1, i.e. infinite)
//
// Every subset of a frequent itemset is frequent, so all the counts are in
// the itemset list. Rules are sorted by lift, then confidence, then support
// (all descending), then by antecedent and consequent ids, so the order is
// deterministic.
import { compareItems, itemsetKey, type FrequentItemsetsResult } from "./fpgrowth";

export interface AssociationRule {
  antecedent: number[];
  consequent: number[];
  /** transactions with all items of both sides */
  count: number;
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  /** null when confidence = 1 (the rule never fails: infinite conviction) */
  conviction: number | null;
  antecedentSupport: number;
  consequentSupport: number;
}

export interface RuleOptions {
  /** default 0.5 */
  minConfidence?: number;
  /** default 0 (no filter) */
  minLift?: number;
  /** default: no limit */
  maxAntecedentLength?: number;
  /** default: no limit; 1 gives "customers who bought A also buy b" rules */
  maxConsequentLength?: number;
}

export function associationRules(result: FrequentItemsetsResult, options: RuleOptions = {}): AssociationRule[] {
  const minConfidence = options.minConfidence ?? 0.5;
  const minLift = options.minLift ?? 0;
  const maxA = options.maxAntecedentLength ?? Infinity;
  const maxB = options.maxConsequentLength ?? Infinity;
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new RangeError(`minConfidence must be in [0, 1], got ${minConfidence}`);
  const N = result.transactions;
  if (N === 0) return [];
  const counts = new Map<string, number>();
  for (const s of result.itemsets) counts.set(itemsetKey(s.items), s.count);

  const rules: AssociationRule[] = [];
  for (const set of result.itemsets) {
    const L = set.items.length;
    if (L < 2) continue;
    if (L > 30) throw new RangeError("itemsets longer than 30 items: set maxLength");
    const full = (1 << L) - 1;
    for (let mask = 1; mask < full; mask++) {
      const antecedent: number[] = [];
      const consequent: number[] = [];
      for (let i = 0; i < L; i++) (mask & (1 << i) ? antecedent : consequent).push(set.items[i]);
      if (antecedent.length > maxA || consequent.length > maxB) continue;
      const countA = counts.get(itemsetKey(antecedent));
      const countB = counts.get(itemsetKey(consequent));
      if (countA === undefined || countB === undefined) continue; // only when the itemset list was truncated
      const confidence = set.count / countA;
      if (confidence < minConfidence) continue;
      const support = set.count / N;
      const supportA = countA / N;
      const supportB = countB / N;
      const lift = confidence / supportB;
      if (lift < minLift) continue;
      rules.push({
        antecedent,
        consequent,
        count: set.count,
        support,
        confidence,
        lift,
        leverage: support - supportA * supportB,
        conviction: set.count === countA ? null : (1 - supportB) / (1 - confidence),
        antecedentSupport: supportA,
        consequentSupport: supportB,
      });
    }
  }
  rules.sort(
    (a, b) =>
      b.lift - a.lift ||
      b.confidence - a.confidence ||
      b.support - a.support ||
      compareItems(a.antecedent, b.antecedent) ||
      compareItems(a.consequent, b.consequent),
  );
  return rules;
}
