// Reads of the stored clusters and basket rules for the analytics pages. Inside
// withTenant (RLS binds the tenant); the page's door checked analytics:read.
//
// Clusters and rules are tenant-wide models (fitted on every customer / order);
// the one per-customer number shown with a rule, "bought A but not B", is counted
// within the viewer's data scope, since it names customers the viewer may target.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { ScopeFilter } from "@/lib/auth/data-scope";
import type { TenantTx } from "@/lib/db/tenant";
import { scopeSql } from "@/lib/customers/scope";

export type ClusterCandidate = { k: number; silhouette: number | null; inertia: number | null };
export type ClusterProfileRow = {
  cluster: number; size: number; share: number; meanRecency: number | null; meanFrequency: number | null;
  meanMonetary: number | null; revenue: number; revenueShare: number | null; relative: Record<string, number>;
  nameEn: string; nameZh: string;
};
export type ClusterOverview = {
  asOf: string | null; status: "succeeded" | "no-data"; k: number; kMin: number; kMax: number; seed: number;
  silhouette: number | null; candidates: ClusterCandidate[]; features: string[]; customers: number;
  message: string | null; computedAt: Date; profiles: ClusterProfileRow[];
};

/** The stored model and its profiles (largest cluster first); null before the first run. */
export async function clusterOverview(tx: TenantTx): Promise<ClusterOverview | null> {
  const model = await tx.clusterModel.findFirst();
  if (!model) return null;
  const profiles = await tx.clusterProfile.findMany({ orderBy: [{ cluster: "asc" }] });
  return {
    asOf: model.asOf ? model.asOf.toISOString().slice(0, 10) : null,
    status: model.status as ClusterOverview["status"],
    k: model.k, kMin: model.kMin, kMax: model.kMax, seed: model.seed, silhouette: model.silhouette,
    candidates: (model.candidates as ClusterCandidate[]).map((c) => ({ k: c.k, silhouette: c.silhouette, inertia: c.inertia })),
    features: model.features, customers: model.customers, message: model.message, computedAt: model.computedAt,
    profiles: profiles.map((p) => ({
      cluster: p.cluster, size: p.size, share: p.share, meanRecency: p.meanRecency, meanFrequency: p.meanFrequency,
      meanMonetary: p.meanMonetary, revenue: Number(p.revenue), revenueShare: p.revenueShare,
      relative: p.relative as Record<string, number>, nameEn: p.nameEn, nameZh: p.nameZh,
    })),
  };
}

export type RuleProduct = { id: string; name: string; sku: string };
export type BasketRuleRow = {
  id: string; antecedent: RuleProduct[]; consequent: RuleProduct[]; support: number; confidence: number; lift: number;
  orders: number; boughtANotB: number;
};
export type BasketRunRow = { orders: number; minSupport: number; minConfidence: number; itemsets: number; rules: number; truncated: boolean; computedAt: Date };

export async function basketRun(tx: TenantTx): Promise<BasketRunRow | null> {
  const run = await tx.basketRun.findFirst();
  return run
    ? { orders: run.orders, minSupport: run.minSupport, minConfidence: run.minConfidence, itemsets: run.itemsets, rules: run.rules, truncated: run.truncated, computedAt: run.computedAt }
    : null;
}

export type RuleListOptions = { scope: ScopeFilter; limit?: number; offset?: number; minLift?: number };

/**
 * Rules by lift (then confidence, support), each with its products and the number
 * of customers in the viewer's scope whose purchases contain every product of the
 * antecedent and miss one of the consequent.
 */
export async function basketRules(tx: TenantTx, options: RuleListOptions): Promise<{ total: number; rules: BasketRuleRow[] }> {
  const limit = Math.min(200, Math.max(1, Math.trunc(options.limit ?? 50)));
  const offset = Math.max(0, Math.trunc(options.offset ?? 0));
  const minLift = Number.isFinite(options.minLift) ? options.minLift! : 0;
  const totalRows = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM association_rules WHERE tenant_id = (SELECT app_current_tenant()) AND lift >= ${minLift}`;
  const rules = await tx.$queryRaw<{ id: string; antecedent: string[]; consequent: string[]; support: number; confidence: number; lift: number; order_count: number }[]>`
    SELECT id::text, antecedent::text[], consequent::text[], support, confidence, lift, order_count
    FROM association_rules WHERE tenant_id = (SELECT app_current_tenant()) AND lift >= ${minLift}
    ORDER BY lift DESC, confidence DESC, support DESC, id
    LIMIT ${limit} OFFSET ${offset}`;
  if (!rules.length) return { total: totalRows[0]?.n ?? 0, rules: [] };

  const productIds = [...new Set(rules.flatMap((r) => [...r.antecedent, ...r.consequent]))];
  const products = await tx.$queryRaw<RuleProduct[]>`
    SELECT id::text, name, sku FROM products WHERE tenant_id = (SELECT app_current_tenant()) AND id = ANY(${productIds}::uuid[])`;
  const byId = new Map(products.map((p) => [p.id, p]));
  const counts = await boughtANotBCounts(tx, rules, productIds, options.scope);
  const product = (id: string): RuleProduct => byId.get(id) ?? { id, name: id, sku: "" };
  return {
    total: totalRows[0]?.n ?? 0,
    rules: rules.map((r) => ({
      id: r.id, antecedent: r.antecedent.map(product), consequent: r.consequent.map(product), support: r.support,
      confidence: r.confidence, lift: r.lift, orders: r.order_count, boughtANotB: counts.get(r.id) ?? 0,
    })),
  };
}

/** Purchases as in the rules (paid, not cancelled or refunded), customers not deleted, within the scope. */
async function boughtANotBCounts(
  tx: TenantTx, rules: { id: string; antecedent: string[]; consequent: string[] }[], productIds: string[], scope: ScopeFilter,
): Promise<Map<string, number>> {
  const cond = scopeSql(scope);
  const scopeCond = cond ? Prisma.sql`AND ${cond}` : Prisma.empty;
  const ruleIds = rules.map((r) => r.id);
  const rows = await tx.$queryRaw<{ id: string; n: number }[]>`
    WITH bought AS (
      SELECT DISTINCT o.customer_id, oi.product_id
      FROM order_items oi
      JOIN orders o ON o.tenant_id = oi.tenant_id AND o.id = oi.order_id
      JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id AND c.deleted_at IS NULL
      WHERE oi.tenant_id = (SELECT app_current_tenant()) AND oi.product_id = ANY(${productIds}::uuid[])
        AND o.paid_at IS NOT NULL AND o.status NOT IN ('cancelled', 'refunded') AND o.refunded_at IS NULL
        ${scopeCond}
    )
    SELECT r.id::text, (
      SELECT count(*)::int FROM (
        SELECT b.customer_id FROM bought b
        WHERE b.product_id = ANY(r.antecedent) OR b.product_id = ANY(r.consequent)
        GROUP BY b.customer_id
        HAVING count(*) FILTER (WHERE b.product_id = ANY(r.antecedent)) = cardinality(r.antecedent)
           AND count(*) FILTER (WHERE b.product_id = ANY(r.consequent)) < cardinality(r.consequent)
      ) x
    ) AS n
    FROM association_rules r WHERE r.tenant_id = (SELECT app_current_tenant()) AND r.id = ANY(${ruleIds}::uuid[])`;
  return new Map(rows.map((r) => [r.id, r.n]));
}
