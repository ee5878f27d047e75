// The SQL of the customer list, as fragments over `customers c`. Kept apart from
// the code that runs it so each condition's shape (and the index it is written
// for) is visible in one place.
//
// Rules every fragment follows, because customers has FORCED row-level security:
// conditions on columns use only leakproof operators (=, <, ~>=~, = ANY) on plain
// columns, never LIKE or a function of a column, or Postgres will not use them as
// index conditions (see prisma/migrations/20261125000000_customer_list). The tenant
// is named as a constant as well as by the policy, so the planner can use the
// (tenant_id, …) indexes. Soft-deleted rows are excluded with the exact predicate
// of the list's partial indexes.
import type { ScopeFilter } from "@/lib/auth/data-scope";
import type { ListCursor } from "@/lib/customers/cursor";
import type { CustomerFilters } from "@/lib/customers/filters";
import { prefixUpperBound, reversed, type SearchPlan } from "@/lib/customers/search";
import { scopeSql } from "@/lib/customers/scope";
import { SORT_SPECS, type SortKey } from "@/lib/customers/sort";
import { Prisma } from "@/lib/generated/prisma/client.ts";

export type ListWhereInput = {
  tenantId: string;
  scope: ScopeFilter;
  filters: CustomerFilters;
  search: SearchPlan | null;
  /** Customers whose external id or a channel id equals the search text (looked up first). */
  exactIds: string[];
  /** The tenant's zone, for the calendar days of the date filters. */
  timeZone: string;
};

/** [prefix, upper) on a text_pattern_ops column: an index range, unlike LIKE under RLS. */
function prefixRange(column: Prisma.Sql, prefix: string): Prisma.Sql {
  const upper = prefixUpperBound(prefix);
  return upper === null
    ? Prisma.sql`${column} ~>=~ ${prefix}`
    : Prisma.sql`(${column} ~>=~ ${prefix} AND ${column} ~<~ ${upper})`;
}

export function searchSql(search: SearchPlan | null, exactIds: string[]): Prisma.Sql | null {
  if (!search) return null;
  const arms: Prisma.Sql[] = [];
  switch (search.kind) {
    case "phone":
      arms.push(Prisma.sql`c.phone = ${search.e164}`);
      break;
    case "phoneTail":
      arms.push(prefixRange(Prisma.sql`c.phone_digits_rev`, reversed(search.digits)));
      break;
    case "email":
      // Stored e-mails are lower-cased on the way in; the typed form also matches legacy rows.
      arms.push(Prisma.sql`c.email = ANY(${[...new Set([search.email, search.raw])]}::text[])`);
      break;
    case "name":
      arms.push(prefixRange(Prisma.sql`c.search_name`, search.prefix));
      break;
  }
  if (exactIds.length) arms.push(Prisma.sql`c.id = ANY(${exactIds}::uuid[])`);
  return arms.length === 1 ? arms[0]! : Prisma.sql`(${Prisma.join(arms, " OR ")})`;
}

// The newest-successful-run rule, written once: the tenant goes between the two halves.
const NEWEST_RUN = ["(SELECT max(r.as_of) FROM scoring_runs r WHERE r.tenant_id = ", "::uuid AND r.status = 'succeeded')"] as const;

/**
 * The newest successful scoring run's date: the one as_of every reader of scores
 * (this list, segments, rules, the 360 view, care tasks, the what-if, the score
 * rollup) uses, so a failed or running run's rows are never read.
 */
export const newestScoringRunSql = (tenantId: string) => Prisma.sql([...NEWEST_RUN], tenantId);

/** The same subquery for raw SQL text ($executeRawUnsafe): `tenantParam` is the tenant's placeholder, e.g. "$1". */
export const newestScoringRunText = (tenantParam: string) => `${NEWEST_RUN[0]}${tenantParam}${NEWEST_RUN[1]}`;

/**
 * The newest successful run on or before a day, as raw SQL text: `dayExpr` is a SQL
 * date expression (e.g. a campaign's launch day), `tenantParam` as above. The bound
 * goes inside NEWEST_RUN's closing parenthesis, so the succeeded rule stays written once.
 */
export const scoringRunOnOrBeforeText = (tenantParam: string, dayExpr: string) =>
  `${NEWEST_RUN[0]}${tenantParam}${NEWEST_RUN[1].slice(0, -1)} AND r.as_of <= ${dayExpr})`;

const dayStart = (day: string, tz: string) => Prisma.sql`((${day}::date)::timestamp AT TIME ZONE ${tz})`;
const dayAfter = (day: string, tz: string) => Prisma.sql`((${day}::date + 1)::timestamp AT TIME ZONE ${tz})`;

/** Every condition of the list except the cursor: the same for the page, its count and an export. */
export function listWhere(input: ListWhereInput): Prisma.Sql {
  const { filters: f, timeZone: tz } = input;
  const where: Prisma.Sql[] = [Prisma.sql`c.tenant_id = ${input.tenantId}::uuid`, Prisma.sql`c.deleted_at IS NULL`];
  const scope = scopeSql(input.scope);
  if (scope) where.push(scope);
  const search = searchSql(input.search, input.exactIds);
  if (search) where.push(search);
  if (f.province) where.push(Prisma.sql`c.province = ${f.province}`);
  if (f.city) where.push(Prisma.sql`c.city = ${f.city}`);
  if (f.storeId) where.push(Prisma.sql`c.home_store_id = ${f.storeId}::uuid`);
  if (f.channel) where.push(Prisma.sql`c.source_channel = ${f.channel}`);
  if (f.ownerUserId) where.push(Prisma.sql`c.owner_user_id = ${f.ownerUserId}::uuid`);
  if (f.tagId) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM customer_tags ct
      WHERE ct.tenant_id = ${input.tenantId}::uuid AND ct.customer_id = c.id AND ct.tag_id = ${f.tagId}::uuid)`);
  }
  if (f.tierId) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM members m
      WHERE m.tenant_id = ${input.tenantId}::uuid AND m.customer_id = c.id AND m.tier_id = ${f.tierId}::uuid)`);
  }
  if (f.rfmSegment || f.churnRisk) {
    // The newest successful scoring run's row of each customer (customer_scores' primary key).
    const score: Prisma.Sql[] = [];
    if (f.rfmSegment) score.push(Prisma.sql`s.rfm_segment = ${f.rfmSegment}`);
    if (f.churnRisk) score.push(Prisma.sql`s.churn_risk = ${f.churnRisk}`);
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM customer_scores s
      WHERE s.tenant_id = ${input.tenantId}::uuid AND s.customer_id = c.id
        AND s.as_of = ${newestScoringRunSql(input.tenantId)} AND ${Prisma.join(score, " AND ")})`);
  }
  if (f.cluster !== undefined) {
    // The current cluster model's assignment (as the Segments overview and the rule builder read it).
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM customer_clusters cc
      WHERE cc.tenant_id = ${input.tenantId}::uuid AND cc.customer_id = c.id AND cc.cluster = ${Number(f.cluster)}::smallint)`);
  }
  if (f.createdFrom) where.push(Prisma.sql`c.created_at >= ${dayStart(f.createdFrom, tz)}`);
  if (f.createdTo) where.push(Prisma.sql`c.created_at < ${dayAfter(f.createdTo, tz)}`);
  // last_order_sort is -infinity for customers who never ordered: a range on it
  // never includes them, whichever bound is given.
  if (f.lastOrderFrom || f.lastOrderTo) where.push(Prisma.sql`c.last_order_sort > '-infinity'::timestamptz`);
  if (f.lastOrderFrom) where.push(Prisma.sql`c.last_order_sort >= ${dayStart(f.lastOrderFrom, tz)}`);
  if (f.lastOrderTo) where.push(Prisma.sql`c.last_order_sort < ${dayAfter(f.lastOrderTo, tz)}`);
  return Prisma.join(where, " AND ");
}

export type Direction = "after" | "before";

/**
 * ORDER BY and the cursor condition for (key, id). Going "before" a cursor walks
 * the order backwards (the caller reverses the rows), so both directions are one
 * index range scan from the cursor, never an OFFSET.
 */
export function keyset(sort: SortKey, key: Prisma.Sql, id: Prisma.Sql, cursor: ListCursor | null, direction: Direction) {
  const spec = SORT_SPECS[sort];
  const descending = spec.descending !== (direction === "before");
  const dir = Prisma.raw(descending ? "DESC" : "ASC");
  const orderBy = Prisma.sql`${key} ${dir}, ${id} ${dir}`;
  if (!cursor) return { orderBy, condition: null };
  const value = spec.type === "timestamptz" ? Prisma.sql`${cursor.key}::timestamptz` : Prisma.sql`${cursor.key}::text`;
  const op = Prisma.raw(descending ? "<" : ">");
  return { orderBy, condition: Prisma.sql`(${key}, ${id}) ${op} (${value}, ${cursor.id}::uuid)` };
}

/** The sort column of `customers c` (a fixed identifier from SORT_SPECS, never user text). */
export function sortColumn(sort: SortKey, alias = "c"): Prisma.Sql {
  return Prisma.raw(`${alias}.${SORT_SPECS[sort].column}`);
}
