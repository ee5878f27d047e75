// Applying a staged order file (one row per order, no lines; the lines come in an
// order-items file): set-based, in the caller's one transaction. Orders by order
// no. (in-file repeats were skipped while cleaning). A new order gets its customer
// as an order-line file's does (lib/imports/order-customers.ts: matched by the
// customer keys, or created, created_import_id set) and the file's amount, discount
// and paid amount (amount − discount when not given); import_id set. An existing
// order keeps its customer and is updated by policy: fill_empty fills empty times
// (and a zero amount, discount or paid amount), overwrite replaces status, channel,
// store, times and amounts with the file's non-empty values, skip leaves it. A dry
// run counts the same way.
import type pg from "pg";
import type { EntityApplyArgs, EntityApplyCounts } from "@/lib/imports/entity-apply";
import { changesSql, createRowsTable, outcomeCounts, setSql, writeApplyIssues, type ColumnUpdate } from "@/lib/imports/apply-rows";
import { refreshOrderDates, resolveOrderCustomers, writeOrderCustomers } from "@/lib/imports/order-customers";

const MAX_AMOUNT = "999999999999.99";
const num = (k: string) => `NULLIF(d->>'${k}', '')::numeric`;
const ts = (k: string) => `(d->>'${k}')::timestamptz`;
const txt = (k: string) => `NULLIF(d->>'${k}', '')`;

export async function applyOrders(c: pg.PoolClient, args: EntityApplyArgs): Promise<EntityApplyCounts> {
  const { tenantId, importId, options } = args;
  const p = [tenantId, importId];
  const col = (k: string) => args.mapping.fields[k]?.column ?? null;
  await createRowsTable(c, "ord", "order_no", `
    SELECT r.row_no AS first_row, ${txt("orderNo")} AS order_no, ${ts("orderedAt")} AS ordered_at, ${ts("paidAt")} AS paid_at,
      ${ts("shippedAt")} AS shipped_at, ${ts("receivedAt")} AS received_at, ${ts("reviewedAt")} AS reviewed_at, ${ts("refundedAt")} AS refunded_at,
      ${txt("status")} AS status, ${txt("channel")} AS channel, (d->>'storeId')::uuid AS store_id,
      ${txt("customerExternalId")} AS c_ext, ${txt("customerName")} AS c_name, ${txt("customerPhone")} AS c_phone,
      ${txt("customerEmail")} AS c_email, ${txt("buyerNick")} AS c_nick,
      NULL::text AS province, NULL::text AS city, NULL::text AS district, NULL::text AS address,
      ${num("amount")} AS amount, ${num("discount")} AS discount, ${num("paidAmount")} AS paid_amount,
      o.id AS existing_id, NULL::uuid AS customer_id, gen_random_uuid() AS new_id, NULL::text AS outcome, NULL::text AS reason,
      NULL::jsonb AS params, NULL::text AS issue_column, NULL::text AS issue_field, NULL::text AS issue_value, false AS header_changed, NULL::integer AS grp
    FROM import_entity_rows r CROSS JOIN LATERAL (SELECT r.data AS d) x
    LEFT JOIN orders o ON o.tenant_id = $1 AND o.order_no = x.d->>'orderNo'
    WHERE r.tenant_id = $1 AND r.import_id = $2`, p);
  await c.query(`
    UPDATE ord SET outcome = 'failed', reason = 'imports.reason.amountTooLarge', issue_field = x.field, issue_column = x.col, issue_value = x.val
    FROM (SELECT o2.order_no, v.field, v.col, v.val FROM ord o2 CROSS JOIN LATERAL (
      SELECT * FROM (VALUES (1, abs(o2.amount) > ${MAX_AMOUNT}, 'amount', $1::text, o2.amount::text),
        (2, abs(o2.discount) > ${MAX_AMOUNT}, 'discount', $2::text, o2.discount::text),
        (3, abs(o2.paid_amount) > ${MAX_AMOUNT}, 'paidAmount', $3::text, o2.paid_amount::text)) v(prio, hit, field, col, val)
      WHERE v.hit ORDER BY v.prio LIMIT 1) v) x
    WHERE x.order_no = ord.order_no`, [col("amount"), col("discount"), col("paidAmount")]);
  await c.query(`UPDATE ord SET outcome = ${options.policy === "skip" ? "'existing'" : "'update'"} WHERE outcome IS NULL AND existing_id IS NOT NULL`);
  await resolveOrderCustomers(c, { tenantId, options, entity: "orders", extColumn: col("customerExternalId") });

  const ow = options.policy === "overwrite";
  const t = (k: string) => (ow ? `COALESCE(s.${k}, o.${k})` : `COALESCE(o.${k}, s.${k})`);
  const money = (k: string) => (ow ? `COALESCE(s.${k}, o.${k})` : `CASE WHEN o.${k} = 0 THEN COALESCE(s.${k}, o.${k}) ELSE o.${k} END`);
  const header: ColumnUpdate[] = [
    ["paid_at", t("paid_at")], ["shipped_at", t("shipped_at")], ["received_at", t("received_at")], ["reviewed_at", t("reviewed_at")],
    ["refunded_at", t("refunded_at")], ["store_id", t("store_id")], ["status", ow ? "COALESCE(s.status, o.status)" : "o.status"],
    ["channel", ow ? "COALESCE(s.channel, o.channel)" : "o.channel"],
    ["amount", money("amount")], ["discount", money("discount")], ["paid_amount", money("paid_amount")],
  ];
  const changes = changesSql(header, "o");
  await c.query(`UPDATE ord s SET header_changed = true FROM orders o WHERE s.outcome = 'update' AND o.tenant_id = $1 AND o.id = s.existing_id AND ${changes}`, [tenantId]);

  await writeApplyIssues(c, { tenantId, importId, table: "ord", row: "first_row" });
  const { rows } = await c.query<EntityApplyCounts & { customersCreated: number }>(`
    SELECT ${outcomeCounts({ updated: "outcome = 'update' AND header_changed", unchanged: "outcome = 'update' AND NOT header_changed" })},
      (SELECT count(*) FROM newcust)::int AS "customersCreated"
    FROM ord`);
  const { customersCreated, ...counts } = rows[0]!;
  const result: EntityApplyCounts = { ...counts, details: { ordersCreated: counts.created, customersCreated } };
  if (args.dryRun) return result;

  await writeOrderCustomers(c, { tenantId, importId, identity: options.matchKeys.includes("identity") });
  await c.query(`
    INSERT INTO orders (tenant_id, id, order_no, customer_id, channel, store_id, status, ordered_at, paid_at, shipped_at, received_at,
      reviewed_at, refunded_at, amount, discount, paid_amount, import_id)
    SELECT $1, new_id, order_no, customer_id, COALESCE(channel, 'other'), store_id,
      COALESCE(status, CASE WHEN refunded_at IS NOT NULL THEN 'refunded' WHEN received_at IS NOT NULL THEN 'received'
        WHEN shipped_at IS NOT NULL THEN 'shipped' WHEN paid_at IS NOT NULL THEN 'paid' ELSE 'created' END),
      ordered_at, paid_at, shipped_at, received_at, reviewed_at, refunded_at, COALESCE(amount, 0), COALESCE(discount, 0),
      COALESCE(paid_amount, COALESCE(amount, 0) - COALESCE(discount, 0)), $2
    FROM ord WHERE outcome = 'create' ORDER BY ordered_at`, p);
  await c.query(`
    UPDATE orders o SET ${setSql(header)}
    FROM ord s WHERE s.header_changed AND o.tenant_id = $1 AND o.id = s.existing_id`, [tenantId]);
  await refreshOrderDates(c, tenantId);
  return result;
}
