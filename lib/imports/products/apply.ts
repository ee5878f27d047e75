// Applying a staged product file: set-based, in the caller's one transaction.
// A row names its product by SKU (in-file repeats were skipped while cleaning). A
// SKU the tenant does not have is created (import_id set, for an undo); one it has
// is updated by policy — fill_empty fills an empty category, brand or price,
// overwrite replaces name, category, brand and price with the file's non-empty
// values, skip leaves it — and only where a value changes (IS DISTINCT FROM); the
// rest count as unchanged. Empty cells never erase. A dry run counts the same way.
import type pg from "pg";
import type { EntityApplyArgs, EntityApplyCounts } from "@/lib/imports/entity-apply";
import { createRowsTable, decideExisting, outcomeCounts, setSql, writeApplyIssues, type ColumnUpdate } from "@/lib/imports/apply-rows";

const MAX_PRICE = "9999999999.99";

export async function applyProducts(c: pg.PoolClient, args: EntityApplyArgs): Promise<EntityApplyCounts> {
  const { tenantId, importId, options } = args;
  const p = [tenantId, importId];
  const priceColumn = args.mapping.fields.price?.column ?? null;
  await createRowsTable(c, "pr", "row_no", `
    SELECT r.row_no, r.data->>'sku' AS sku, r.data->>'name' AS name, NULLIF(r.data->>'category', '') AS category,
      NULLIF(r.data->>'brand', '') AS brand, NULLIF(r.data->>'price', '')::numeric AS price,
      x.id AS existing_id, NULL::text AS outcome, NULL::text AS reason, NULL::text AS issue_column, NULL::text AS issue_field,
      NULL::text AS issue_value
    FROM import_entity_rows r LEFT JOIN products x ON x.tenant_id = $1 AND x.sku = r.data->>'sku'
    WHERE r.tenant_id = $1 AND r.import_id = $2`, p);

  const ow = options.policy === "overwrite";
  const cols: ColumnUpdate[] = [
    ["name", ow ? "COALESCE(s.name, x.name)" : "x.name"],
    ["category", ow ? "COALESCE(s.category, x.category)" : "COALESCE(NULLIF(x.category, ''), s.category)"],
    ["brand", ow ? "COALESCE(s.brand, x.brand)" : "COALESCE(NULLIF(x.brand, ''), s.brand)"],
    ["price", ow ? "COALESCE(s.price, x.price)" : "COALESCE(x.price, s.price)"],
  ];
  await c.query(`
    UPDATE pr SET outcome = 'failed', reason = 'imports.reason.amountTooLarge', issue_column = $1, issue_field = 'price', issue_value = price::text
    WHERE abs(price) > ${MAX_PRICE}`, [priceColumn]);
  await c.query(`UPDATE pr SET outcome = 'create' WHERE outcome IS NULL AND existing_id IS NULL`);
  await decideExisting(c, { table: "pr", stored: "products", tenantId, policy: options.policy, cols });

  await writeApplyIssues(c, { tenantId, importId, table: "pr", params: false });
  const { rows } = await c.query<EntityApplyCounts>(`SELECT ${outcomeCounts()} FROM pr`);
  if (args.dryRun) return rows[0]!;

  await c.query(`
    INSERT INTO products (tenant_id, sku, name, category, brand, price, import_id)
    SELECT $1, sku, name, category, brand, price, $2 FROM pr WHERE outcome = 'create' ORDER BY row_no`, p);
  await c.query(`
    UPDATE products x SET ${setSql(cols)}, updated_at = now()
    FROM pr s WHERE s.outcome = 'update' AND x.tenant_id = $1 AND x.id = s.existing_id`, [tenantId]);
  return rows[0]!;
}
