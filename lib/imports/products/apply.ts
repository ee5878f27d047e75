// Applying a staged product file: set-based, in the caller's one transaction.
// A row names its product by SKU (in-file repeats were skipped while cleaning). A
// SKU the tenant does not have is created (import_id set, for an undo); one it has
// is updated by policy — fill_empty fills an empty category, brand or price,
// overwrite replaces name, category, brand and price with the file's non-empty
// values, skip leaves it — and only where a value changes (IS DISTINCT FROM); the
// rest count as unchanged. Empty cells never erase. A dry run counts the same way.
import type pg from "pg";
import type { EntityApplyArgs, EntityApplyCounts } from "@/lib/imports/entity-apply";

const MAX_PRICE = "9999999999.99";

export async function applyProducts(c: pg.PoolClient, args: EntityApplyArgs): Promise<EntityApplyCounts> {
  const { tenantId, importId, options } = args;
  const p = [tenantId, importId];
  const priceColumn = args.mapping.fields.price?.column ?? null;
  await c.query(`
    CREATE TEMP TABLE pr ON COMMIT DROP AS
    SELECT r.row_no, r.data->>'sku' AS sku, r.data->>'name' AS name, NULLIF(r.data->>'category', '') AS category,
      NULLIF(r.data->>'brand', '') AS brand, NULLIF(r.data->>'price', '')::numeric AS price,
      x.id AS existing_id, NULL::text AS outcome
    FROM import_entity_rows r LEFT JOIN products x ON x.tenant_id = $1 AND x.sku = r.data->>'sku'
    WHERE r.tenant_id = $1 AND r.import_id = $2`, p);
  await c.query("ALTER TABLE pr ADD PRIMARY KEY (row_no)");
  await c.query("ANALYZE pr");

  const ow = options.policy === "overwrite";
  const cols: [string, string][] = [
    ["name", ow ? "COALESCE(s.name, x.name)" : "x.name"],
    ["category", ow ? "COALESCE(s.category, x.category)" : "COALESCE(NULLIF(x.category, ''), s.category)"],
    ["brand", ow ? "COALESCE(s.brand, x.brand)" : "COALESCE(NULLIF(x.brand, ''), s.brand)"],
    ["price", ow ? "COALESCE(s.price, x.price)" : "COALESCE(x.price, s.price)"],
  ];
  const changes = `(${cols.map(([, v]) => v).join(", ")}) IS DISTINCT FROM (${cols.map(([k]) => `x.${k}`).join(", ")})`;
  await c.query(`UPDATE pr SET outcome = 'failed' WHERE abs(price) > ${MAX_PRICE}`);
  await c.query(`UPDATE pr SET outcome = 'create' WHERE outcome IS NULL AND existing_id IS NULL`);
  if (options.policy === "skip") await c.query(`UPDATE pr SET outcome = 'existing' WHERE outcome IS NULL`);
  else {
    await c.query(`
      UPDATE pr s SET outcome = CASE WHEN ${changes} THEN 'update' ELSE 'unchanged' END
      FROM products x WHERE s.outcome IS NULL AND x.tenant_id = $1 AND x.id = s.existing_id`, [tenantId]);
  }

  await c.query("DELETE FROM import_row_issues WHERE tenant_id = $1 AND import_id = $2 AND phase = 'apply'", p);
  await c.query(`
    INSERT INTO import_row_issues (tenant_id, import_id, row_no, seq, level, phase, column_name, field, value, reason_key)
    SELECT $1, $2, row_no, 900, 'error', 'apply', $3, 'price', price::text, 'imports.reason.amountTooLarge' FROM pr WHERE outcome = 'failed'`,
  [...p, priceColumn]);

  const { rows } = await c.query<EntityApplyCounts>(`
    SELECT count(*)::int AS staged,
      count(*) FILTER (WHERE outcome = 'create')::int AS created,
      count(*) FILTER (WHERE outcome = 'update')::int AS updated,
      count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged,
      count(*) FILTER (WHERE outcome = 'existing')::int AS "existingSkipped",
      0 AS "sameCustomer",
      count(*) FILTER (WHERE outcome = 'failed')::int AS conflicts
    FROM pr`);
  if (args.dryRun) return rows[0]!;

  await c.query(`
    INSERT INTO products (tenant_id, sku, name, category, brand, price, import_id)
    SELECT $1, sku, name, category, brand, price, $2 FROM pr WHERE outcome = 'create' ORDER BY row_no`, p);
  await c.query(`
    UPDATE products x SET ${cols.map(([k, v]) => `${k} = ${v}`).join(", ")}, updated_at = now()
    FROM pr s WHERE s.outcome = 'update' AND x.tenant_id = $1 AND x.id = s.existing_id`, [tenantId]);
  return rows[0]!;
}
