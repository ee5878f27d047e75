// Frequent itemsets by FP-growth (Han, Pei & Yin 2000; Han, Kamber & Pei,
// "Data Mining: Concepts and Techniques", 3rd ed., §6.2.4): exact — the same
// itemsets and counts as Apriori or brute force — without generating
// candidates. One pass counts items; a second inserts every transaction,
// its frequent items in descending frequency, into a prefix tree (the
// FP-tree) with node-links per item; mining then takes each item from the
// least frequent up, collects its conditional pattern base (the prefix paths
// above its nodes, with their counts), builds the conditional FP-tree of the
// items frequent there, and recurses.
//
// A transaction is a list of integer item ids (e.g. product ids of one
// order); repeats inside a transaction count once. The support of an itemset
// is (transactions containing all its items) / (all transactions, empty ones
// included).
//
// The tree lives in growable typed arrays (item, count, parent, first child,
// next sibling, next node of the same item), so 150k orders make a few
// hundred thousand nodes without one object per node. Items keep their
// global frequency order in every conditional tree, which is equally exact
// and saves re-ranking.

export interface FrequentItemsetOptions {
  /** minimum support as a fraction of transactions, in (0, 1] */
  minSupport?: number;
  /** minimum support as a number of transactions (≥ 1); with both, the stricter applies */
  minCount?: number;
  /** longest itemset to report (default: no limit) */
  maxLength?: number;
  /** stop after this many itemsets and set `truncated` (default 1,000,000): a guard against a too-low support */
  maxItemsets?: number;
}

export interface FrequentItemset {
  /** item ids, ascending */
  items: number[];
  /** transactions containing all the items */
  count: number;
  /** count / transactions */
  support: number;
}

export interface FrequentItemsetsResult {
  transactions: number;
  /** the count threshold applied */
  minCount: number;
  /** by length, then count (descending), then items */
  itemsets: FrequentItemset[];
  /** true when maxItemsets was reached: the list is incomplete */
  truncated: boolean;
}

/**
 * The smallest count c with c / N ≥ minSupport, computed so that float
 * rounding in minSupport × N (e.g. 0.07 × 100 = 7.000000000000001) does not
 * move the threshold.
 */
export function supportToCount(minSupport: number, transactions: number): number {
  if (!(minSupport > 0 && minSupport <= 1)) throw new RangeError(`minSupport must be in (0, 1], got ${minSupport}`);
  let c = Math.max(1, Math.ceil(minSupport * transactions));
  while (c > 1 && (c - 1) / transactions >= minSupport) c--;
  while (c / transactions < minSupport) c++;
  return c;
}

class FpTree {
  size = 1; // node 0 is the root
  item: Int32Array;
  count: Int32Array;
  parent: Int32Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  nextSame: Int32Array;
  /** first node of each item (rank), -1 if none */
  head: Int32Array;
  /** total count of each item in this tree */
  itemCount: Float64Array;

  constructor(
    readonly items: number,
    capacity: number,
  ) {
    const cap = Math.max(2, capacity + 1);
    this.item = new Int32Array(cap).fill(-1);
    this.count = new Int32Array(cap);
    this.parent = new Int32Array(cap).fill(-1);
    this.firstChild = new Int32Array(cap).fill(-1);
    this.nextSibling = new Int32Array(cap).fill(-1);
    this.nextSame = new Int32Array(cap).fill(-1);
    this.head = new Int32Array(items).fill(-1);
    this.itemCount = new Float64Array(items);
  }

  private grow() {
    const cap = this.item.length * 2;
    const g = (a: Int32Array) => {
      const b = new Int32Array(cap).fill(-1);
      b.set(a);
      return b;
    };
    this.item = g(this.item);
    this.parent = g(this.parent);
    this.firstChild = g(this.firstChild);
    this.nextSibling = g(this.nextSibling);
    this.nextSame = g(this.nextSame);
    const c = new Int32Array(cap);
    c.set(this.count);
    this.count = c;
  }

  /** Inserts a path of ranks (ascending = from the root down) with a count. */
  insert(path: Int32Array, from: number, to: number, count: number) {
    let node = 0;
    for (let p = from; p < to; p++) {
      const it = path[p];
      let child = this.firstChild[node];
      while (child !== -1 && this.item[child] !== it) child = this.nextSibling[child];
      if (child === -1) {
        if (this.size === this.item.length) this.grow();
        child = this.size++;
        this.item[child] = it;
        this.parent[child] = node;
        this.nextSibling[child] = this.firstChild[node];
        this.firstChild[node] = child;
        this.nextSame[child] = this.head[it];
        this.head[it] = child;
      }
      this.count[child] += count;
      this.itemCount[it] += count;
      node = child;
    }
  }
}

export function frequentItemsets(transactions: readonly ArrayLike<number>[], options: FrequentItemsetOptions): FrequentItemsetsResult {
  const N = transactions.length;
  if (options.minSupport === undefined && options.minCount === undefined) throw new RangeError("give minSupport (a fraction) or minCount");
  if (options.minCount !== undefined && !(Number.isInteger(options.minCount) && options.minCount >= 1)) {
    throw new RangeError(`minCount must be an integer ≥ 1, got ${options.minCount}`);
  }
  const maxLength = options.maxLength ?? Infinity;
  if (!(maxLength >= 1)) throw new RangeError(`maxLength must be ≥ 1, got ${maxLength}`);
  const maxItemsets = options.maxItemsets ?? 1_000_000;
  const minCount = Math.max(options.minCount ?? 1, options.minSupport !== undefined ? supportToCount(options.minSupport, Math.max(N, 1)) : 1);

  // Pass 1: dense ids, item counts (each item once per transaction), and the
  // transactions as one flat buffer of dense ids.
  let capacity = 0;
  for (let t = 0; t < N; t++) capacity += transactions[t].length;
  const flat = new Int32Array(capacity);
  const offsets = new Int32Array(N + 1);
  const denseOf = new Map<number, number>();
  const ids: number[] = [];
  let counts = new Float64Array(64);
  let seenIn = new Int32Array(64).fill(-1);
  let fill = 0;
  for (let t = 0; t < N; t++) {
    const tx = transactions[t];
    for (let p = 0; p < tx.length; p++) {
      const v = tx[p];
      let k = denseOf.get(v);
      if (k === undefined) {
        if (!Number.isSafeInteger(v)) throw new RangeError(`transaction ${t}: item ${v} is not an integer id`);
        k = ids.length;
        denseOf.set(v, k);
        ids.push(v);
        if (k === counts.length) {
          const c = new Float64Array(k * 2);
          c.set(counts);
          counts = c;
          const s2 = new Int32Array(k * 2).fill(-1);
          s2.set(seenIn);
          seenIn = s2;
        }
      }
      if (seenIn[k] === t) continue; // repeated inside this transaction
      seenIn[k] = t;
      counts[k]++;
      flat[fill++] = k;
    }
    offsets[t + 1] = fill;
  }
  // Frequent items ranked by count (descending), then id.
  const frequentDense: number[] = [];
  for (let k = 0; k < ids.length; k++) if (counts[k] >= minCount) frequentDense.push(k);
  frequentDense.sort((a, b) => counts[b] - counts[a] || ids[a] - ids[b]);
  const F = frequentDense.length;
  const idOfRank = frequentDense.map((k) => ids[k]);
  const rankOfDense = new Int32Array(ids.length).fill(-1);
  frequentDense.forEach((k, r) => (rankOfDense[k] = r));

  // Pass 2: the FP-tree, each transaction's frequent items in rank order.
  let frequentOccurrences = 0;
  for (let p = 0; p < fill; p++) if (rankOfDense[flat[p]] >= 0) frequentOccurrences++;
  const tree = new FpTree(F, Math.min(frequentOccurrences, 1 << 16));
  const path = new Int32Array(F);
  for (let t = 0; t < N; t++) {
    let m = 0;
    for (let p = offsets[t]; p < offsets[t + 1]; p++) {
      const r = rankOfDense[flat[p]];
      if (r < 0) continue;
      // insertion sort: baskets are short
      let q = m++;
      while (q > 0 && path[q - 1] > r) {
        path[q] = path[q - 1];
        q--;
      }
      path[q] = r;
    }
    if (m > 0) tree.insert(path, 0, m, 1);
  }

  const found: { ranks: number[]; count: number }[] = [];
  let truncated = false;

  const mine = (t: FpTree, suffix: number[]): void => {
    for (let r = t.items - 1; r >= 0; r--) {
      if (truncated) return;
      const support = t.itemCount[r];
      if (support < minCount) continue;
      const itemset = [...suffix, r];
      if (found.length >= maxItemsets) {
        truncated = true;
        return;
      }
      found.push({ ranks: itemset, count: support });
      if (itemset.length >= maxLength || r === 0) continue;
      // Conditional pattern base of r: prefix paths above its nodes.
      const condCount = new Float64Array(r);
      let pathItems = 0;
      for (let node = t.head[r]; node !== -1; node = t.nextSame[node]) {
        const c = t.count[node];
        for (let p = t.parent[node]; p > 0; p = t.parent[p]) {
          condCount[t.item[p]] += c;
          pathItems++;
        }
      }
      let any = false;
      for (let q = 0; q < r; q++) if (condCount[q] >= minCount) any = true;
      if (!any) continue;
      const cond = new FpTree(r, pathItems);
      const buffer = new Int32Array(r);
      for (let node = t.head[r]; node !== -1; node = t.nextSame[node]) {
        let m = 0;
        for (let p = t.parent[node]; p > 0; p = t.parent[p]) if (condCount[t.item[p]] >= minCount) buffer[m++] = t.item[p];
        if (m === 0) continue;
        buffer.subarray(0, m).reverse(); // root first: ascending rank
        cond.insert(buffer, 0, m, t.count[node]);
      }
      mine(cond, itemset);
    }
  };
  if (F > 0) mine(tree, []);

  const itemsets: FrequentItemset[] = found.map(({ ranks, count }) => ({
    items: ranks.map((r) => idOfRank[r]).sort((a, b) => a - b),
    count,
    support: count / N,
  }));
  itemsets.sort((a, b) => a.items.length - b.items.length || b.count - a.count || compareItems(a.items, b.items));
  return { transactions: N, minCount, itemsets, truncated };
}

/** Lexicographic order of two ascending id lists. */
export function compareItems(a: readonly number[], b: readonly number[]): number {
  const m = Math.min(a.length, b.length);
  for (let i = 0; i < m; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Key of an ascending id list, for lookups. */
export const itemsetKey = (items: readonly number[]) => items.join(",");
