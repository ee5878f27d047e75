// What every set-based apply (lib/imports/<entity>/apply.ts) does the same way with
// its rows: the typed temp table it works on, the decision on rows that exist by
// policy, the 'apply' issues of failed rows and the count of rows by outcome.
// SQL fragments only name the caller's own tables and columns; values go as params.
import type pg from "pg";
import type { ImportOptions } from "@/lib/imports/schemas";

/** A CRM column and the expression of its value after the apply (over the file row `s` and the stored row). */
export type ColumnUpdate = [column: string, value: string];

/**
 * Creates the temp table `name` (dropped at commit) from `select`, keyed by `key`, and
 * analyzes it: the planner then sees its real size instead of a guess (set-based
 * joins on a million rows go wrong without it).
 */
export async function createRowsTable(c: pg.PoolClient, name: string, key: string, select: string, params?: unknown[]): Promise<void> {
  await c.query(`CREATE TEMP TABLE ${name} ON COMMIT DROP AS ${select}`, params);
  await c.query(`ALTER TABLE ${name} ADD PRIMARY KEY (${key})`);
  await c.query(`ANALYZE ${name}`);
}

/** Whether the update changes the stored row `stored`: `(new values) IS DISTINCT FROM (stored.columns)`. */
export const changesSql = (cols: readonly ColumnUpdate[], stored = "x"): string =>
  `(${cols.map(([, v]) => v).join(", ")}) IS DISTINCT FROM (${cols.map(([k]) => `${stored}.${k}`).join(", ")})`;

/** The SET list of the update. */
export const setSql = (cols: readonly ColumnUpdate[]): string => cols.map(([k, v]) => `${k} = ${v}`).join(", ");

/**
 * The undecided rows (outcome NULL) that found a stored row (existing_id, in `stored`
 * of the tenant): by policy, skip leaves them ('existing'); otherwise 'update' where
 * a value changes, else 'unchanged'.
 */
export async function decideExisting(
  c: pg.PoolClient,
  args: { table: string; stored: string; tenantId: string; policy: ImportOptions["policy"]; cols: readonly ColumnUpdate[] },
): Promise<void> {
  if (args.policy === "skip") {
    await c.query(`UPDATE ${args.table} SET outcome = 'existing' WHERE outcome IS NULL`);
    return;
  }
  await c.query(`
    UPDATE ${args.table} s SET outcome = CASE WHEN ${changesSql(args.cols)} THEN 'update' ELSE 'unchanged' END
    FROM ${args.stored} x WHERE s.outcome IS NULL AND x.tenant_id = $1 AND x.id = s.existing_id`, [args.tenantId]);
}

/**
 * Replaces the import's 'apply' issues with one error per failed row of `table` (its
 * issue_column, issue_field, issue_value, reason and — unless `params` is false —
 * params columns); `row` names its file row.
 */
export async function writeApplyIssues(
  c: pg.PoolClient,
  args: { tenantId: string; importId: string; table: string; row?: string; params?: boolean },
): Promise<void> {
  const p = [args.tenantId, args.importId];
  await c.query("DELETE FROM import_row_issues WHERE tenant_id = $1 AND import_id = $2 AND phase = 'apply'", p);
  await c.query(`
    INSERT INTO import_row_issues (tenant_id, import_id, row_no, seq, level, phase, column_name, field, value, reason_key, reason_params)
    SELECT $1, $2, ${args.row ?? "row_no"}, 900, 'error', 'apply', issue_column, issue_field, issue_value, reason, ${args.params === false ? "NULL" : "params"}
    FROM ${args.table} WHERE outcome = 'failed'`, p);
}

/**
 * The select list counting rows by outcome as EntityApplyCounts has them, for
 * `SELECT ${outcomeCounts()} FROM table`: `outcome` names the outcome column, and
 * `updated` / `unchanged` / `sameCustomer` replace the plain conditions where an
 * apply tells them apart another way.
 */
export function outcomeCounts(o: { outcome?: string; updated?: string; unchanged?: string; sameCustomer?: string } = {}): string {
  const is = (v: string) => `${o.outcome ?? "outcome"} = '${v}'`;
  const count = (cond: string) => `count(*) FILTER (WHERE ${cond})::int`;
  return `count(*)::int AS staged,
      ${count(is("create"))} AS created,
      ${count(o.updated ?? is("update"))} AS updated,
      ${count(o.unchanged ?? is("unchanged"))} AS unchanged,
      ${count(is("existing"))} AS "existingSkipped",
      ${o.sameCustomer ? count(o.sameCustomer) : "0"} AS "sameCustomer",
      ${count(is("failed"))} AS conflicts`;
}
