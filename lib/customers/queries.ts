// Reading the customer list, always inside the caller's tenant (withTenant: RLS)
// and the data scope of their customer:read grant, soft-deleted rows excluded,
// contact details masked unless they hold customer:unmask.
//
// How a page is read (one to three statements, none proportional to the tenant):
//  1. A probe collects up to COUNT_CAP + 1 matching (id, sort key) pairs in
//     whatever order the planner finds cheapest. It yields the count, exact when
//     under the cap, and when under the cap it is the whole result: the page is
//     sorted from it, and a rare filter never walks the sort index row by row.
//  2. Over the cap, matches are dense, so the page is read in index order from
//     the keyset cursor (no OFFSET), which finds its rows quickly.
//  3. The exact count beyond the cap runs only when asked for.
// Before the probe, the planner's estimate of the matches (EXPLAIN, no rows read)
// is asked: when it is far beyond the cap (ESTIMATE_FACTOR times), counting to the
// cap would only confirm "more than the cap" at the price of ~10,000 row visits, so
// the probe is skipped and the count shown as that estimate (labelled as one, with
// the exact count on request). bench/list.ts measures the difference.
import type { AuthContext } from "@/lib/auth/context";
import type { PermissionKey } from "@/lib/auth/catalog";
import { encodeCursor, type ListCursor } from "@/lib/customers/cursor";
import { contactFor, mayUnmask } from "@/lib/customers/contact";
import type { CustomerFilters, ListRequest } from "@/lib/customers/filters";
import { keyset, listWhere, sortColumn, type Direction } from "@/lib/customers/list-query";
import { customerScope } from "@/lib/customers/scope";
import { planSearch, type SearchPlan } from "@/lib/customers/search";
import { tenantTimeZone } from "@/lib/customers/time-zone";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client.ts";

export const PAGE_SIZE = 50;
export const COUNT_CAP = 10_000;
/** Estimates above COUNT_CAP × this skip the counting probe. */
export const ESTIMATE_FACTOR = 2;

export type CustomerListRow = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  province: string | null;
  city: string | null;
  sourceChannel: string | null;
  owner: { id: string; name: string } | null;
  homeStore: { id: string; name: string } | null;
  tags: { id: string; name: string }[];
  createdAt: Date;
  lastOrderAt: Date | null;
};

export type CustomerCount =
  /** Exact: under the cap, or counted on request. */
  | { exact: true; value: number }
  /**
   * More than `atLeast` (the cap); the exact number is available on request.
   * `estimate`: the planner's estimate, when it was far enough beyond the cap that
   * the rows were not counted at all.
   */
  | { exact: false; atLeast: number; estimate?: number };

export type CustomerListPage = {
  rows: CustomerListRow[];
  count: CustomerCount;
  nextCursor: string | null;
  prevCursor: string | null;
  search: SearchPlan | null;
  masked: boolean;
  /** The tenant's zone: date filters were read in it, dates are shown in it. */
  timeZone: string;
};

type KeyRow = { id: string; k: string };
type DetailRow = {
  id: string; name: string; phone: string | null; email: string | null; province: string | null; city: string | null;
  source_channel: string | null; owner_user_id: string | null; home_store_id: string | null; created_at: Date; last_order_at: Date | null;
};

const DETAIL_COLUMNS = Prisma.sql`c.id::text, c.name, c.phone, c.email, c.province, c.city, c.source_channel,
  c.owner_user_id::text, c.home_store_id::text, c.created_at, c.last_order_at`;

/** Customers whose external id, or one of whose channel ids, is exactly the search text. */
async function exactIdentifierMatches(tx: TenantTx, tenantId: string, text: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT c.id::text AS id FROM customers c WHERE c.tenant_id = ${tenantId}::uuid AND c.external_id = ${text}
    UNION
    SELECT ci.customer_id::text FROM customer_identities ci WHERE ci.tenant_id = ${tenantId}::uuid AND ci.external_id = ${text}
    LIMIT 200`;
  return rows.map((r) => r.id);
}

export type PreparedWhere = { where: Prisma.Sql; search: SearchPlan | null; timeZone: string };

/**
 * The WHERE of the list for these filters, inside the scope of the caller's grant
 * of `permission` (customer:read for the list; an export passes customer:export):
 * the one definition of "the customers this filtered list means" (alias `c`).
 */
export async function customerListWhere(
  tx: TenantTx, ctx: AuthContext, filters: CustomerFilters, permission: PermissionKey = "customer:read",
): Promise<PreparedWhere> {
  const search = planSearch(filters.q);
  const scope = await customerScope(tx, ctx, permission);
  const timeZone = await tenantTimeZone(tx, ctx.tenantId);
  const exactIds = search ? await exactIdentifierMatches(tx, ctx.tenantId, search.raw) : [];
  return { where: listWhere({ tenantId: ctx.tenantId, scope, filters, search, exactIds, timeZone }), search, timeZone };
}

/** The planner's estimate of the rows matching `where` (statistics only: nothing is read). */
async function estimatedCount(tx: TenantTx, where: Prisma.Sql): Promise<number | null> {
  const [row] = await tx.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM customers c WHERE ${where}`;
  const rows = row?.["QUERY PLAN"]?.[0]?.Plan?.["Plan Rows"];
  return typeof rows === "number" && Number.isFinite(rows) ? Math.round(rows) : null;
}

async function exactCount(tx: TenantTx, where: Prisma.Sql): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM customers c WHERE ${where}`;
  return row?.n ?? 0;
}

/** Owner names, store names and tags of the rows on one page (at most PAGE_SIZE ids). */
async function decorate(tx: TenantTx, rows: DetailRow[], unmasked: boolean): Promise<CustomerListRow[]> {
  const ids = rows.map((r) => r.id);
  const ownerIds = [...new Set(rows.flatMap((r) => (r.owner_user_id ? [r.owner_user_id] : [])))];
  const storeIds = [...new Set(rows.flatMap((r) => (r.home_store_id ? [r.home_store_id] : [])))];
  // Sequential on purpose: a transaction's queries share one connection.
  const owners = ownerIds.length ? await tx.user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, name: true } }) : [];
  const stores = storeIds.length ? await tx.store.findMany({ where: { id: { in: storeIds } }, select: { id: true, name: true } }) : [];
  const tags = ids.length
    ? await tx.customerTag.findMany({ where: { customerId: { in: ids } }, select: { customerId: true, tag: { select: { id: true, name: true } } } })
    : [];
  const ownerName = new Map(owners.map((o) => [o.id, o.name]));
  const storeName = new Map(stores.map((s) => [s.id, s.name]));
  const tagsOf = new Map<string, { id: string; name: string }[]>();
  for (const t of tags) tagsOf.set(t.customerId, [...(tagsOf.get(t.customerId) ?? []), t.tag]);
  return rows.map((r) => {
    const contact = contactFor(unmasked, r.phone, r.email);
    return {
      id: r.id,
      name: r.name,
      phone: contact.phone,
      email: contact.email,
      province: r.province,
      city: r.city,
      sourceChannel: r.source_channel,
      owner: r.owner_user_id ? { id: r.owner_user_id, name: ownerName.get(r.owner_user_id) ?? "—" } : null,
      homeStore: r.home_store_id ? { id: r.home_store_id, name: storeName.get(r.home_store_id) ?? "—" } : null,
      tags: (tagsOf.get(r.id) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
      createdAt: new Date(r.created_at),
      lastOrderAt: r.last_order_at ? new Date(r.last_order_at) : null,
    };
  });
}

export type ListOptions = { pageSize?: number; countCap?: number };

export async function listCustomers(ctx: AuthContext, request: ListRequest, options: ListOptions = {}): Promise<CustomerListPage> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const countCap = options.countCap ?? COUNT_CAP;
  const unmasked = mayUnmask(ctx);
  const direction: Direction = request.page && "before" in request.page ? "before" : "after";
  const cursor: ListCursor | null = request.page ? ("after" in request.page ? request.page.after : request.page.before) : null;
  return withTenant(ctx, async (tx) => {
    const { where, search, timeZone } = await customerListWhere(tx, ctx, request.filters);
    const col = sortColumn(request.sort);
    const estimate = request.exactCount ? null : await estimatedCount(tx, where);
    const dense = estimate !== null && estimate > countCap * ESTIMATE_FACTOR;
    const inProbe = keyset(request.sort, Prisma.sql`m.k`, Prisma.sql`m.id`, cursor, direction);
    // The page is sorted out of the probe only when the probe holds every match
    // (t.total <= cap is a one-time filter: over the cap the sort never runs).
    const probe = dense ? [] : await tx.$queryRaw<{ total: number; id: string | null; k: string | null }[]>`
      WITH m AS MATERIALIZED (SELECT c.id, ${col} AS k FROM customers c WHERE ${where} LIMIT ${countCap + 1}::int)
      SELECT t.total, p.id, p.k
      FROM (SELECT count(*)::int AS total FROM m) t
      LEFT JOIN LATERAL (
        SELECT m.id::text AS id, to_json(m.k) #>> '{}' AS k FROM m
        WHERE t.total <= ${countCap}::int AND ${inProbe.condition ?? Prisma.sql`true`}
        ORDER BY ${inProbe.orderBy} LIMIT ${pageSize + 1}::int
      ) p ON true`;
    const total = dense ? countCap + 1 : probe[0]?.total ?? 0;
    const capped = total > countCap;

    let keys: KeyRow[];
    let details: DetailRow[];
    if (!capped) {
      keys = probe.flatMap((r) => (r.id && r.k !== null ? [{ id: r.id, k: r.k }] : []));
      const wanted = keys.slice(0, pageSize).map((k) => k.id);
      const found = wanted.length
        ? await tx.$queryRaw<DetailRow[]>`SELECT ${DETAIL_COLUMNS} FROM customers c
            WHERE c.tenant_id = ${ctx.tenantId}::uuid AND c.id = ANY(${wanted}::uuid[])`
        : [];
      const byId = new Map(found.map((r) => [r.id, r]));
      details = wanted.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    } else {
      const inTable = keyset(request.sort, col, Prisma.sql`c.id`, cursor, direction);
      const rows = await tx.$queryRaw<(DetailRow & { k: string })[]>`
        SELECT ${DETAIL_COLUMNS}, to_json(${col}) #>> '{}' AS k FROM customers c
        WHERE ${where} AND ${inTable.condition ?? Prisma.sql`true`}
        ORDER BY ${inTable.orderBy} LIMIT ${pageSize + 1}::int`;
      keys = rows.map((r) => ({ id: r.id, k: r.k }));
      details = rows.slice(0, pageSize);
    }

    const more = keys.length > pageSize;
    let pageKeys = keys.slice(0, pageSize);
    if (direction === "before") {
      pageKeys = pageKeys.reverse();
      details = details.reverse();
    }
    const firstKey = pageKeys[0];
    const lastKey = pageKeys[pageKeys.length - 1];
    const hasNext = direction === "after" ? more : true;
    const hasPrev = direction === "after" ? cursor !== null : more;
    const cursorOf = (k: KeyRow) => encodeCursor({ sort: request.sort, key: k.k, id: k.id });

    const count: CustomerCount = !capped
      ? { exact: true, value: total }
      : request.exactCount
        ? { exact: true, value: await exactCount(tx, where) }
        : dense ? { exact: false, atLeast: countCap, estimate: estimate! } : { exact: false, atLeast: countCap };

    return {
      rows: await decorate(tx, details, unmasked),
      count,
      nextCursor: hasNext && lastKey ? cursorOf(lastKey) : null,
      prevCursor: hasPrev && firstKey ? cursorOf(firstKey) : null,
      search,
      masked: !unmasked,
      timeZone,
    };
  });
}

export type CustomerFilterOptions = {
  stores: { id: string; name: string }[];
  owners: { id: string; name: string }[];
  tags: { id: string; name: string }[];
  tiers: { id: string; name: string }[];
  /** The current cluster model's clusters (none unless it succeeded), named in the viewer's language. */
  clusters: { cluster: number; name: string }[];
  provinces: string[];
  cities: string[];
};

/** Choices for the filter form: small tables only (never a DISTINCT over customers). */
export async function customerFilterOptions(ctx: AuthContext): Promise<CustomerFilterOptions> {
  return withTenant(ctx, async (tx) => {
    const stores = await tx.store.findMany({ select: { id: true, name: true, province: true, city: true }, orderBy: [{ name: "asc" }] });
    const members = await tx.membership.findMany({ select: { userId: true, user: { select: { name: true } } } });
    const tags = await tx.tag.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }] });
    const tiers = await tx.memberTier.findMany({ select: { id: true, name: true }, orderBy: [{ rank: "asc" }] });
    const model = await tx.clusterModel.findFirst({ select: { status: true } });
    const profiles = model?.status === "succeeded"
      ? await tx.clusterProfile.findMany({ select: { cluster: true, nameEn: true, nameZh: true }, orderBy: [{ cluster: "asc" }] })
      : [];
    const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => Boolean(x)))].sort((a, b) => a.localeCompare(b, "zh-CN"));
    return {
      stores: stores.map((s) => ({ id: s.id, name: s.name })),
      owners: members.map((m) => ({ id: m.userId, name: m.user.name })).sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
      tags,
      tiers,
      clusters: profiles.map((p) => ({ cluster: p.cluster, name: ctx.locale === "en" ? p.nameEn : p.nameZh })),
      provinces: uniq(stores.map((s) => s.province)),
      cities: uniq(stores.map((s) => s.city)),
    };
  });
}

/** Names of the tenant's hand-set tags, to suggest when adding one. */
export async function manualTagNames(ctx: AuthContext): Promise<string[]> {
  return withTenant(ctx, async (tx) => {
    const tags = await tx.tag.findMany({ where: { kind: "manual" }, select: { name: true }, orderBy: [{ name: "asc" }], take: 500 });
    return tags.map((t) => t.name);
  });
}
