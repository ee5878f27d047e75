// Benchmark: frequent itemsets (FP-growth) and association rules on synthetic
// orders — by default 150,000 orders over 200 products with Zipf-like
// popularity and a few planted "bought together" pairs and triples — then the
// "bought A but not B" segment for the top rule over 60,000 customers.
// Prints figures; not a test.
//
//   npx tsx bench/fpgrowth.ts                 # 150,000 orders × 200 products
//   npx tsx bench/fpgrowth.ts 500000 400      # orders, products
import { customersWithANotB } from "../lib/analytics/basket/bought-a-not-b";
import { frequentItemsets } from "../lib/analytics/basket/fpgrowth";
import { associationRules } from "../lib/analytics/basket/rules";
import { createRng } from "../lib/analytics/clusters/random";

const orders = Number(process.argv[2] ?? 150_000);
const products = Number(process.argv[3] ?? 200);
const customers = Math.round(orders * 0.4);
const ms = (v: number) => `${v.toFixed(0)} ms`;
const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const out = f();
  return [out, performance.now() - t0];
};

console.log(`node ${process.version}, ${process.arch}; ${orders.toLocaleString("en")} orders × ${products} products, ${customers.toLocaleString("en")} customers`);

const rng = createRng(7);
// Zipf(1) popularity over product ids 1000..1000+products−1
const weights = Array.from({ length: products }, (_, i) => 1 / (i + 1));
const cumulative: number[] = [];
weights.reduce((s, w, i) => (cumulative[i] = s + w), 0);
const total = cumulative[products - 1];
const drawProduct = () => {
  const r = rng.next() * total;
  let lo = 0;
  let hi = products - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return 1000 + lo;
};
// Planted: phone (1000) → case (1150) 40%, → screen protector (1151) 30%, and both → charger (1152) 50%.
const transactions: number[][] = [];
const owner = new Int32Array(orders);
let items = 0;
for (let t = 0; t < orders; t++) {
  const basket = new Set<number>();
  let size = 1;
  while (size < 8 && rng.next() < 0.55) size++;
  for (let s = 0; s < size; s++) basket.add(drawProduct());
  if (basket.has(1000)) {
    const hasCase = rng.next() < 0.4;
    const hasGuard = rng.next() < 0.3;
    if (hasCase) basket.add(1150);
    if (hasGuard) basket.add(1151);
    if (hasCase && hasGuard && rng.next() < 0.5) basket.add(1152);
  }
  transactions.push([...basket]);
  owner[t] = rng.nextInt(customers);
  items += basket.size;
}
console.log(`mean basket ${(items / orders).toFixed(2)} items`);

for (const minSupport of [0.01, 0.002, 0.0005]) {
  const [result, fpMs] = time(() => frequentItemsets(transactions, { minSupport }));
  const [rules, ruleMs] = time(() => associationRules(result, { minConfidence: 0.2 }));
  const byLength = new Map<number, number>();
  for (const s of result.itemsets) byLength.set(s.items.length, (byLength.get(s.items.length) ?? 0) + 1);
  console.log(
    `minSupport ${minSupport} (count ≥ ${result.minCount}): FP-growth ${ms(fpMs)}, ${result.itemsets.length.toLocaleString("en")} itemsets ` +
      `(${[...byLength].map(([l, c]) => `${c} of ${l}`).join(", ")}); rules (confidence ≥ 0.2) ${ms(ruleMs)}, ${rules.length.toLocaleString("en")} rules`,
  );
  if (minSupport === 0.002) {
    for (const r of rules.slice(0, 5)) {
      console.log(
        `  {${r.antecedent.join(",")}} → {${r.consequent.join(",")}}  support ${r.support.toFixed(4)}  confidence ${r.confidence.toFixed(3)}  lift ${r.lift.toFixed(2)}`,
      );
    }
  }
}

const result = frequentItemsets(transactions, { minSupport: 0.002 });
const top = associationRules(result, { minConfidence: 0.2 })[0];
const [perCustomer, groupMs] = time(() => {
  const map = new Map<number, Set<number>>();
  for (let t = 0; t < orders; t++) {
    let set = map.get(owner[t]);
    if (!set) map.set(owner[t], (set = new Set()));
    for (const it of transactions[t]) set.add(it);
  }
  return map;
});
const [targets, segMs] = time(() => customersWithANotB(top, perCustomer));
console.log(
  `bought {${top.antecedent.join(",")}} but not {${top.consequent.join(",")}}: ${targets.length.toLocaleString("en")} of ${perCustomer.size.toLocaleString("en")} customers in ${ms(segMs)} (grouping order lines per customer ${ms(groupMs)})`,
);
