// Undo of a member, interaction or service-ticket import (called by runUndo in
// lib/imports/undo.ts, in its transaction and under its lock).
//
// Members: the points entries the import posted to members it did not create (an
// opening balance, a re-import's difference) are reversed by one counter entry per
// member (−their sum, import_id NULL), under the member's lock as lib/points does —
// unless that would take the balance below zero (points spent since): then kept and
// counted. A member it created goes, with its ledger, unless something happened to it
// since (a points entry or tier change not the import's, or any row of another table
// naming it): then it is kept and counted. Tier, join date or status it changed on
// members that existed before are not reverted (the report says so).
// Interactions and tickets: the ones it created go, unless another table names them.
import type pg from "pg";
import type { ImportEntity } from "@/lib/import/fields";

export const RECORD_ENTITIES: readonly ImportEntity[] = ["members", "interactions", "serviceTickets"];

export type RecordsUndo = { removed: number; kept: number; pointsReversed: number; pointsKept: number };

const UNDO_REASON = "撤销导入 (import undone)";

/** Tables with this column whose rows are activity (not derived: rollups, staging, the ones given). */
export async function activityTables(c: pg.PoolClient, column: string, except: readonly string[]): Promise<string[]> {
  const { rows } = await c.query<{ table_name: string }>(`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' AND c.column_name = $1 AND c.table_name <> ALL($2::text[])
      AND c.table_name NOT LIKE 'rollup\\_%' AND c.table_name NOT LIKE 'import\\_%'
    ORDER BY 1`, [column, except]);
  return rows.map((r) => r.table_name);
}

/** `AND NOT EXISTS …` for each activity table naming the row `alias` by `column`, but the ones given. */
async function notNamed(c: pg.PoolClient, column: string, except: readonly string[], alias: string): Promise<string> {
  const tables = await activityTables(c, column, except);
  return tables.map((t) => `AND NOT EXISTS (SELECT 1 FROM ${t} a WHERE a.tenant_id = $1 AND a.${column} = ${alias}.id)`).join("\n      ");
}

async function count(c: pg.PoolClient, sql: string, params: unknown[]): Promise<number> {
  return (await c.query<{ n: number }>(`WITH d AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM d`, params)).rows[0]!.n;
}

async function undoMembers(c: pg.PoolClient, tenantId: string, importId: string): Promise<RecordsUndo> {
  const p = [tenantId, importId];
  await c.query(`
    CREATE TEMP TABLE undo_points ON COMMIT DROP AS
    SELECT l.member_id, sum(l.delta)::int AS posted, NULL::int AS balance FROM points_ledger l
    JOIN members m ON m.tenant_id = l.tenant_id AND m.id = l.member_id
    WHERE l.tenant_id = $1 AND l.import_id = $2 AND m.import_id IS DISTINCT FROM $2
    GROUP BY l.member_id`, p);
  await c.query(`SELECT 1 FROM members m JOIN undo_points u ON m.tenant_id = $1 AND m.id = u.member_id ORDER BY m.id FOR UPDATE OF m`, [tenantId]);
  await c.query(`UPDATE undo_points u SET balance = (SELECT COALESCE(sum(l.delta), 0)::int FROM points_ledger l WHERE l.tenant_id = $1 AND l.member_id = u.member_id)`, [tenantId]);
  const pointsReversed = await count(c, `
    INSERT INTO points_ledger (tenant_id, member_id, delta, balance_after, reason, created_at)
    SELECT $1, member_id, -posted, balance - posted, $2, clock_timestamp() FROM undo_points WHERE posted <> 0 AND balance - posted >= 0`,
  [tenantId, UNDO_REASON]);
  await c.query(`
    UPDATE members m SET points_balance = u.balance - u.posted FROM undo_points u
    WHERE m.tenant_id = $1 AND m.id = u.member_id AND u.posted <> 0 AND u.balance - u.posted >= 0`, [tenantId]);
  const { rows: pk } = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM undo_points WHERE posted <> 0 AND balance - posted < 0");

  const named = await notNamed(c, "member_id", ["points_ledger", "tier_changes"], "m");
  await c.query(`
    CREATE TEMP TABLE undo_members ON COMMIT DROP AS
    SELECT m.id, (NOT EXISTS (SELECT 1 FROM points_ledger l WHERE l.tenant_id = $1 AND l.member_id = m.id AND l.import_id IS DISTINCT FROM $2)
      AND NOT EXISTS (SELECT 1 FROM tier_changes tc WHERE tc.tenant_id = $1 AND tc.member_id = m.id)
      ${named}) AS gone
    FROM members m WHERE m.tenant_id = $1 AND m.import_id = $2`, p);
  const removed = await count(c, "DELETE FROM members m USING undo_members u WHERE m.tenant_id = $1 AND m.id = u.id AND u.gone", [tenantId]);
  const { rows: kept } = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM undo_members WHERE NOT gone");
  return { removed, kept: kept[0]!.n, pointsReversed, pointsKept: pk[0]!.n };
}

async function undoCreated(c: pg.PoolClient, tenantId: string, importId: string, table: string, column: string): Promise<RecordsUndo> {
  const p = [tenantId, importId];
  const named = await notNamed(c, column, [], "x");
  const removed = await count(c, `DELETE FROM ${table} x WHERE x.tenant_id = $1 AND x.import_id = $2 ${named}`, p);
  const { rows: kept } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1 AND import_id = $2`, p);
  return { removed, kept: kept[0]!.n, pointsReversed: 0, pointsKept: 0 };
}

export async function undoRecords(c: pg.PoolClient, tenantId: string, importId: string, entity: ImportEntity): Promise<RecordsUndo> {
  if (entity === "members") return undoMembers(c, tenantId, importId);
  if (entity === "interactions") return undoCreated(c, tenantId, importId, "interactions", "interaction_id");
  return undoCreated(c, tenantId, importId, "service_tickets", "ticket_id");
}
