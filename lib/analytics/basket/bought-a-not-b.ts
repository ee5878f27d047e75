// From a rule A → B to a campaign segment: the customers who have bought
// everything in A but not B — the people the rule says are likely to want B
// and do not have it yet.
//
// A customer "has not bought B" when at least one item of B is missing from
// their purchases (default, `missing: "any"`: the rule would still add
// something), or, with `missing: "all"`, when they have none of B.

export interface RuleSides {
  antecedent: readonly number[];
  consequent: readonly number[];
}

export interface BoughtANotBOptions {
  missing?: "any" | "all";
}

/**
 * `customers`: each customer's purchased items, e.g. a Map from customer id
 * to a Set (or array) of item ids. Returns the matching customer ids in the
 * order given.
 */
export function customersWithANotB<K>(
  rule: RuleSides,
  customers: Iterable<readonly [K, ReadonlySet<number> | Iterable<number>]>,
  options: BoughtANotBOptions = {},
): K[] {
  const missing = options.missing ?? "any";
  if (rule.antecedent.length === 0 || rule.consequent.length === 0) throw new RangeError("a rule needs a non-empty antecedent and consequent");
  const out: K[] = [];
  for (const [customer, bought] of customers) {
    const items: ReadonlySet<number> = bought instanceof Set ? bought : new Set(bought);
    if (!rule.antecedent.every((a) => items.has(a))) continue;
    const has = rule.consequent.filter((b) => items.has(b)).length;
    if (missing === "any" ? has < rule.consequent.length : has === 0) out.push(customer);
  }
  return out;
}

/** (customer, item) pairs — e.g. one per order line — to each customer's set of items, in first-seen order. */
export function itemsByCustomer<K>(customerIds: ArrayLike<K>, itemIds: ArrayLike<number>): Map<K, Set<number>> {
  if (customerIds.length !== itemIds.length) throw new RangeError(`${customerIds.length} customer ids for ${itemIds.length} items`);
  const map = new Map<K, Set<number>>();
  for (let i = 0; i < customerIds.length; i++) {
    let set = map.get(customerIds[i]);
    if (!set) {
      set = new Set();
      map.set(customerIds[i], set);
    }
    set.add(itemIds[i]);
  }
  return map;
}
