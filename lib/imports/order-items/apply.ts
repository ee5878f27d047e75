// Applying a staged order-items file (one row per line of an order that is already
// in the CRM — from an order file or any other way): set-based, in the caller's one
// transaction. A line needs its order (by order no.) and its product (by SKU) to
// exist: otherwise the row fails ("订单号 'X1' does not exist"). Lines pair with the
// order's stored items of the same product (equal lines first), so a file imported
// twice adds nothing the second time: a paired line is unchanged, or — overwrite —
// gets the file's quantity, price and amount, or — skip — is left; a line with no
// stored partner is added (import_id set). An order whose lines changed gets its
// amount recomputed as its items' sum, and its paid amount too when that was the
// derived amount − discount (or zero).
import type pg from "pg";
import type { EntityApplyArgs, EntityApplyCounts } from "@/lib/imports/entity-apply";
import { createRowsTable, outcomeCounts, writeApplyIssues } from "@/lib/imports/apply-rows";

const MAX_PRICE = "9999999999.99";
const MAX_AMOUNT = "999999999999.99";

export async function applyOrderItems(c: pg.PoolClient, args: EntityApplyArgs): Promise<EntityApplyCounts> {
  const { tenantId, importId, options } = args;
  const p = [tenantId, importId];
  const col = (k: string) => args.mapping.fields[k]?.column ?? null;
  await createRowsTable(c, "li", "row_no", `
    SELECT r.row_no, d->>'orderNo' AS order_no, d->>'sku' AS sku, (d->>'quantity')::int AS quantity,
      NULLIF(d->>'unitPrice', '')::numeric AS unit_price, NULLIF(d->>'amount', '')::numeric AS amount,
      o.id AS order_id, pr.id AS product_id, NULL::uuid AS item_id, NULL::text AS outcome, NULL::text AS reason,
      NULL::text AS issue_column, NULL::text AS issue_field, NULL::text AS issue_value
    FROM import_entity_rows r CROSS JOIN LATERAL (SELECT r.data AS d) x
    LEFT JOIN orders o ON o.tenant_id = $1 AND o.order_no = x.d->>'orderNo'
    LEFT JOIN products pr ON pr.tenant_id = $1 AND pr.sku = x.d->>'sku'
    WHERE r.tenant_id = $1 AND r.import_id = $2`, p);
  await c.query(`UPDATE li SET outcome = 'failed', reason = 'imports.reason.notFound', issue_column = $1, issue_field = 'orderNo', issue_value = order_no WHERE order_id IS NULL`, [col("orderNo")]);
  await c.query(`UPDATE li SET outcome = 'failed', reason = 'imports.reason.notFound', issue_column = $1, issue_field = 'sku', issue_value = sku WHERE outcome IS NULL AND product_id IS NULL`, [col("sku")]);
  await c.query(`UPDATE li SET outcome = 'failed', reason = 'imports.reason.amountTooLarge', issue_column = $1, issue_field = 'unitPrice', issue_value = unit_price::text WHERE outcome IS NULL AND abs(unit_price) > ${MAX_PRICE}`, [col("unitPrice")]);
  await c.query(`UPDATE li SET outcome = 'failed', reason = 'imports.reason.amountTooLarge', issue_column = $1, issue_field = 'amount', issue_value = amount::text WHERE outcome IS NULL AND abs(amount) > ${MAX_AMOUNT}`, [col("amount")]);

  await c.query(`
    CREATE TEMP TABLE pairs ON COMMIT DROP AS
    WITH f AS (
      SELECT row_no, order_id, product_id, quantity, unit_price, amount,
        row_number() OVER (PARTITION BY order_id, product_id ORDER BY quantity, unit_price, amount, row_no) AS nth
      FROM li WHERE outcome IS NULL
    ),
    s AS (
      SELECT i.id, i.order_id, i.product_id, i.quantity, i.unit_price, i.amount,
        row_number() OVER (PARTITION BY i.order_id, i.product_id ORDER BY i.quantity, i.unit_price, i.amount, i.id) AS nth
      FROM order_items i WHERE i.tenant_id = $1 AND i.order_id IN (SELECT order_id FROM li WHERE outcome IS NULL)
    )
    SELECT f.row_no, s.id AS item_id,
      s.id IS NOT NULL AND (f.quantity, f.unit_price, f.amount) IS DISTINCT FROM (s.quantity, s.unit_price, s.amount) AS differs
    FROM f LEFT JOIN s ON s.order_id = f.order_id AND s.product_id = f.product_id AND s.nth = f.nth`, [tenantId]);
  await c.query(`
    UPDATE li SET item_id = pr.item_id, outcome = CASE
      WHEN pr.item_id IS NULL THEN 'create'
      WHEN ${options.policy === "skip"} THEN 'existing'
      WHEN pr.differs AND ${options.policy === "overwrite"} THEN 'update'
      ELSE 'unchanged' END
    FROM pairs pr WHERE pr.row_no = li.row_no`);

  await writeApplyIssues(c, { tenantId, importId, table: "li", params: false });
  const { rows } = await c.query<EntityApplyCounts & { ordersUpdated: number }>(`
    SELECT ${outcomeCounts()},
      count(DISTINCT order_id) FILTER (WHERE outcome IN ('create', 'update'))::int AS "ordersUpdated"
    FROM li`);
  const { ordersUpdated, ...counts } = rows[0]!;
  const result: EntityApplyCounts = { ...counts, details: { ordersUpdated } };
  if (args.dryRun) return result;

  await c.query(`
    INSERT INTO order_items (tenant_id, order_id, product_id, quantity, unit_price, amount, import_id)
    SELECT $1, order_id, product_id, quantity, unit_price, amount, $2 FROM li WHERE outcome = 'create' ORDER BY row_no`, p);
  await c.query(`
    UPDATE order_items i SET quantity = l.quantity, unit_price = l.unit_price, amount = l.amount
    FROM li l WHERE l.outcome = 'update' AND i.tenant_id = $1 AND i.id = l.item_id`, [tenantId]);
  await c.query(`
    UPDATE orders o SET amount = t.total,
      paid_amount = CASE WHEN o.paid_amount = 0 OR o.paid_amount = o.amount - o.discount THEN t.total - o.discount ELSE o.paid_amount END
    FROM (SELECT DISTINCT order_id FROM li WHERE outcome IN ('create', 'update')) s,
      LATERAL (SELECT COALESCE(sum(i.amount), 0) AS total FROM order_items i WHERE i.tenant_id = $1 AND i.order_id = s.order_id) t
    WHERE o.tenant_id = $1 AND o.id = s.order_id`, [tenantId]);
  return result;
}
