// Product affinity on the product dashboard, from the newest basket analysis
// (basket_runs, association_rules; lib/analytics/insights/basket-run.ts): the top
// rules by lift, and the lift between the products of the strongest one-to-one
// rules as a matrix. Rules are a tenant-wide model of which products sell together
// (like the basket page, they carry no customer, so no data scope applies); the
// date, store and channel filters do not apply either — the page says so. Reads
// stored rules only: a few small, bounded queries.
import type { TenantTx } from "@/lib/db/tenant";

export const TOP_RULES = 10;
/** Products on each side of the lift matrix. */
export const AFFINITY_PRODUCTS = 8;
/** One-to-one rules read to pick the matrix's products (strongest first). */
const PAIR_RULES = 200;

export type AffinityProduct = { id: string; name: string };
export type AffinityRule = {
  id: string; antecedent: AffinityProduct[]; consequent: AffinityProduct[];
  support: number; confidence: number; lift: number; orders: number;
};
export type ProductAffinity = {
  /** null: no basket analysis has run yet. */
  run: { orders: number; rules: number; computedAt: Date } | null;
  rules: AffinityRule[];
  /** Lift is symmetric (P(AB) / P(A)P(B)): a rule in either direction fills both cells; null = no rule. */
  matrix: { products: AffinityProduct[]; lift: (number | null)[][] };
};

type RuleRow = { id: string; antecedent: string[]; consequent: string[]; support: number; confidence: number; lift: number; orders: number };

export async function productAffinity(tx: TenantTx, tenantId: string): Promise<ProductAffinity> {
  const empty = { rules: [], matrix: { products: [], lift: [] } };
  const [run] = await tx.$queryRaw<{ orders: number; rules: number; computedAt: Date }[]>`
    SELECT orders, rules, computed_at AS "computedAt" FROM basket_runs WHERE tenant_id = ${tenantId}::uuid`;
  if (!run) return { run: null, ...empty };
  const top = await tx.$queryRaw<RuleRow[]>`
    SELECT id::text, antecedent::text[], consequent::text[], support, confidence, lift, order_count AS orders
    FROM association_rules WHERE tenant_id = ${tenantId}::uuid
    ORDER BY lift DESC, confidence DESC, support DESC, id LIMIT ${TOP_RULES}`;
  const pairs = await tx.$queryRaw<{ a: string; b: string; lift: number }[]>`
    SELECT antecedent[1]::text AS a, consequent[1]::text AS b, lift
    FROM association_rules WHERE tenant_id = ${tenantId}::uuid AND cardinality(antecedent) = 1 AND cardinality(consequent) = 1
    ORDER BY lift DESC, confidence DESC, support DESC, id LIMIT ${PAIR_RULES}`;

  const chosen: string[] = [];
  for (const p of pairs) {
    for (const id of [p.a, p.b]) if (chosen.length < AFFINITY_PRODUCTS && !chosen.includes(id)) chosen.push(id);
    if (chosen.length >= AFFINITY_PRODUCTS) break;
  }
  const ids = [...new Set([...chosen, ...top.flatMap((r) => [...r.antecedent, ...r.consequent])])];
  const names = new Map((ids.length
    ? await tx.$queryRaw<AffinityProduct[]>`SELECT id::text, name FROM products WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])`
    : []).map((p) => [p.id, p.name]));
  const product = (id: string): AffinityProduct => ({ id, name: names.get(id) ?? id });

  const index = new Map(chosen.map((id, i) => [id, i]));
  const lift = chosen.map(() => chosen.map((): number | null => null));
  for (const p of pairs) {
    const i = index.get(p.a);
    const j = index.get(p.b);
    if (i === undefined || j === undefined) continue;
    lift[i]![j] = Math.max(lift[i]![j] ?? 0, p.lift);
    lift[j]![i] = Math.max(lift[j]![i] ?? 0, p.lift);
  }
  return {
    run,
    rules: top.map((r) => ({ ...r, antecedent: r.antecedent.map(product), consequent: r.consequent.map(product) })),
    matrix: { products: chosen.map(product), lift },
  };
}
