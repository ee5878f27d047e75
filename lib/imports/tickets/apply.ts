// Applying a staged service-ticket file: set-based, in the caller's one transaction.
// A row's customer is one the tenant already has (lib/imports/existing-customers.ts),
// else the row fails naming the key (a close time before the created time is only a
// warning of the cleaner, lib/import/row-cleaner.ts, as for orders).
// A ticket is found again by its ticket no. (in-file repeats were skipped while
// cleaning), else by customer + subject (+ created time when the file gives one).
// Found: it keeps its customer and is updated by policy — overwrite replaces kind,
// status, priority, category, subject, description and times with the file's
// non-empty values, fill_empty fills an empty priority, category, description or
// close time (and a ticket no.), skip leaves it. Not found: created (import_id set)
// with kind 'consultation' when the file has none, status 'closed' when it has a
// close time and no status, created now (or at its close time) when it has no time. The same file imported
// twice changes nothing. A dry run counts the same way.
import type pg from "pg";
import type { EntityApplyArgs, EntityApplyCounts } from "@/lib/imports/entity-apply";
import { matchExistingCustomers } from "@/lib/imports/existing-customers";

const txt = (k: string) => `NULLIF(d->>'${k}', '')`;
const ts = (k: string) => `(d->>'${k}')::timestamptz`;

export async function applyTickets(c: pg.PoolClient, args: EntityApplyArgs): Promise<EntityApplyCounts> {
  const { tenantId, importId, options } = args;
  const p = [tenantId, importId];
  await c.query(`
    CREATE TEMP TABLE tk ON COMMIT DROP AS
    SELECT r.row_no, ${txt("ticketNo")} AS ticket_no, ${txt("kind")} AS kind, ${txt("status")} AS status, ${txt("priority")} AS priority,
      ${txt("category")} AS category, ${txt("subject")} AS subject, ${txt("body")} AS body, ${ts("openedAt")} AS opened_at, ${ts("closedAt")} AS closed_at,
      ${txt("customerExternalId")} AS c_ext, ${txt("buyerNick")} AS c_nick, ${txt("customerPhone")} AS c_phone, ${txt("customerEmail")} AS c_email,
      x.id AS existing_id, x.id IS NOT NULL AS by_no, NULL::uuid AS customer_id, NULL::text AS outcome, NULL::text AS reason,
      NULL::jsonb AS params, NULL::text AS issue_column, NULL::text AS issue_field, NULL::text AS issue_value
    FROM import_entity_rows r CROSS JOIN LATERAL (SELECT r.data AS d) y
    LEFT JOIN service_tickets x ON x.tenant_id = $1 AND x.ticket_no = y.d->>'ticketNo'
    WHERE r.tenant_id = $1 AND r.import_id = $2`, p);
  await c.query("ALTER TABLE tk ADD PRIMARY KEY (row_no)");
  await c.query("ANALYZE tk");
  await matchExistingCustomers(c, { table: "tk", tenantId, options, entity: "serviceTickets", mapping: args.mapping });
  // Found by ticket no.: it keeps its customer. Else by customer + subject (+ time), one without a no. of its own.
  await c.query(`UPDATE tk SET outcome = NULL, reason = NULL, params = NULL, issue_column = NULL, issue_field = NULL, issue_value = NULL
    WHERE by_no AND reason = 'imports.reason.noCustomer'`);
  await c.query(`
    UPDATE tk s SET existing_id = (
      SELECT x.id FROM service_tickets x
      WHERE x.tenant_id = $1 AND x.customer_id = s.customer_id AND x.subject = s.subject
        AND (s.opened_at IS NULL OR x.opened_at = s.opened_at) AND (s.ticket_no IS NULL OR x.ticket_no IS NULL)
      ORDER BY x.opened_at, x.id LIMIT 1)
    WHERE s.outcome IS NULL AND NOT s.by_no`, [tenantId]);
  await c.query(`UPDATE tk SET outcome = 'create' WHERE outcome IS NULL AND existing_id IS NULL`);

  const ow = options.policy === "overwrite";
  const fill = (k: string, v = `s.${k}`) => (ow ? `COALESCE(${v}, x.${k})` : `COALESCE(x.${k}, ${v})`);
  const keep = (k: string) => (ow ? `COALESCE(s.${k}, x.${k})` : `x.${k}`);
  const cols: [string, string][] = [
    ["ticket_no", "COALESCE(x.ticket_no, s.ticket_no)"], ["kind", keep("kind")], ["status", keep("status")], ["priority", fill("priority")],
    ["category", fill("category")], ["subject", keep("subject")], ["body", ow ? "COALESCE(s.body, x.body)" : "COALESCE(NULLIF(x.body, ''), s.body)"],
    ["opened_at", keep("opened_at")], ["closed_at", fill("closed_at")],
  ];
  const changes = `(${cols.map(([, v]) => v).join(", ")}) IS DISTINCT FROM (${cols.map(([k]) => `x.${k}`).join(", ")})`;
  if (options.policy === "skip") await c.query(`UPDATE tk SET outcome = 'existing' WHERE outcome IS NULL`);
  else {
    await c.query(`
      UPDATE tk s SET outcome = CASE WHEN ${changes} THEN 'update' ELSE 'unchanged' END
      FROM service_tickets x WHERE s.outcome IS NULL AND x.tenant_id = $1 AND x.id = s.existing_id`, [tenantId]);
  }

  await c.query("DELETE FROM import_row_issues WHERE tenant_id = $1 AND import_id = $2 AND phase = 'apply'", p);
  await c.query(`
    INSERT INTO import_row_issues (tenant_id, import_id, row_no, seq, level, phase, column_name, field, value, reason_key, reason_params)
    SELECT $1, $2, row_no, 900, 'error', 'apply', issue_column, issue_field, issue_value, reason, params FROM tk WHERE outcome = 'failed'`, p);
  const { rows } = await c.query<EntityApplyCounts>(`
    SELECT count(*)::int AS staged,
      count(*) FILTER (WHERE outcome = 'create')::int AS created,
      count(*) FILTER (WHERE outcome = 'update')::int AS updated,
      count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged,
      count(*) FILTER (WHERE outcome = 'existing')::int AS "existingSkipped",
      0 AS "sameCustomer",
      count(*) FILTER (WHERE outcome = 'failed')::int AS conflicts
    FROM tk`);
  if (args.dryRun) return rows[0]!;

  await c.query(`
    INSERT INTO service_tickets (tenant_id, customer_id, ticket_no, kind, status, priority, category, subject, body, opened_at, closed_at, import_id)
    SELECT $1, customer_id, ticket_no, COALESCE(kind, 'consultation'), COALESCE(status, CASE WHEN closed_at IS NOT NULL THEN 'closed' ELSE 'open' END),
      priority, category, subject, body, COALESCE(opened_at, LEAST(closed_at, now())), closed_at, $2
    FROM tk WHERE outcome = 'create' ORDER BY row_no`, p);
  await c.query(`
    UPDATE service_tickets x SET ${cols.map(([k, v]) => `${k} = ${v}`).join(", ")}
    FROM tk s WHERE s.outcome = 'update' AND x.tenant_id = $1 AND x.id = s.existing_id`, [tenantId]);
  return rows[0]!;
}
