// The SQL of the order list, as fragments over `orders o JOIN customers c`. The
// customer side (tenant, data scope, soft deletes, the customer search) is the
// customer list's own WHERE (lib/customers/queries.ts customerListWhere), so "the
// orders a user may see" is exactly "the orders of the customers they may see".
// Order conditions use plain leakproof comparisons on columns (see
// lib/customers/list-query.ts for why, under forced row-level security).
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { OrderCursor } from "@/lib/orders/cursor";
import type { OrderFilters } from "@/lib/orders/filters";
import { ORDER_SORT_SPECS, type OrderSortKey } from "@/lib/orders/sort";
import { paymentSql } from "@/lib/orders/statuses";

export const ORDER_FROM = Prisma.sql`orders o JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id`;

const dayStart = (day: string, tz: string) => Prisma.sql`((${day}::date)::timestamp AT TIME ZONE ${tz})`;
const dayAfter = (day: string, tz: string) => Prisma.sql`((${day}::date + 1)::timestamp AT TIME ZONE ${tz})`;

/** Every condition of the list except the cursor. `customerWhere` is over `c`. */
export function orderWhere(input: { tenantId: string; customerWhere: Prisma.Sql; filters: OrderFilters; timeZone: string }): Prisma.Sql {
  const { filters: f, timeZone: tz } = input;
  const where: Prisma.Sql[] = [Prisma.sql`o.tenant_id = ${input.tenantId}::uuid`, input.customerWhere];
  if (f.from) where.push(Prisma.sql`o.ordered_at >= ${dayStart(f.from, tz)}`);
  if (f.to) where.push(Prisma.sql`o.ordered_at < ${dayAfter(f.to, tz)}`);
  if (f.storeId) where.push(Prisma.sql`o.store_id = ${f.storeId}::uuid`);
  if (f.channel) where.push(Prisma.sql`o.channel = ${f.channel}`);
  if (f.status) where.push(Prisma.sql`o.status = ${f.status}`);
  if (f.payment) where.push(paymentSql(f.payment));
  return Prisma.join(where, " AND ");
}

export type OrderDirection = "after" | "before";

/** ORDER BY and the cursor condition; "before" walks backwards (the caller reverses the rows). */
export function orderKeyset(sort: OrderSortKey, cursor: OrderCursor | null, direction: OrderDirection) {
  const spec = ORDER_SORT_SPECS[sort];
  const col = Prisma.raw(`o.${spec.column}`);
  const descending = spec.descending !== (direction === "before");
  const dir = Prisma.raw(descending ? "DESC" : "ASC");
  const orderBy = Prisma.sql`${col} ${dir}, o.id ${dir}`;
  if (!cursor) return { column: col, orderBy, condition: null };
  const value = spec.type === "timestamptz" ? Prisma.sql`${cursor.key}::timestamptz` : Prisma.sql`${cursor.key}::numeric`;
  const op = Prisma.raw(descending ? "<" : ">");
  return { column: col, orderBy, condition: Prisma.sql`(${col}, o.id) ${op} (${value}, ${cursor.id}::uuid)` };
}
