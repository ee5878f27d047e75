// Applying a staged member file: set-based, in the caller's one transaction.
// A row names its member by member no. (in-file repeats were skipped while cleaning)
// and its customer by the customer keys — a customer the tenant already has
// (lib/imports/existing-customers.ts), else the row fails naming the key. Its tier
// is one of the tenant's by name, rank or the usual zh/en tier names
// (lib/imports/members/tiers.ts); an unknown tier fails the row naming it.
//
// A new member no. creates the member (import_id set) with its points as an opening
// points_ledger entry (import_id set), so the balance is the ledger's sum as
// lib/points/ledger.ts keeps it. A customer who is already a member under another
// no. fails the row, as does a member no. of another customer. An existing member
// is updated by policy — overwrite: tier, join date and status from the file's
// non-empty cells, and a points balance that differs from the ledger's sum gets an
// entry for the difference (balance_after = the file's balance); fill_empty: an
// empty tier is filled, and a member whose ledger is empty gets the file's points as
// its opening entry; skip leaves it — and a tier it changes is a tier_changes row.
// The same file imported twice finds nothing to change. A dry run counts the same way.
import type pg from "pg";
import type { EntityApplyArgs, EntityApplyCounts } from "@/lib/imports/entity-apply";
import { changesSql, createRowsTable, outcomeCounts, setSql, writeApplyIssues, type ColumnUpdate } from "@/lib/imports/apply-rows";
import { CUSTOMER_KEY_COLUMNS, matchExistingCustomers } from "@/lib/imports/existing-customers";
import { resolveTiers, type TierRow } from "@/lib/imports/members/tiers";

export const OPENING_REASON = "导入期初积分 (import: opening balance)";
export const ADJUST_REASON = "导入积分调整 (import: balance adjustment)";
const txt = (k: string) => `NULLIF(d->>'${k}', '')`;

export async function applyMembers(c: pg.PoolClient, args: EntityApplyArgs): Promise<EntityApplyCounts> {
  const { tenantId, importId, options } = args;
  const p = [tenantId, importId];
  const col = (k: string) => args.mapping.fields[k]?.column ?? null;
  await createRowsTable(c, "mem", "row_no", `
    SELECT r.row_no, ${txt("memberNo")} AS member_no, ${txt("tier")} AS tier_cell, (d->>'joinedAt')::timestamptz AS joined_at,
      (d->>'points')::int AS points, ${txt("status")} AS status,
      x.id AS existing_id, x.customer_id AS existing_customer, NULL::uuid AS tier_id, gen_random_uuid() AS new_id,
      NULL::int AS balance, NULL::int AS target, false AS changed, ${CUSTOMER_KEY_COLUMNS}
    FROM import_entity_rows r CROSS JOIN LATERAL (SELECT r.data AS d) y
    LEFT JOIN members x ON x.tenant_id = $1 AND x.member_no = y.d->>'memberNo'
    WHERE r.tenant_id = $1 AND r.import_id = $2`, p);

  // Tiers: a small table, matched here by name, rank or the usual names.
  const tiers = (await c.query<TierRow>("SELECT id, name, rank FROM member_tiers WHERE tenant_id = $1 ORDER BY rank", [tenantId])).rows;
  const cells = (await c.query<{ tier_cell: string }>("SELECT DISTINCT tier_cell FROM mem WHERE tier_cell IS NOT NULL")).rows.map((r) => r.tier_cell);
  const found = resolveTiers(cells, tiers);
  await c.query(`
    UPDATE mem s SET tier_id = m.id FROM unnest($1::text[], $2::uuid[]) m(cell, id) WHERE s.tier_cell = m.cell`,
  [[...found.keys()], [...found.values()]]);
  const names = tiers.map((t) => t.name).join(", ") || "—";
  await c.query(`
    UPDATE mem SET outcome = 'failed', reason = 'imports.reason.unknownTier', params = jsonb_build_object('tiers', $2::text),
      issue_column = $1, issue_field = 'tier', issue_value = tier_cell
    WHERE tier_cell IS NOT NULL AND tier_id IS NULL`, [col("tier"), names]);

  await matchExistingCustomers(c, { table: "mem", tenantId, options, entity: "members", mapping: args.mapping });
  await c.query(`
    UPDATE mem SET outcome = 'failed', reason = 'imports.reason.memberOfOther', issue_column = $1, issue_field = 'memberNo', issue_value = member_no
    WHERE outcome IS NULL AND existing_id IS NOT NULL AND existing_customer <> customer_id`, [col("memberNo")]);
  // A new member no. for a customer who is a member already (or named twice in the file).
  await c.query(`
    UPDATE mem s SET outcome = 'failed', reason = 'imports.reason.alreadyMember', params = jsonb_build_object('memberNo', x.member_no),
      issue_column = $2, issue_field = 'memberNo', issue_value = s.member_no
    FROM (
      SELECT s2.row_no, COALESCE(m.member_no, first_value(s2.member_no) OVER w) AS member_no, m.id AS held, row_number() OVER w AS n
      FROM mem s2 LEFT JOIN members m ON m.tenant_id = $1 AND m.customer_id = s2.customer_id
      WHERE s2.outcome IS NULL AND s2.existing_id IS NULL
      WINDOW w AS (PARTITION BY s2.customer_id ORDER BY s2.row_no)
    ) x
    WHERE x.row_no = s.row_no AND (x.held IS NOT NULL OR x.n > 1)`, [tenantId, col("memberNo")]);
  await c.query(`UPDATE mem SET outcome = 'create', target = points WHERE outcome IS NULL AND existing_id IS NULL`);

  if (options.policy === "skip") await c.query(`UPDATE mem SET outcome = 'existing' WHERE outcome IS NULL`);
  else {
    // The members' locks first, as lib/points/ledger.ts takes them: then the ledger's sum is the balance.
    await c.query(`SELECT 1 FROM members x JOIN mem s ON x.tenant_id = $1 AND x.id = s.existing_id WHERE s.outcome IS NULL ORDER BY x.id FOR UPDATE OF x`, [tenantId]);
    await c.query(`
      UPDATE mem s SET balance = COALESCE((SELECT sum(l.delta) FROM points_ledger l WHERE l.tenant_id = $1 AND l.member_id = s.existing_id), 0)::int,
        target = CASE WHEN s.points IS NULL THEN NULL
          WHEN $2 THEN s.points
          WHEN NOT EXISTS (SELECT 1 FROM points_ledger l WHERE l.tenant_id = $1 AND l.member_id = s.existing_id) THEN s.points END
      WHERE s.outcome IS NULL`, [tenantId, options.policy === "overwrite"]);
  }
  const ow = options.policy === "overwrite";
  const cols: ColumnUpdate[] = [
    ["tier_id", ow ? "COALESCE(s.tier_id, x.tier_id)" : "COALESCE(x.tier_id, s.tier_id)"],
    ["joined_at", ow ? "COALESCE(s.joined_at, x.joined_at)" : "x.joined_at"],
    ["status", ow ? "COALESCE(s.status, x.status)" : "x.status"],
  ];
  const changes = changesSql(cols);
  await c.query(`
    UPDATE mem s SET changed = ${changes}, outcome = CASE WHEN ${changes} OR s.target <> s.balance THEN 'update' ELSE 'unchanged' END
    FROM members x WHERE s.outcome IS NULL AND x.tenant_id = $1 AND x.id = s.existing_id`, [tenantId]);

  await writeApplyIssues(c, { tenantId, importId, table: "mem" });
  const { rows } = await c.query<EntityApplyCounts & { pointsEntries: number }>(`
    SELECT ${outcomeCounts()},
      count(*) FILTER (WHERE (outcome = 'create' AND target > 0) OR (outcome = 'update' AND target <> balance))::int AS "pointsEntries"
    FROM mem`);
  const { pointsEntries, ...counts } = rows[0]!;
  const details = { membersCreated: counts.created, pointsEntries };
  if (args.dryRun) return { ...counts, details };

  await c.query(`
    INSERT INTO members (tenant_id, id, customer_id, member_no, tier_id, joined_at, points_balance, status, import_id)
    SELECT $1, new_id, customer_id, member_no, tier_id, COALESCE(joined_at, now()), COALESCE(points, 0), COALESCE(status, 'active'), $2
    FROM mem WHERE outcome = 'create' ORDER BY row_no`, p);
  await c.query(`
    INSERT INTO points_ledger (tenant_id, member_id, delta, balance_after, reason, import_id, created_at)
    SELECT $1, new_id, points, points, $3, $2, clock_timestamp() FROM mem WHERE outcome = 'create' AND points > 0 ORDER BY row_no`,
  [...p, OPENING_REASON]);
  const { rowCount: tierRows } = await c.query(`
    INSERT INTO tier_changes (tenant_id, member_id, from_tier_id, to_tier_id, reason)
    SELECT $1, x.id, x.tier_id, s.tier_id, 'import' FROM mem s JOIN members x ON x.tenant_id = $1 AND x.id = s.existing_id
    WHERE s.outcome = 'update' AND s.changed AND s.tier_id IS NOT NULL AND ${cols[0]![1]} IS DISTINCT FROM x.tier_id`, [tenantId]);
  await c.query(`
    INSERT INTO points_ledger (tenant_id, member_id, delta, balance_after, reason, import_id, created_at)
    SELECT $1, existing_id, target - balance, target, CASE WHEN balance = 0 AND target > 0 THEN $3 ELSE $4 END, $2, clock_timestamp()
    FROM mem WHERE outcome = 'update' AND target <> balance ORDER BY row_no`, [...p, OPENING_REASON, ADJUST_REASON]);
  await c.query(`
    UPDATE members x SET ${setSql(cols)}, points_balance = COALESCE(s.target, s.balance, x.points_balance)
    FROM mem s WHERE s.outcome = 'update' AND x.tenant_id = $1 AND x.id = s.existing_id`, [tenantId]);
  return { ...counts, details: { ...details, tierChanges: tierRows ?? 0 } };
}
