// Applying a staged order-line file (one row per order line, as e-commerce platforms
// export it): set-based, in the caller's one transaction. Creates or links, in one
// pass, the customers, products, orders and order items the lines describe.
//
// 1. Orders. The rows are grouped by order no.; an order's header (times, status,
//    channel, store, customer keys, discount, paid amount) is its FIRST row's.
//    An order one of whose lines failed (a bad value while cleaning, an amount out
//    of range) is not imported at all: its other lines fail too, naming that row —
//    half an order would have a wrong total.
// 2. Customers, for orders that do not exist yet (an existing order keeps its
//    customer). Matched by the chosen keys in order of trust: external id, channel
//    identity (the buyer account on the order's channel), phone, e-mail — exactly
//    as the customer import matches (a phone/e-mail match with another external id
//    is no match; two keys naming two customers fail the order). Orders matching
//    nobody create customers: orders sharing any key create ONE customer, with the
//    first order's values (name, contact, shipping address), created_import_id set.
// 3. Products by SKU; a SKU the tenant does not have is created from the line
//    (name, category, brand, the unit price as its price), import_id set. Existing
//    products are not changed (that is the product import's work).
// 4. Orders by order no. New: created with their lines; amount = the sum of the
//    line amounts, discount = the file's (or 0), paid amount = the file's (or
//    amount − discount); a file order amount that differs from the lines' sum is a
//    warning. Existing, by policy: skip leaves them as they are; fill_empty fills the
//    header's empty times (and a zero discount / paid amount) and adds the lines the
//    order does not have; overwrite also replaces the header values and the
//    quantity / price / amount of a line that differs. File lines pair with stored
//    items of the same product (equal lines first), so importing a file twice
//    changes nothing the second time. An order whose lines changed gets its amount
//    (and, unless the file gives it, its paid amount) recomputed from its items.
// 5. The customers of created orders get first_order_at / last_order_at again (from all their orders).
//
// Every row is counted once: created (its line was inserted), updated (its line or
// — on an order's first row — the order's header changed), unchanged, skipped by
// policy, or failed with an 'apply' issue. A dry run decides everything the same
// way and counts instead of writing.
import type pg from "pg";
import type { EntityApplyArgs, EntityApplyCounts } from "@/lib/imports/entity-apply";
import { changesSql, createRowsTable, outcomeCounts, setSql, writeApplyIssues, type ColumnUpdate } from "@/lib/imports/apply-rows";
import { timeOrderedId } from "@/lib/imports/new-id";
import { refreshOrderDates, resolveOrderCustomers, writeOrderCustomers } from "@/lib/imports/order-customers";

const MAX_PRICE = "9999999999.99";
const MAX_AMOUNT = "999999999999.99";

const num = (k: string) => `NULLIF(d->>'${k}', '')::numeric`;
const ts = (k: string) => `(d->>'${k}')::timestamptz`;
const txt = (k: string) => `NULLIF(d->>'${k}', '')`;

/** Runs steps 1–5 on the staged rows of one import. The caller owns the transaction. */
export async function applyOrderLines(c: pg.PoolClient, args: EntityApplyArgs): Promise<EntityApplyCounts> {
  const { tenantId, importId, options } = args;
  const p = [tenantId, importId];
  const keyed = (k: string) => options.matchKeys.includes(k as never);
  const col = (k: string) => args.mapping.fields[k]?.column ?? null;
  await c.query("SET LOCAL work_mem = '64MB'");

  // ── the rows, typed ──
  await createRowsTable(c, "ol", "row_no", `
    SELECT row_no, ${txt("orderNo")} AS order_no, ${ts("orderedAt")} AS ordered_at, ${ts("paidAt")} AS paid_at,
      ${ts("shippedAt")} AS shipped_at, ${ts("receivedAt")} AS received_at, ${ts("refundedAt")} AS refunded_at,
      ${txt("status")} AS status, ${txt("channel")} AS channel, (d->>'storeId')::uuid AS store_id,
      ${txt("customerExternalId")} AS c_ext, ${txt("customerName")} AS c_name, ${txt("customerPhone")} AS c_phone,
      ${txt("customerEmail")} AS c_email, ${txt("buyerNick")} AS c_nick,
      ${txt("province")} AS province, ${txt("city")} AS city, ${txt("district")} AS district, ${txt("address")} AS address,
      ${num("orderAmount")} AS order_amount, ${num("discount")} AS discount, ${num("paidAmount")} AS paid_amount,
      ${txt("sku")} AS sku, ${txt("productName")} AS product_name, ${txt("category")} AS category, ${txt("brand")} AS brand,
      (d->>'quantity')::int AS quantity, ${num("unitPrice")} AS unit_price, ${num("lineAmount")} AS line_amount
    FROM import_entity_rows r, LATERAL (SELECT r.data AS d) x
    WHERE r.tenant_id = $1 AND r.import_id = $2`, p);

  // ── rows that cannot be stored: amounts beyond the columns' range ──
  await c.query(`
    CREATE TEMP TABLE ol_fail ON COMMIT DROP AS
    SELECT row_no, 'imports.reason.amountTooLarge'::text AS reason, NULL::jsonb AS params, x.col, x.field, x.val
    FROM ol CROSS JOIN LATERAL (
      SELECT v.col, v.field, v.val FROM (VALUES
        (1, abs(unit_price) > ${MAX_PRICE}, $1::text, 'unitPrice', unit_price::text),
        (2, abs(line_amount) > ${MAX_AMOUNT}, $2::text, 'lineAmount', line_amount::text),
        (3, abs(discount) > ${MAX_AMOUNT}, $3::text, 'discount', discount::text),
        (4, abs(paid_amount) > ${MAX_AMOUNT}, $4::text, 'paidAmount', paid_amount::text)
      ) v(prio, hit, col, field, val) WHERE v.hit ORDER BY v.prio LIMIT 1
    ) x`, [col("unitPrice"), col("lineAmount"), col("discount"), col("paidAmount")]);

  // Orders with a line that is not imported: lines failed while cleaning (their order no.
  // read back from the file's cells) and the lines above.
  const orderNoIndex = args.headers.indexOf(col("orderNo") ?? "\u0000");
  await c.query(`
    CREATE TEMP TABLE bad_orders ON COMMIT DROP AS
    SELECT order_no, min(row_no) AS bad_row FROM (
      SELECT btrim(i.cells->>$3::int) AS order_no, i.row_no FROM import_row_issues i
      WHERE i.tenant_id = $1 AND i.import_id = $2 AND i.phase = 'clean' AND i.level = 'error' AND i.cells IS NOT NULL AND $3::int >= 0
      UNION ALL
      SELECT ol.order_no, ol.row_no FROM ol JOIN ol_fail f USING (row_no)
    ) b WHERE order_no IS NOT NULL AND order_no <> '' GROUP BY order_no`, [...p, orderNoIndex]);

  // ── 1. one header per order: its first row ──
  await createRowsTable(c, "ord", "order_no", `
    SELECT h.*, o.id AS existing_id, o.customer_id AS existing_customer, b.bad_row,
      NULL::uuid AS customer_id, ${timeOrderedId("row_number() OVER (ORDER BY h.ordered_at, h.order_no)")} AS new_id, NULL::text AS outcome, NULL::text AS reason, NULL::jsonb AS params,
      NULL::text AS issue_column, NULL::text AS issue_field, NULL::text AS issue_value, false AS header_changed, NULL::integer AS grp
    FROM (SELECT DISTINCT ON (order_no) row_no AS first_row, * FROM ol ORDER BY order_no, row_no) h
    LEFT JOIN orders o ON o.tenant_id = $1 AND o.order_no = h.order_no
    LEFT JOIN bad_orders b ON b.order_no = h.order_no`, [tenantId]);
  await c.query(`UPDATE ord SET outcome = 'failed', reason = 'imports.reason.orderLineFailed', params = jsonb_build_object('of', bad_row) WHERE bad_row IS NOT NULL`);
  await c.query(`UPDATE ord SET customer_id = existing_customer, outcome = ${options.policy === "skip" ? "'existing'" : "'update'"} WHERE outcome IS NULL AND existing_id IS NOT NULL`);

  // ── 2. customers of the new orders (lib/imports/order-customers.ts) ──
  await resolveOrderCustomers(c, { tenantId, options, entity: "orderLines", extColumn: col("customerExternalId") });
  const first = (v: string, by = "first_row") => `(array_agg(${v} ORDER BY ${by}) FILTER (WHERE ${v} IS NOT NULL))[1]`;

  // ── 3. products of the lines that will be written ──
  await c.query(`
    CREATE TEMP TABLE prod ON COMMIT DROP AS
    SELECT l.sku, p.id AS existing_id, COALESCE(p.id, gen_random_uuid()) AS id,
      COALESCE(${first("l.product_name", "l.row_no")}, l.sku) AS name,
      ${first("l.category", "l.row_no")} AS category, ${first("l.brand", "l.row_no")} AS brand, ${first("l.unit_price", "l.row_no")} AS price
    FROM ol l JOIN ord o ON o.order_no = l.order_no AND o.outcome IN ('create', 'update')
    LEFT JOIN products p ON p.tenant_id = $1 AND p.sku = l.sku
    GROUP BY l.sku, p.id`, [tenantId]);
  await c.query("ALTER TABLE prod ADD PRIMARY KEY (sku)");

  // ── rows: the order's outcome (a failed line carries its own reason) ──
  const failed = "f.row_no IS NOT NULL OR o.outcome = 'failed'";
  await createRowsTable(c, "line", "row_no", `
    SELECT l.row_no, l.order_no, o.first_row, o.existing_id,
      CASE WHEN o.outcome = 'create' THEN o.new_id ELSE o.existing_id END AS order_id,
      CASE WHEN ${failed} THEN 'failed' ELSE o.outcome END AS outcome,
      COALESCE(f.reason, o.reason) AS reason,
      CASE WHEN f.row_no IS NOT NULL THEN f.params ELSE o.params END AS params,
      CASE WHEN f.row_no IS NOT NULL THEN f.col ELSE o.issue_column END AS issue_column,
      CASE WHEN f.row_no IS NOT NULL THEN f.field ELSE o.issue_field END AS issue_field,
      CASE WHEN f.row_no IS NOT NULL THEN f.val ELSE o.issue_value END AS issue_value,
      pr.id AS product_id, NULL::uuid AS item_id,
      CASE WHEN ${failed} THEN 'failed' WHEN o.outcome IN ('create', 'existing') THEN o.outcome END AS line_outcome,
      NOT (${failed}) AND o.outcome = 'create' AS item_changed
    FROM ol l JOIN ord o ON o.order_no = l.order_no LEFT JOIN ol_fail f ON f.row_no = l.row_no LEFT JOIN prod pr ON pr.sku = l.sku`);

  // ── 4. lines of existing orders pair with their stored items ──
  await c.query(`
    CREATE TEMP TABLE pairs ON COMMIT DROP AS
    WITH f AS (
      SELECT x.row_no, x.order_id, x.product_id, l.quantity, l.unit_price, l.line_amount,
        row_number() OVER (PARTITION BY x.order_id, x.product_id ORDER BY l.quantity, l.unit_price, l.line_amount, x.row_no) AS nth
      FROM line x JOIN ol l ON l.row_no = x.row_no WHERE x.outcome = 'update'
    ),
    s AS (
      SELECT i.id, i.order_id, i.product_id, i.quantity, i.unit_price, i.amount,
        row_number() OVER (PARTITION BY i.order_id, i.product_id ORDER BY i.quantity, i.unit_price, i.amount, i.id) AS nth
      FROM order_items i WHERE i.tenant_id = $1 AND i.order_id IN (SELECT existing_id FROM ord WHERE outcome = 'update')
    )
    SELECT f.row_no, s.id AS item_id,
      s.id IS NOT NULL AND (f.quantity, f.unit_price, f.line_amount) IS DISTINCT FROM (s.quantity, s.unit_price, s.amount) AS differs
    FROM f LEFT JOIN s ON s.order_id = f.order_id AND s.product_id = f.product_id AND s.nth = f.nth`, [tenantId]);
  await c.query(`
    UPDATE line x SET item_id = pr.item_id, line_outcome = CASE
      WHEN pr.item_id IS NULL THEN 'create'
      WHEN pr.differs AND ${options.policy === "overwrite"} THEN 'update'
      ELSE 'unchanged' END,
      item_changed = pr.item_id IS NULL OR (pr.differs AND ${options.policy === "overwrite"})
    FROM pairs pr WHERE pr.row_no = x.row_no`);

  // The header of an existing order, by policy (empty cells never erase; 0 counts as empty for money).
  const ow = options.policy === "overwrite";
  const t = (k: string) => (ow ? `COALESCE(s.${k}, o.${k})` : `COALESCE(o.${k}, s.${k})`);
  const money = (k: string) => (ow ? `COALESCE(s.${k}, o.${k})` : `CASE WHEN o.${k} = 0 THEN COALESCE(s.${k}, o.${k}) ELSE o.${k} END`);
  const header: ColumnUpdate[] = [
    ["paid_at", t("paid_at")], ["shipped_at", t("shipped_at")], ["received_at", t("received_at")], ["refunded_at", t("refunded_at")],
    ["store_id", t("store_id")], ["status", ow ? "COALESCE(s.status, o.status)" : "o.status"],
    ["channel", ow ? "COALESCE(s.channel, o.channel)" : "o.channel"],
    ["discount", money("discount")], ["paid_amount", money("paid_amount")],
  ];
  const headerChanges = changesSql(header, "o");
  await c.query(`
    UPDATE ord s SET header_changed = true FROM orders o
    WHERE s.outcome = 'update' AND o.tenant_id = $1 AND o.id = s.existing_id AND ${headerChanges}`, [tenantId]);
  await c.query(`
    UPDATE line x SET line_outcome = 'update' FROM ord o
    WHERE o.order_no = x.order_no AND o.header_changed AND x.row_no = o.first_row AND x.line_outcome = 'unchanged'`);

  // ── what the import says about rows ──
  await writeApplyIssues(c, { tenantId, importId, table: "line" });
  await c.query(`
    INSERT INTO import_row_issues (tenant_id, import_id, row_no, seq, level, phase, column_name, field, value, reason_key, reason_params)
    SELECT $1, $2, o.first_row, 901, 'warning', 'apply', $3, 'orderAmount', o.order_amount::text, 'imports.warning.orderAmountMismatch',
      jsonb_build_object('sum', s.total::text)
    FROM ord o JOIN (SELECT order_no, sum(line_amount) AS total FROM ol GROUP BY order_no) s ON s.order_no = o.order_no
    WHERE o.outcome = 'create' AND o.order_amount IS NOT NULL AND o.order_amount <> s.total`, [...p, col("orderAmount")]);

  const { rows: cnt } = await c.query<EntityApplyCounts & { ordersCreated: number; ordersUpdated: number; customersCreated: number; productsCreated: number }>(`
    SELECT ${outcomeCounts({ outcome: "line_outcome" })},
      (SELECT count(*) FROM ord WHERE outcome = 'create')::int AS "ordersCreated",
      (SELECT count(DISTINCT o.order_no) FROM ord o JOIN line x ON x.order_no = o.order_no
        WHERE o.outcome = 'update' AND (x.item_changed OR o.header_changed))::int AS "ordersUpdated",
      (SELECT count(*) FROM newcust)::int AS "customersCreated",
      (SELECT count(*) FROM prod WHERE existing_id IS NULL)::int AS "productsCreated"
    FROM line`);
  const { ordersCreated, ordersUpdated, customersCreated, productsCreated, ...counts } = cnt[0]!;
  const result: EntityApplyCounts = { ...counts, details: { ordersCreated, ordersUpdated, customersCreated, productsCreated } };
  if (args.dryRun) return result;

  // ── writes ──
  await writeOrderCustomers(c, { tenantId, importId, identity: keyed("identity") });
  await c.query(`
    INSERT INTO products (tenant_id, id, sku, name, category, brand, price, import_id)
    SELECT $1, id, sku, name, category, brand, price, $2 FROM prod WHERE existing_id IS NULL`, p);
  await c.query(`
    INSERT INTO orders (tenant_id, id, order_no, customer_id, channel, store_id, status, ordered_at, paid_at, shipped_at, received_at,
      refunded_at, amount, discount, paid_amount, import_id)
    SELECT $1, o.new_id, o.order_no, o.customer_id, COALESCE(o.channel, 'other'), o.store_id,
      COALESCE(o.status, CASE WHEN o.refunded_at IS NOT NULL THEN 'refunded' WHEN o.received_at IS NOT NULL THEN 'received'
        WHEN o.shipped_at IS NOT NULL THEN 'shipped' WHEN o.paid_at IS NOT NULL THEN 'paid' ELSE 'created' END),
      o.ordered_at, o.paid_at, o.shipped_at, o.received_at, o.refunded_at, s.total, COALESCE(o.discount, 0),
      COALESCE(o.paid_amount, s.total - COALESCE(o.discount, 0)), $2
    FROM ord o JOIN (SELECT x.order_no, sum(l.line_amount) AS total FROM line x JOIN ol l USING (row_no) GROUP BY x.order_no) s ON s.order_no = o.order_no
    WHERE o.outcome = 'create'
    ORDER BY o.new_id`, p);
  await c.query(`
    UPDATE orders o SET ${setSql(header)}
    FROM ord s WHERE s.header_changed AND o.tenant_id = $1 AND o.id = s.existing_id`, [tenantId]);
  await c.query(`
    INSERT INTO order_items (tenant_id, id, order_id, product_id, quantity, unit_price, amount, import_id)
    SELECT $1, ${timeOrderedId("x.row_no")}, x.order_id, x.product_id, l.quantity, l.unit_price, l.line_amount, $2
    FROM line x JOIN ol l USING (row_no) WHERE x.line_outcome = 'create' ORDER BY x.row_no`, p);
  await c.query(`
    UPDATE order_items i SET quantity = l.quantity, unit_price = l.unit_price, amount = l.line_amount
    FROM line x JOIN ol l USING (row_no) WHERE x.line_outcome = 'update' AND x.item_id IS NOT NULL AND i.tenant_id = $1 AND i.id = x.item_id`, [tenantId]);
  // Existing orders whose lines changed: the amount is their items' sum again.
  await c.query(`
    UPDATE orders o SET amount = t.total,
      paid_amount = CASE WHEN s.paid_amount IS NOT NULL AND ${ow ? "true" : "o.paid_amount = 0"} THEN s.paid_amount ELSE t.total - o.discount END
    FROM ord s, LATERAL (SELECT COALESCE(sum(i.amount), 0) AS total FROM order_items i WHERE i.tenant_id = $1 AND i.order_id = s.existing_id) t
    WHERE s.outcome = 'update' AND o.tenant_id = $1 AND o.id = s.existing_id
      AND s.order_no IN (SELECT order_no FROM line WHERE item_changed AND existing_id IS NOT NULL)`,
  [tenantId]);
  // ── 5. first and last order of the customers of the new orders ──
  await refreshOrderDates(c, tenantId);
  return result;
}
