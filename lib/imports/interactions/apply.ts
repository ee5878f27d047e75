// Applying a staged interaction file: set-based, in the caller's one transaction.
// A row's customer is one the tenant already has (lib/imports/existing-customers.ts),
// else the row fails naming the key. An interaction is found again by its external
// id when the file gives one (in-file repeats were skipped while cleaning), else —
// or when that id is new — by customer + channel + time + type (one without an id
// then takes the file's). Found: updated by policy — overwrite replaces the note and
// points with the file's non-empty values (and, found by id, channel, type and
// time), fill_empty fills an empty note and zero points, skip leaves it — so the
// same file imported twice changes nothing. Not found: created (import_id set); a
// later row of the file with the same customer, channel, time and type is the same
// interaction and is skipped, noted in the problems file. Points earned are
// recorded on the interaction only (the members' ledger is not posted to: a member
// file's balance already holds them). A dry run counts the same way.
import type pg from "pg";
import type { EntityApplyArgs, EntityApplyCounts } from "@/lib/imports/entity-apply";
import { createRowsTable, decideExisting, outcomeCounts, setSql, writeApplyIssues, type ColumnUpdate } from "@/lib/imports/apply-rows";
import { CUSTOMER_KEY_COLUMNS, matchExistingCustomers } from "@/lib/imports/existing-customers";

const txt = (k: string) => `NULLIF(d->>'${k}', '')`;

export async function applyInteractions(c: pg.PoolClient, args: EntityApplyArgs): Promise<EntityApplyCounts> {
  const { tenantId, importId, options } = args;
  const p = [tenantId, importId];
  await createRowsTable(c, "itx", "row_no", `
    SELECT r.row_no, ${txt("interactionId")} AS ext_id, ${txt("channel")} AS channel, ${txt("type")} AS type,
      (d->>'occurredAt')::timestamptz AS occurred_at, (d->>'pointsEarned')::int AS points, ${txt("note")} AS note,
      x.id AS existing_id, x.id IS NOT NULL AS by_id, NULL::int AS same_as, ${CUSTOMER_KEY_COLUMNS}
    FROM import_entity_rows r CROSS JOIN LATERAL (SELECT r.data AS d) y
    LEFT JOIN interactions x ON x.tenant_id = $1 AND x.external_id = y.d->>'interactionId'
    WHERE r.tenant_id = $1 AND r.import_id = $2`, p);
  // Found by id: it keeps its customer. Else by customer + channel + time + type (one without an id of its own).
  await matchExistingCustomers(c, { table: "itx", tenantId, options, entity: "interactions", mapping: args.mapping, keep: "by_id" });
  await c.query(`
    UPDATE itx s SET existing_id = (
      SELECT x.id FROM interactions x
      WHERE x.tenant_id = $1 AND x.customer_id = s.customer_id AND x.channel = s.channel AND x.occurred_at = s.occurred_at AND x.type = s.type
        AND (s.ext_id IS NULL OR x.external_id IS NULL)
      ORDER BY x.external_id NULLS LAST, x.id LIMIT 1)
    WHERE s.outcome IS NULL AND NOT s.by_id`, [tenantId]);
  await c.query(`
    UPDATE itx s SET same_as = f.first_row FROM (
      SELECT row_no, first_value(row_no) OVER (PARTITION BY customer_id, channel, occurred_at, type, ext_id ORDER BY row_no) AS first_row
      FROM itx WHERE outcome IS NULL AND existing_id IS NULL
    ) f WHERE f.row_no = s.row_no AND f.first_row <> s.row_no`);
  await c.query(`UPDATE itx SET outcome = 'repeat' WHERE outcome IS NULL AND same_as IS NOT NULL`);
  await c.query(`UPDATE itx SET outcome = 'create' WHERE outcome IS NULL AND existing_id IS NULL`);

  const ow = options.policy === "overwrite";
  const cols: ColumnUpdate[] = [
    ["note", ow ? "COALESCE(s.note, x.note)" : "COALESCE(NULLIF(x.note, ''), s.note)"],
    ["points_earned", ow ? "COALESCE(s.points, x.points_earned)" : "CASE WHEN x.points_earned = 0 THEN COALESCE(s.points, 0) ELSE x.points_earned END"],
    ["external_id", "COALESCE(x.external_id, s.ext_id)"],
    ["channel", ow ? "CASE WHEN s.by_id THEN COALESCE(s.channel, x.channel) ELSE x.channel END" : "x.channel"],
    ["type", ow ? "CASE WHEN s.by_id THEN COALESCE(s.type, x.type) ELSE x.type END" : "x.type"],
    ["occurred_at", ow ? "CASE WHEN s.by_id THEN COALESCE(s.occurred_at, x.occurred_at) ELSE x.occurred_at END" : "x.occurred_at"],
  ];
  await decideExisting(c, { table: "itx", stored: "interactions", tenantId, policy: options.policy, cols });

  await writeApplyIssues(c, { tenantId, importId, table: "itx" });
  await c.query(`
    INSERT INTO import_row_issues (tenant_id, import_id, row_no, seq, level, phase, column_name, field, value, reason_key, reason_params)
    SELECT $1, $2, row_no, 900, 'duplicate', 'apply', NULL, NULL, '', 'imports.reason.sameInteraction', jsonb_build_object('row', same_as)
    FROM itx WHERE outcome = 'repeat'`, p);
  const { rows } = await c.query<EntityApplyCounts>(`SELECT ${outcomeCounts({ unchanged: "outcome IN ('unchanged', 'repeat')" })} FROM itx`);
  if (args.dryRun) return rows[0]!;

  await c.query(`
    INSERT INTO interactions (tenant_id, customer_id, channel, type, points_earned, note, occurred_at, external_id, import_id)
    SELECT $1, customer_id, channel, type, COALESCE(points, 0), note, occurred_at, ext_id, $2 FROM itx WHERE outcome = 'create' ORDER BY row_no`, p);
  await c.query(`
    UPDATE interactions x SET ${setSql(cols)}
    FROM itx s WHERE s.outcome = 'update' AND x.tenant_id = $1 AND x.id = s.existing_id`, [tenantId]);
  return rows[0]!;
}
