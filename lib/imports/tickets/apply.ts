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
import { createRowsTable, decideExisting, outcomeCounts, setSql, writeApplyIssues, type ColumnUpdate } from "@/lib/imports/apply-rows";
import { CUSTOMER_KEY_COLUMNS, matchExistingCustomers } from "@/lib/imports/existing-customers";

const txt = (k: string) => `NULLIF(d->>'${k}', '')`;
const ts = (k: string) => `(d->>'${k}')::timestamptz`;

export async function applyTickets(c: pg.PoolClient, args: EntityApplyArgs): Promise<EntityApplyCounts> {
  const { tenantId, importId, options } = args;
  const p = [tenantId, importId];
  await createRowsTable(c, "tk", "row_no", `
    SELECT r.row_no, ${txt("ticketNo")} AS ticket_no, ${txt("kind")} AS kind, ${txt("status")} AS status, ${txt("priority")} AS priority,
      ${txt("category")} AS category, ${txt("subject")} AS subject, ${txt("body")} AS body, ${ts("openedAt")} AS opened_at, ${ts("closedAt")} AS closed_at,
      x.id AS existing_id, x.id IS NOT NULL AS by_no, ${CUSTOMER_KEY_COLUMNS}
    FROM import_entity_rows r CROSS JOIN LATERAL (SELECT r.data AS d) y
    LEFT JOIN service_tickets x ON x.tenant_id = $1 AND x.ticket_no = y.d->>'ticketNo'
    WHERE r.tenant_id = $1 AND r.import_id = $2`, p);
  // Found by ticket no.: it keeps its customer. Else by customer + subject (+ time), one without a no. of its own.
  await matchExistingCustomers(c, { table: "tk", tenantId, options, entity: "serviceTickets", mapping: args.mapping, keep: "by_no" });
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
  const cols: ColumnUpdate[] = [
    ["ticket_no", "COALESCE(x.ticket_no, s.ticket_no)"], ["kind", keep("kind")], ["status", keep("status")], ["priority", fill("priority")],
    ["category", fill("category")], ["subject", keep("subject")], ["body", ow ? "COALESCE(s.body, x.body)" : "COALESCE(NULLIF(x.body, ''), s.body)"],
    ["opened_at", keep("opened_at")], ["closed_at", fill("closed_at")],
  ];
  await decideExisting(c, { table: "tk", stored: "service_tickets", tenantId, policy: options.policy, cols });

  await writeApplyIssues(c, { tenantId, importId, table: "tk" });
  const { rows } = await c.query<EntityApplyCounts>(`SELECT ${outcomeCounts()} FROM tk`);
  if (args.dryRun) return rows[0]!;

  await c.query(`
    INSERT INTO service_tickets (tenant_id, customer_id, ticket_no, kind, status, priority, category, subject, body, opened_at, closed_at, import_id)
    SELECT $1, customer_id, ticket_no, COALESCE(kind, 'consultation'), COALESCE(status, CASE WHEN closed_at IS NOT NULL THEN 'closed' ELSE 'open' END),
      priority, category, subject, body, COALESCE(opened_at, LEAST(closed_at, now())), closed_at, $2
    FROM tk WHERE outcome = 'create' ORDER BY row_no`, p);
  await c.query(`
    UPDATE service_tickets x SET ${setSql(cols)}
    FROM tk s WHERE s.outcome = 'update' AND x.tenant_id = $1 AND x.id = s.existing_id`, [tenantId]);
  return rows[0]!;
}
