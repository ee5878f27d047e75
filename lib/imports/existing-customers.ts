// The customer of a member, interaction or ticket row: one the tenant already has,
// never one made up. Set-based on the caller's temp table (its name given) with the
// columns row_no, c_ext, c_nick, c_phone, c_email (the row's customer keys),
// customer_id, outcome, reason, params, issue_column, issue_field, issue_value.
//
// Rows still undecided (outcome NULL) are matched to a live customer by the chosen
// keys in order of trust, with the SQL order files use (lib/imports/customer-match-sql.ts):
// external id (a deleted one followed to the customer it was merged into), buyer
// account (a channel id held by exactly one customer), phone, e-mail — a phone or
// e-mail match whose customer has another external id is no match. Two keys naming
// two customers fail the row (imports.reason.conflict); a row matching nobody fails
// naming its first key: `row 17: 客户手机 '+8613800000000' matches no customer`.
// Every lookup is by tenant_id, under RLS: another tenant's customers never match.
import type pg from "pg";
import type { ImportEntity } from "@/lib/import/fields";
import type { ImportMapping } from "@/lib/import/mapping";
import type { ImportOptions } from "@/lib/imports/schemas";
import { CUSTOMER_REF_FIELDS, customerMatchSql, markConflicts } from "@/lib/imports/customer-match-sql";

const REF_COLUMNS = ["c_ext", "c_nick", "c_phone", "c_email"] as const;

/** The select list of a staged row's customer keys (from its JSON `d`) and the columns this fills, for the caller's table. */
export const CUSTOMER_KEY_COLUMNS = [
  ...CUSTOMER_REF_FIELDS.map((f, i) => `NULLIF(d->>'${f}', '') AS ${REF_COLUMNS[i]}`), "NULL::uuid AS customer_id", "NULL::text AS outcome",
  "NULL::text AS reason", "NULL::jsonb AS params", "NULL::text AS issue_column", "NULL::text AS issue_field", "NULL::text AS issue_value",
].join(", ");

/**
 * `keep` names a boolean column of rows that found their record by its own id: they keep
 * its customer, so matching none is no failure for them.
 */
export async function matchExistingCustomers(
  c: pg.PoolClient,
  args: { table: string; tenantId: string; options: ImportOptions; entity: ImportEntity; mapping: ImportMapping; keep?: string },
): Promise<void> {
  const { table, tenantId, options } = args;
  const match = { into: "xmatch", from: table, key: "row_no", nick: "anyChannel" } as const;
  await c.query(customerMatchSql(match, options), [tenantId]);
  await c.query("ALTER TABLE xmatch ADD PRIMARY KEY (row_no)");
  await markConflicts(c, match, args.entity);
  await c.query(`UPDATE ${table} o SET customer_id = m.target FROM xmatch m WHERE m.row_no = o.row_no AND o.outcome IS NULL AND m.target IS NOT NULL`);
  // No customer: the row fails on its most trusted key (the one a person would look up).
  const columns = CUSTOMER_REF_FIELDS.map((f) => args.mapping.fields[f]?.column ?? null);
  const first = `CASE ${REF_COLUMNS.map((k, i) => `WHEN ${k} IS NOT NULL THEN ${i + 1}`).join(" ")} END`;
  await c.query(`
    UPDATE ${table} SET outcome = 'failed', reason = 'imports.reason.noCustomer',
      issue_field = ($1::text[])[${first}], issue_column = ($2::text[])[${first}],
      issue_value = (ARRAY[${REF_COLUMNS.join(", ")}])[${first}]
    WHERE outcome IS NULL AND customer_id IS NULL${args.keep ? ` AND NOT ${args.keep}` : ""}`, [[...CUSTOMER_REF_FIELDS], columns]);
}
