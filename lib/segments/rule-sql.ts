// A rule tree (rule-tree.ts) as one SQL condition on `customers c`. Parameterized
// only: every value is a bound parameter (Prisma.sql placeholders); column and
// table names come from the fixed code below, chosen by the condition's field,
// which the schema has already limited to the whitelist. Every subquery names the
// tenant as a constant (RLS is the second wall), so an id of another tenant's
// store, tag, tier, department, product or cluster simply matches no one.
//
// Semantics:
//   - a negative operator (notIn, hasNone, notBought, notWithin) is the exact
//     complement of its positive one within the customers: a customer without the
//     value (no province, never scored, not a member) is "not in" any set;
//   - score conditions read the newest successful scoring run (as the customer
//     list does); cluster conditions the current cluster model (customer_clusters);
//   - behaviour counts purchases only (paid, not refunded: PURCHASE_SQL);
//   - an empty group adds no condition (it is left out of its parent); a tree with
//     no condition at all means everyone in scope.
import { newestScoringRunSql } from "@/lib/customers/list-query";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { PURCHASE_SQL } from "@/lib/orders/statuses";
import type { RuleCondition, RuleGroup } from "@/lib/segments/rule-tree";

export type RuleSqlContext = { tenantId: string; timeZone: string };

const t = (ctx: RuleSqlContext) => Prisma.sql`${ctx.tenantId}::uuid`;

/** The newest successful scoring run's date, as the customer list reads it. */
export const newestRunAsOf = (ctx: RuleSqlContext) => newestScoringRunSql(ctx.tenantId);

const notNull = (sql: Prisma.Sql) => Prisma.sql`COALESCE(${sql}, false)`;

function rangeSql(col: Prisma.Sql, c: { op: "gte" | "lte" | "between"; value: number; value2?: number }, cast: Prisma.Sql): Prisma.Sql {
  if (c.op === "gte") return Prisma.sql`${col} >= ${c.value}::${cast}`;
  if (c.op === "lte") return Prisma.sql`${col} <= ${c.value}::${cast}`;
  return Prisma.sql`${col} BETWEEN ${c.value}::${cast} AND ${c.value2 ?? c.value}::${cast}`;
}

function scoreExists(ctx: RuleSqlContext, cond: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM customer_scores s WHERE s.tenant_id = ${t(ctx)} AND s.customer_id = c.id
    AND s.as_of = ${newestRunAsOf(ctx)} AND ${cond})`;
}

const dayStart = (day: string, tz: string) => Prisma.sql`((${day}::date)::timestamp AT TIME ZONE ${tz})`;
const dayAfter = (day: string, tz: string) => Prisma.sql`((${day}::date + 1)::timestamp AT TIME ZONE ${tz})`;
const since = (n: number) => Prisma.sql`now() - make_interval(days => ${n}::int)`;

function purchases(ctx: RuleSqlContext, extra: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`FROM orders o WHERE o.tenant_id = ${t(ctx)} AND o.customer_id = c.id AND ${PURCHASE_SQL} ${extra}`;
}

function bought(ctx: RuleSqlContext, item: Prisma.Sql, days: number | undefined): Prisma.Sql {
  const window = days ? Prisma.sql`AND o.ordered_at >= ${since(days)}` : Prisma.empty;
  return Prisma.sql`EXISTS (SELECT 1 FROM orders o JOIN order_items oi ON oi.tenant_id = o.tenant_id AND oi.order_id = o.id
    WHERE o.tenant_id = ${t(ctx)} AND o.customer_id = c.id AND ${PURCHASE_SQL} ${window} AND ${item})`;
}

/** One condition, as a positive predicate and whether the operator negates it. */
function positive(ctx: RuleSqlContext, c: RuleCondition): { sql: Prisma.Sql; negate: boolean } {
  const pos = (sql: Prisma.Sql, negate = false) => ({ sql, negate });
  const isNeg = (op: string) => op === "notIn" || op === "hasNone" || op === "notBought" || op === "notWithin";
  switch (c.field) {
    case "province": return pos(notNull(Prisma.sql`c.province = ANY(${c.values}::text[])`), isNeg(c.op));
    case "city": return pos(notNull(Prisma.sql`c.city = ANY(${c.values}::text[])`), isNeg(c.op));
    case "gender": return pos(notNull(Prisma.sql`c.gender = ANY(${c.values}::text[])`), isNeg(c.op));
    case "sourceChannel": return pos(notNull(Prisma.sql`c.source_channel = ANY(${c.values}::text[])`), isNeg(c.op));
    case "homeStore": return pos(notNull(Prisma.sql`c.home_store_id = ANY(${c.values}::uuid[])`), isNeg(c.op));
    case "createdAt": {
      const tz = ctx.timeZone;
      if (c.op === "onOrAfter") return pos(Prisma.sql`c.created_at >= ${dayStart(c.value, tz)}`);
      if (c.op === "onOrBefore") return pos(Prisma.sql`c.created_at < ${dayAfter(c.value, tz)}`);
      return pos(Prisma.sql`(c.created_at >= ${dayStart(c.value, tz)} AND c.created_at < ${dayAfter(c.value2 ?? c.value, tz)})`);
    }
    case "birthdayMonth":
      return pos(notNull(Prisma.sql`extract(month FROM c.birthday)::int = ANY(${c.values}::int[])`), isNeg(c.op));
    case "rScore": return pos(scoreExists(ctx, rangeSql(Prisma.sql`s.r_score`, c, Prisma.sql`int`)));
    case "fScore": return pos(scoreExists(ctx, rangeSql(Prisma.sql`s.f_score`, c, Prisma.sql`int`)));
    case "mScore": return pos(scoreExists(ctx, rangeSql(Prisma.sql`s.m_score`, c, Prisma.sql`int`)));
    case "pAlive": return pos(scoreExists(ctx, rangeSql(Prisma.sql`s.p_alive`, c, Prisma.sql`float8`)));
    case "clv": return pos(scoreExists(ctx, rangeSql(Prisma.sql`s.predicted_clv`, c, Prisma.sql`numeric`)));
    case "rfmSegment": return pos(scoreExists(ctx, Prisma.sql`s.rfm_segment = ANY(${c.values}::text[])`), isNeg(c.op));
    case "churnRisk": return pos(scoreExists(ctx, Prisma.sql`s.churn_risk = ANY(${c.values}::text[])`), isNeg(c.op));
    case "cluster":
      return pos(Prisma.sql`EXISTS (SELECT 1 FROM customer_clusters cc WHERE cc.tenant_id = ${t(ctx)} AND cc.customer_id = c.id
        AND cc.cluster = ANY(${c.values}::int[]))`, isNeg(c.op));
    case "tag":
      return pos(Prisma.sql`EXISTS (SELECT 1 FROM customer_tags ct WHERE ct.tenant_id = ${t(ctx)} AND ct.customer_id = c.id
        AND ct.tag_id = ANY(${c.values}::uuid[]))`, isNeg(c.op));
    case "tier":
      return pos(Prisma.sql`EXISTS (SELECT 1 FROM members m WHERE m.tenant_id = ${t(ctx)} AND m.customer_id = c.id
        AND m.tier_id = ANY(${c.values}::uuid[]))`, isNeg(c.op));
    case "department":
      // A region is a department with its sub-departments (stores, teams) below it.
      return pos(notNull(Prisma.sql`c.department_id IN (
        WITH RECURSIVE d AS (
          SELECT d0.id FROM departments d0 WHERE d0.tenant_id = ${t(ctx)} AND d0.id = ANY(${c.values}::uuid[])
          UNION SELECT d1.id FROM departments d1 JOIN d ON d1.parent_id = d.id WHERE d1.tenant_id = ${t(ctx)}
        ) SELECT d.id FROM d)`), isNeg(c.op));
    case "ordersCount":
      return pos(rangeSql(Prisma.sql`(SELECT count(*) ${purchases(ctx)})`, c, Prisma.sql`bigint`));
    case "totalPaid":
      return pos(rangeSql(Prisma.sql`(SELECT COALESCE(sum(o.paid_amount), 0) ${purchases(ctx)})`, c, Prisma.sql`numeric`));
    case "lastOrderWithin":
      return pos(Prisma.sql`EXISTS (SELECT 1 ${purchases(ctx, Prisma.sql`AND o.ordered_at >= ${since(c.days)}`)})`, isNeg(c.op));
    case "boughtProduct":
      return pos(bought(ctx, Prisma.sql`oi.product_id = ANY(${c.values}::uuid[])`, c.days), isNeg(c.op));
    case "boughtCategory":
      return pos(bought(ctx, Prisma.sql`EXISTS (SELECT 1 FROM products p WHERE p.tenant_id = oi.tenant_id AND p.id = oi.product_id
        AND p.category = ANY(${c.values}::text[]))`, c.days), isNeg(c.op));
    case "interactedOn":
      return pos(Prisma.sql`EXISTS (SELECT 1 FROM interactions i WHERE i.tenant_id = ${t(ctx)} AND i.customer_id = c.id
        AND i.channel = ${c.channel} AND i.occurred_at >= ${since(c.days)})`, isNeg(c.op));
  }
}

export function conditionSql(ctx: RuleSqlContext, c: RuleCondition): Prisma.Sql {
  const { sql, negate } = positive(ctx, c);
  return negate ? Prisma.sql`NOT ${sql}` : sql;
}

/** The tree as one condition; null when it holds no condition (everyone). */
export function ruleTreeSql(ctx: RuleSqlContext, group: RuleGroup): Prisma.Sql | null {
  const parts = group.children.flatMap((child) => {
    const sql = child.type === "group" ? ruleTreeSql(ctx, child) : conditionSql(ctx, child);
    return sql ? [Prisma.sql`(${sql})`] : [];
  });
  if (!parts.length) return null;
  return parts.length === 1 ? parts[0]! : Prisma.join(parts, group.op === "or" ? " OR " : " AND ");
}
