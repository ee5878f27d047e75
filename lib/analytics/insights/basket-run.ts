// The tenant's market-basket rules, run by the `analytics` job and stored in
// association_rules (one set per tenant, replaced by every run) with the run's
// thresholds and counts in basket_runs.
//
// Transactions: the product ids of each purchase order (paid, not cancelled, not
// refunded — the scoring features' rule as of now) of a customer not deleted;
// repeats in an order count once; orders without lines are not transactions (an
// order imported without its items says nothing about what is bought together).
// FP-growth finds the frequent itemsets (up to `maxLength` items) and rules keep
// one product on the right-hand side ("customers who bought A also buy b"), the
// form a campaign uses. At most `maxRules` rules are kept, best lift first.
import type { TenantTx } from "@/lib/db/tenant";
import { frequentItemsets } from "@/lib/analytics/basket/fpgrowth";
import { associationRules } from "@/lib/analytics/basket/rules";
import { withoutNestedLoops } from "@/lib/analytics/insights/planner";

export type BasketRunOptions = {
  minSupport?: number;
  minConfidence?: number;
  maxLength?: number;
  maxRules?: number;
};

export const BASKET_DEFAULTS = { minSupport: 0.01, minConfidence: 0.2, maxLength: 3, maxRules: 500 } as const;

export type BasketRunResult = { orders: number; itemsets: number; rules: number; truncated: boolean };

export async function runBasketRules(tx: TenantTx, tenantId: string, options: BasketRunOptions = {}): Promise<BasketRunResult> {
  const started = performance.now();
  const minSupport = options.minSupport ?? BASKET_DEFAULTS.minSupport;
  const minConfidence = options.minConfidence ?? BASKET_DEFAULTS.minConfidence;
  const maxLength = options.maxLength ?? BASKET_DEFAULTS.maxLength;
  const maxRules = options.maxRules ?? BASKET_DEFAULTS.maxRules;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('basket'), hashtext(${tenantId}))`;

  // Products become small integers in SQL (dense_rank), orders arrive grouped.
  // The uuid travels once per product (on its first line), not once per line.
  const lines = await withoutNestedLoops(tx, () => tx.$queryRaw<{ o: number; p: number; product_id: string | null }[]>`
    WITH lines AS (
      SELECT DISTINCT oi.order_id, oi.product_id
      FROM order_items oi
      JOIN orders o ON o.tenant_id = oi.tenant_id AND o.id = oi.order_id
      JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id AND c.deleted_at IS NULL
      WHERE oi.tenant_id = (SELECT app_current_tenant()) AND o.paid_at IS NOT NULL
        AND o.status NOT IN ('cancelled', 'refunded') AND o.refunded_at IS NULL
    )
    SELECT (dense_rank() OVER (ORDER BY order_id))::int AS o, (dense_rank() OVER (ORDER BY product_id))::int AS p,
           CASE WHEN row_number() OVER (PARTITION BY product_id ORDER BY order_id) = 1 THEN product_id::text END AS product_id
    FROM lines ORDER BY 1`);

  const products = new Map<number, string>();
  const transactions: number[][] = [];
  for (const line of lines) {
    if (line.product_id) products.set(line.p, line.product_id);
    const t = (transactions[line.o - 1] ??= []);
    t.push(line.p);
  }
  const itemsets = frequentItemsets(transactions, { minSupport, maxLength, maxItemsets: 200_000 });
  const rules = associationRules(itemsets, { minConfidence, maxConsequentLength: 1 }).slice(0, maxRules);

  await tx.$executeRaw`DELETE FROM association_rules WHERE tenant_id = (SELECT app_current_tenant())`;
  const CHUNK = 1_000;
  for (let start = 0; start < rules.length; start += CHUNK) {
    const chunk = rules.slice(start, start + CHUNK);
    // uuid[] per row travels as a text literal '{a,b}' (unnest cannot take a 2-D ragged array).
    const antecedents = chunk.map((r) => `{${r.antecedent.map((p) => products.get(p)).join(",")}}`);
    const consequents = chunk.map((r) => `{${r.consequent.map((p) => products.get(p)).join(",")}}`);
    await tx.$executeRaw`
      INSERT INTO association_rules (tenant_id, antecedent, consequent, support, confidence, lift, order_count, computed_at)
      SELECT ${tenantId}::uuid, u.a::uuid[], u.b::uuid[], u.support, u.confidence, u.lift, u.n, now()
      FROM unnest(${antecedents}::text[], ${consequents}::text[], ${chunk.map((r) => r.support)}::float8[],
                  ${chunk.map((r) => r.confidence)}::float8[], ${chunk.map((r) => r.lift)}::float8[], ${chunk.map((r) => r.count)}::int[])
        AS u(a, b, support, confidence, lift, n)`;
  }
  await tx.$executeRaw`DELETE FROM basket_runs WHERE tenant_id = (SELECT app_current_tenant())`;
  await tx.$executeRaw`
    INSERT INTO basket_runs (tenant_id, orders, min_support, min_confidence, itemsets, rules, truncated, elapsed_ms, computed_at)
    VALUES (${tenantId}::uuid, ${transactions.length}, ${minSupport}, ${minConfidence}, ${itemsets.itemsets.length}, ${rules.length},
      ${itemsets.truncated}, ${performance.now() - started}, now())`;
  return { orders: transactions.length, itemsets: itemsets.itemsets.length, rules: rules.length, truncated: itemsets.truncated };
}
