// Which customers a segment definition means, as one condition on `customers c`,
// inside the tenant (named as a constant too, for the (tenant_id, …) indexes) and
// the data scope of whoever computes it. Set-based: the members are written with
// one INSERT … SELECT over this condition, never customer by customer.
//
// A dynamic segment reuses the customer list's own WHERE (customerListWhere), so
// "the customers this filter means" has one definition for the list, exports and
// segments alike; a rule tree (rule-sql.ts) is ANDed to it.
import type { AuthContext } from "@/lib/auth/context";
import type { PermissionKey } from "@/lib/auth/catalog";
import { newestScoringRunSql } from "@/lib/customers/list-query";
import { customerListWhere } from "@/lib/customers/queries";
import { customerScope, scopeSql } from "@/lib/customers/scope";
import type { TenantTx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { PURCHASE_SQL } from "@/lib/orders/statuses";
import { ruleTreeSql } from "@/lib/segments/rule-sql";
import type { BasketSide, DynamicDefinition, ModelDefinition, BasketDefinition, SegmentDefinition } from "@/lib/segments/definition";

/** Computing members needs segment:manage; its data scope bounds who can become a member. */
export const COMPUTE_PERMISSION: PermissionKey = "segment:manage";

/** RFM segment, churn risk and CLV range on the newest successful scoring run; null when none is asked for. */
export function scoreConditionSql(tenantId: string, d: Pick<DynamicDefinition, "rfmSegments" | "churnRisk" | "clvMin" | "clvMax">): Prisma.Sql | null {
  const conds: Prisma.Sql[] = [];
  if (d.rfmSegments.length) conds.push(Prisma.sql`s.rfm_segment = ANY(${d.rfmSegments}::text[])`);
  if (d.churnRisk.length) conds.push(Prisma.sql`s.churn_risk = ANY(${d.churnRisk}::text[])`);
  if (d.clvMin !== undefined) conds.push(Prisma.sql`s.predicted_clv >= ${d.clvMin}::numeric`);
  if (d.clvMax !== undefined) conds.push(Prisma.sql`s.predicted_clv <= ${d.clvMax}::numeric`);
  if (!conds.length) return null;
  return Prisma.sql`EXISTS (SELECT 1 FROM customer_scores s WHERE s.tenant_id = ${tenantId}::uuid AND s.customer_id = c.id
    AND s.as_of = ${newestScoringRunSql(tenantId)} AND ${Prisma.join(conds, " AND ")})`;
}

async function dynamicWhere(tx: TenantTx, ctx: AuthContext, d: DynamicDefinition): Promise<Prisma.Sql> {
  const { where, timeZone } = await customerListWhere(tx, ctx, d.filters, COMPUTE_PERMISSION);
  const scores = scoreConditionSql(ctx.tenantId, d);
  const rules = d.rules ? ruleTreeSql({ tenantId: ctx.tenantId, timeZone }, d.rules) : null;
  return Prisma.join([where, ...(scores ? [scores] : []), ...(rules ? [Prisma.sql`(${rules})`] : [])], " AND ");
}

function modelConditions(tenantId: string, d: ModelDefinition): Prisma.Sql[] {
  const conds: Prisma.Sql[] = [];
  const churn = scoreConditionSql(tenantId, { rfmSegments: [], churnRisk: d.churnRisk });
  if (churn) conds.push(churn);
  if (d.clvTopPercent !== undefined) {
    // cume_dist over CLV descending: ties are in or out together, so "top 20%" never splits equal values.
    conds.push(Prisma.sql`c.id IN (SELECT r.customer_id FROM (
        SELECT s.customer_id, cume_dist() OVER (ORDER BY s.predicted_clv DESC) AS cd
        FROM customer_scores s
        WHERE s.tenant_id = ${tenantId}::uuid AND s.as_of = ${newestScoringRunSql(tenantId)} AND s.predicted_clv IS NOT NULL
      ) r WHERE r.cd <= ${d.clvTopPercent / 100}::float8)`);
  }
  // A model segment with no condition would be "everyone": refuse it as no one.
  return conds.length ? conds : [Prisma.sql`false`];
}

function sideSql(side: BasketSide): Prisma.Sql {
  return side.type === "product"
    ? Prisma.sql`oi.product_id = ${side.productId}::uuid`
    : Prisma.sql`EXISTS (SELECT 1 FROM products p WHERE p.tenant_id = oi.tenant_id AND p.id = oi.product_id AND p.category = ${side.category})`;
}

function boughtSql(tenantId: string, side: BasketSide, sinceDays: number | undefined): Prisma.Sql {
  const since = sinceDays ? Prisma.sql`AND o.ordered_at >= now() - make_interval(days => ${sinceDays}::int)` : Prisma.empty;
  return Prisma.sql`EXISTS (SELECT 1 FROM orders o JOIN order_items oi ON oi.tenant_id = o.tenant_id AND oi.order_id = o.id
    WHERE o.tenant_id = ${tenantId}::uuid AND o.customer_id = c.id AND ${PURCHASE_SQL} ${since} AND ${sideSql(side)})`;
}

function basketConditions(tenantId: string, d: BasketDefinition): Prisma.Sql[] {
  return [boughtSql(tenantId, d.bought, d.sinceDays), Prisma.sql`NOT ${boughtSql(tenantId, d.notBought, d.sinceDays)}`];
}

/**
 * The condition on `customers c` for a computed kind (dynamic, model, basket, and a
 * static snapshot's filter), within the caller's scope of segment:manage and
 * excluding soft-deleted customers.
 */
export async function membersWhere(tx: TenantTx, ctx: AuthContext, seg: Exclude<SegmentDefinition, { kind: "static" }>): Promise<Prisma.Sql> {
  if (seg.kind === "dynamic") return dynamicWhere(tx, ctx, seg.def);
  const base: Prisma.Sql[] = [Prisma.sql`c.tenant_id = ${ctx.tenantId}::uuid`, Prisma.sql`c.deleted_at IS NULL`];
  const scope = scopeSql(await customerScope(tx, ctx, COMPUTE_PERMISSION));
  if (scope) base.push(scope);
  const conds = seg.kind === "model" ? modelConditions(ctx.tenantId, seg.def) : basketConditions(ctx.tenantId, seg.def);
  return Prisma.join([...base, ...conds], " AND ");
}
