// Reading the order list, inside the caller's tenant (withTenant: RLS) and the data
// scope of their order:read grant, applied to the order's customer (scope, soft
// deletes and the customer search all come from lib/customers). Pages are keyset
// ranges, never OFFSET; the count stops at COUNT_CAP ("more than 10,000").
import type { AuthContext } from "@/lib/auth/context";
import { customerListWhere } from "@/lib/customers/queries";
import type { SearchPlan } from "@/lib/customers/search";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { encodeOrderCursor } from "@/lib/orders/cursor";
import type { OrderFilters, OrderListRequest } from "@/lib/orders/filters";
import { ORDER_FROM, orderKeyset, orderWhere, type OrderDirection } from "@/lib/orders/list-query";
import { usableTimeZone } from "@/lib/tenants/time-zone";

export const ORDER_PAGE_SIZE = 50;
export const ORDER_COUNT_CAP = 10_000;

export type OrderListRow = {
  id: string;
  orderNo: string;
  customer: { id: string; name: string };
  channel: string;
  store: { id: string; name: string } | null;
  status: string;
  orderedAt: Date;
  paidAt: Date | null;
  refundedAt: Date | null;
  amount: string;
  paidAmount: string;
  items: number;
};

export type OrderListPage = {
  rows: OrderListRow[];
  count: { exact: true; value: number } | { exact: false; atLeast: number };
  nextCursor: string | null;
  prevCursor: string | null;
  search: SearchPlan | null;
  timeZone: string;
  currency: string;
};

type Row = {
  id: string; order_no: string; customer_id: string; customer_name: string; channel: string; store_id: string | null;
  status: string; ordered_at: Date; paid_at: Date | null; refunded_at: Date | null; amount: string; paid_amount: string; k: string;
};

/** Tenant time zone and currency, for date filters and amounts. */
export async function tenantDisplay(tx: TenantTx, tenantId: string): Promise<{ timeZone: string; currency: string }> {
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { timezone: true, currency: true } });
  return { timeZone: usableTimeZone(tenant?.timezone), currency: tenant?.currency ?? "CNY" };
}

/** The WHERE of the order list for these filters (aliases o and c), inside the caller's order:read scope. */
export async function orderListWhere(tx: TenantTx, ctx: AuthContext, filters: OrderFilters) {
  const customer = await customerListWhere(tx, ctx, filters.q ? { q: filters.q } : {}, "order:read");
  return { where: orderWhere({ tenantId: ctx.tenantId, customerWhere: customer.where, filters, timeZone: customer.timeZone }), search: customer.search };
}

export type OrderListOptions = { pageSize?: number; countCap?: number };

export async function listOrders(ctx: AuthContext, request: OrderListRequest, options: OrderListOptions = {}): Promise<OrderListPage> {
  const pageSize = options.pageSize ?? ORDER_PAGE_SIZE;
  const countCap = options.countCap ?? ORDER_COUNT_CAP;
  const direction: OrderDirection = request.page && "before" in request.page ? "before" : "after";
  const cursor = request.page ? ("after" in request.page ? request.page.after : request.page.before) : null;
  return withTenant(ctx, async (tx) => {
    const { timeZone, currency } = await tenantDisplay(tx, ctx.tenantId);
    const { where, search } = await orderListWhere(tx, ctx, request.filters);
    const ks = orderKeyset(request.sort, cursor, direction);
    const rows = await tx.$queryRaw<Row[]>`
      SELECT o.id::text, o.order_no, o.customer_id::text, c.name AS customer_name, o.channel, o.store_id::text, o.status,
             o.ordered_at, o.paid_at, o.refunded_at, o.amount::text, o.paid_amount::text, to_json(${ks.column}) #>> '{}' AS k
      FROM ${ORDER_FROM}
      WHERE ${where} AND ${ks.condition ?? Prisma.sql`true`}
      ORDER BY ${ks.orderBy} LIMIT ${pageSize + 1}::int`;
    const [counted] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM ${ORDER_FROM} WHERE ${where} LIMIT ${countCap + 1}::int) x`;
    const total = counted?.n ?? 0;

    const more = rows.length > pageSize;
    let page = rows.slice(0, pageSize);
    if (direction === "before") page = page.reverse();
    const ids = page.map((r) => r.id);
    const storeIds = [...new Set(page.flatMap((r) => (r.store_id ? [r.store_id] : [])))];
    // Sequential on purpose: a transaction's queries share one connection.
    const stores = storeIds.length ? await tx.store.findMany({ where: { id: { in: storeIds } }, select: { id: true, name: true } }) : [];
    const counts = ids.length
      ? await tx.orderItem.groupBy({ by: ["orderId"], where: { orderId: { in: ids } }, _count: { _all: true } })
      : [];
    const storeName = new Map(stores.map((s) => [s.id, s.name]));
    const itemCount = new Map(counts.map((g) => [g.orderId, g._count._all]));

    const first = page[0];
    const last = page[page.length - 1];
    const hasNext = direction === "after" ? more : true;
    const hasPrev = direction === "after" ? cursor !== null : more;
    const cursorOf = (r: Row) => encodeOrderCursor({ sort: request.sort, key: r.k, id: r.id });
    return {
      rows: page.map((r) => ({
        id: r.id, orderNo: r.order_no, customer: { id: r.customer_id, name: r.customer_name }, channel: r.channel,
        store: r.store_id ? { id: r.store_id, name: storeName.get(r.store_id) ?? "—" } : null, status: r.status,
        orderedAt: new Date(r.ordered_at), paidAt: r.paid_at ? new Date(r.paid_at) : null, refundedAt: r.refunded_at ? new Date(r.refunded_at) : null,
        amount: r.amount, paidAmount: r.paid_amount, items: itemCount.get(r.id) ?? 0,
      })),
      count: total > countCap ? { exact: false, atLeast: countCap } : { exact: true, value: total },
      nextCursor: hasNext && last ? cursorOf(last) : null,
      prevCursor: hasPrev && first ? cursorOf(first) : null,
      search,
      timeZone,
      currency,
    };
  });
}

export type OrderFilterOptions = { stores: { id: string; name: string }[] };

/** Choices for the filter form, from the small stores table (never a DISTINCT over orders). */
export async function orderFilterOptions(ctx: AuthContext): Promise<OrderFilterOptions> {
  return withTenant(ctx, async (tx) => {
    const stores = await tx.store.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }] });
    return { stores };
  });
}
