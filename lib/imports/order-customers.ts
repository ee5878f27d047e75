// The customers of imported orders (order-line files and order files), set-based
// on the caller's temp table `ord` — one row per order with its first file row
// (first_row), the customer keys (c_ext, c_nick, c_phone, c_email, c_name), the
// channel, the shipping address parts (province, city, district, address: NULL
// where the file has none), ordered_at, and outcome / customer_id / grp / reason
// columns this fills.
//
// Orders still undecided (outcome NULL) are matched to a live customer by the chosen
// keys, in order of trust: external id (a deleted one followed to the customer it
// was merged into), the buyer account on the order's channel (customer_identities),
// phone, e-mail — a phone or e-mail match whose customer has another external id is
// no match, exactly as in the customer import (the SQL: lib/imports/customer-match-sql.ts).
// Two keys naming two customers fail the order (imports.reason.conflict); an external
// id held by another customer that did not match fails it too. Orders matching nobody get new customers: orders
// sharing any key are one customer (the smallest first row spreads along each key),
// with the first order's values. Nothing of another tenant is ever read: every
// lookup is by tenant_id, under RLS.
import type pg from "pg";
import type { ImportEntity } from "@/lib/import/fields";
import { customerMatchSql, markConflicts } from "@/lib/imports/customer-match-sql";
import type { ImportOptions } from "@/lib/imports/schemas";
import { timeOrderedId } from "@/lib/imports/new-id";

/** Fills ord.outcome ('create' or 'failed'), customer_id and grp; creates temp table newcust (the customers to insert). */
export async function resolveOrderCustomers(
  c: pg.PoolClient,
  args: { tenantId: string; options: ImportOptions; entity: ImportEntity; extColumn: string | null },
): Promise<void> {
  const { tenantId, options } = args;
  const match = { into: "cmatch", from: "ord", key: "order_no", nick: "sameChannel", extHolder: true } as const;
  await c.query(customerMatchSql(match, options), [tenantId]);
  await markConflicts(c, match, args.entity);
  await c.query(`
    UPDATE ord o SET outcome = 'failed',
      reason = CASE WHEN m.ext_holder_deleted THEN 'imports.reason.externalIdDeleted' ELSE 'imports.reason.externalIdTaken' END,
      issue_column = $1, issue_field = 'customerExternalId', issue_value = m.c_ext
    FROM cmatch m WHERE m.order_no = o.order_no AND o.outcome IS NULL AND m.target IS NULL AND m.ext_holder IS NOT NULL`, [args.extColumn]);
  await c.query(`UPDATE ord o SET customer_id = m.target, outcome = 'create' FROM cmatch m WHERE m.order_no = o.order_no AND o.outcome IS NULL AND m.target IS NOT NULL`);
  await c.query(`UPDATE ord SET outcome = 'create', grp = first_row WHERE outcome IS NULL`);
  // Orders of new customers sharing any key are one customer: the smallest group id spreads along each key.
  for (let i = 0; i < 5; i++) {
    const moved = await c.query(`
      UPDATE ord o SET grp = g.grp FROM (
        SELECT order_no, LEAST(
          min(grp) OVER (PARTITION BY COALESCE(c_ext, 'r' || first_row)),
          min(grp) OVER (PARTITION BY COALESCE(channel || ':' || c_nick, 'r' || first_row)),
          min(grp) OVER (PARTITION BY COALESCE(c_phone, 'r' || first_row)),
          min(grp) OVER (PARTITION BY COALESCE(c_email, 'r' || first_row))) AS grp
        FROM ord WHERE grp IS NOT NULL
      ) g WHERE g.order_no = o.order_no AND g.grp < o.grp`);
    if (!moved.rowCount) break;
  }
  const first = (v: string, by = "first_row") => `(array_agg(${v} ORDER BY ${by}) FILTER (WHERE ${v} IS NOT NULL))[1]`;
  await c.query(`
    CREATE TEMP TABLE newcust ON COMMIT DROP AS
    SELECT grp, ${timeOrderedId("grp")} AS id, ${first("c_ext")} AS external_id,
      COALESCE(${first("c_name")}, ${first("c_nick")}, ${first("c_phone")}, ${first("c_email")}, ${first("c_ext")}, '') AS name,
      ${first("c_phone")} AS phone, ${first("c_email")} AS email, ${first("province")} AS province, ${first("city")} AS city,
      ${first("district")} AS district, ${first("address")} AS address, ${first("channel")} AS source_channel,
      min(ordered_at) AS first_at, max(ordered_at) AS last_at
    FROM ord WHERE grp IS NOT NULL GROUP BY grp`);
  await c.query(`UPDATE ord o SET customer_id = n.id FROM newcust n WHERE n.grp = o.grp`);
}

/**
 * Inserts the new customers (created_import_id set) and links the buyer accounts of created orders.
 * A new customer's orders are all in this file (its group's orders, every one created), so its
 * first_order_at / last_order_at are set here from them: refreshOrderDates then only has to
 * rewrite the existing customers, not every new row a second time with all its indexes.
 */
export async function writeOrderCustomers(c: pg.PoolClient, args: { tenantId: string; importId: string; identity: boolean }): Promise<void> {
  const { tenantId, importId } = args;
  const p = [tenantId, importId];
  const keyed = (k: string) => k === "identity" && args.identity;
  await c.query(`
    INSERT INTO customers (tenant_id, id, external_id, name, phone, email, province, city, district, address, source_channel, created_import_id,
      first_order_at, last_order_at, created_at, updated_at)
    SELECT $1, id, external_id, name, phone, email, province, city, district, address, source_channel, $2,
      first_at, last_at, now(), now() FROM newcust ORDER BY grp`, p);
  await c.query(`
    INSERT INTO customer_identities (tenant_id, id, customer_id, channel, external_id)
    SELECT $1::uuid, ${timeOrderedId("first_row")}, customer_id, channel, c_nick FROM (
      SELECT DISTINCT ON (channel, c_nick) customer_id, channel, c_nick, first_row FROM ord
      WHERE outcome = 'create' AND ${keyed("identity")} AND c_nick IS NOT NULL AND channel IS NOT NULL
      ORDER BY channel, c_nick, first_row
    ) d
    ON CONFLICT (tenant_id, channel, external_id) DO NOTHING`, [tenantId]);
}

/**
 * first_order_at / last_order_at of the existing customers of created orders, from all their
 * orders (new customers got theirs in writeOrderCustomers: their orders are grouped, grp set).
 */
export async function refreshOrderDates(c: pg.PoolClient, tenantId: string): Promise<void> {
  await c.query(`
    UPDATE customers cu SET first_order_at = a.first_at, last_order_at = a.last_at
    FROM (
      SELECT o.customer_id, min(o.ordered_at) AS first_at, max(o.ordered_at) AS last_at FROM orders o
      WHERE o.tenant_id = $1 AND o.customer_id IN (SELECT customer_id FROM ord WHERE outcome = 'create' AND grp IS NULL)
      GROUP BY o.customer_id
    ) a
    WHERE cu.tenant_id = $1 AND cu.id = a.customer_id
      AND (cu.first_order_at, cu.last_order_at) IS DISTINCT FROM (a.first_at, a.last_at)`, [tenantId]);
}
