// The customer of a member, interaction or ticket row: one the tenant already has,
// never one made up. Set-based on the caller's temp table (its name given) with the
// columns row_no, c_ext, c_nick, c_phone, c_email (the row's customer keys),
// customer_id, outcome, reason, params, issue_column, issue_field, issue_value.
//
// Rows still undecided (outcome NULL) are matched to a live customer by the chosen
// keys in order of trust, as order files are (lib/imports/order-customers.ts):
// external id (a deleted one followed to the customer it was merged into), buyer
// account (a channel id held by exactly one customer), phone, e-mail — a phone or
// e-mail match whose customer has another external id is no match. Two keys naming
// two customers fail the row (imports.reason.conflict); a row matching nobody fails
// naming its first key: `row 17: 客户手机 '+8613800000000' matches no customer`.
// Every lookup is by tenant_id, under RLS: another tenant's customers never match.
import type pg from "pg";
import { fieldDef, type ImportEntity } from "@/lib/import/fields";
import type { ImportMapping } from "@/lib/import/mapping";
import type { ImportOptions } from "@/lib/imports/schemas";

const REF_FIELDS = ["customerExternalId", "buyerNick", "customerPhone", "customerEmail"] as const;
const REF_COLUMNS = ["c_ext", "c_nick", "c_phone", "c_email"] as const;

export async function matchExistingCustomers(
  c: pg.PoolClient,
  args: { table: string; tenantId: string; options: ImportOptions; entity: ImportEntity; mapping: ImportMapping },
): Promise<void> {
  const { table, tenantId, options } = args;
  const keyed = (k: string) => options.matchKeys.includes(k as never);
  const slots = [keyed("externalId") ? "j.by_ext" : "NULL::uuid", keyed("identity") ? "j.by_nick" : "NULL::uuid", "j.by_phone", "j.by_email"];
  const target = `COALESCE(${slots.join(", ")})`;
  const targetSlot = `CASE ${slots.map((s, i) => `WHEN ${s} IS NOT NULL THEN ${i}`).join(" ")} END`;
  const conflictSlot = `CASE ${slots.map((s, i) => `WHEN ${s} IS NOT NULL AND ${s} <> ${target} THEN ${i}`).join(" ")} END`;
  await c.query(`
    CREATE TEMP TABLE xmatch ON COMMIT DROP AS
    WITH s AS (SELECT row_no, c_ext, c_nick, c_phone, c_email FROM ${table} WHERE outcome IS NULL),
    ph AS (
      SELECT DISTINCT ON (c.phone) c.phone, c.id, c.external_id FROM customers c
      WHERE c.tenant_id = $1 AND c.deleted_at IS NULL AND ${keyed("phone")} AND c.phone IN (SELECT c_phone FROM s WHERE c_phone IS NOT NULL)
      ORDER BY c.phone, c.created_at, c.id
    ),
    em AS (
      SELECT DISTINCT ON (c.email) c.email, c.id, c.external_id FROM customers c
      WHERE c.tenant_id = $1 AND c.deleted_at IS NULL AND ${keyed("email")} AND c.email IN (SELECT c_email FROM s WHERE c_email IS NOT NULL)
      ORDER BY c.email, c.created_at, c.id
    ),
    j AS (
      SELECT s.row_no,
        CASE WHEN e.id IS NULL THEN NULL WHEN e.deleted_at IS NULL THEN e.id ELSE sv.id END AS by_ext,
        nk.customer_id AS by_nick,
        CASE WHEN s.c_ext IS NULL OR ph.external_id IS NULL OR ph.external_id = s.c_ext THEN ph.id END AS by_phone,
        CASE WHEN s.c_ext IS NULL OR em.external_id IS NULL OR em.external_id = s.c_ext THEN em.id END AS by_email
      FROM s
      LEFT JOIN customers e ON e.tenant_id = $1 AND e.external_id = s.c_ext
      LEFT JOIN customers sv ON sv.tenant_id = $1 AND sv.id = e.merged_into_id AND sv.deleted_at IS NULL
      LEFT JOIN LATERAL (
        SELECT CASE WHEN count(DISTINCT ci.customer_id) = 1 THEN (array_agg(ci.customer_id))[1] END AS customer_id
        FROM customer_identities ci
        JOIN customers x ON x.tenant_id = ci.tenant_id AND x.id = ci.customer_id AND x.deleted_at IS NULL
        WHERE ci.tenant_id = $1 AND ci.external_id = s.c_nick
      ) nk ON s.c_nick IS NOT NULL
      LEFT JOIN ph ON ph.phone = s.c_phone
      LEFT JOIN em ON em.email = s.c_email
    )
    SELECT j.row_no, ${target} AS target, ${targetSlot} AS target_slot, ${conflictSlot} AS conflict_slot FROM j`, [tenantId]);
  await c.query("ALTER TABLE xmatch ADD PRIMARY KEY (row_no)");
  const labels = (lang: "en" | "zh") => REF_FIELDS.map((f) => fieldDef(args.entity, f)!.label[lang]);
  await c.query(`
    UPDATE ${table} o SET outcome = 'failed', reason = 'imports.reason.conflict',
      params = jsonb_build_object('firstEn', ($1::text[])[m.target_slot + 1], 'secondEn', ($1::text[])[m.conflict_slot + 1],
                                  'firstZh', ($2::text[])[m.target_slot + 1], 'secondZh', ($2::text[])[m.conflict_slot + 1])
    FROM xmatch m WHERE m.row_no = o.row_no AND m.conflict_slot IS NOT NULL`, [labels("en"), labels("zh")]);
  await c.query(`UPDATE ${table} o SET customer_id = m.target FROM xmatch m WHERE m.row_no = o.row_no AND o.outcome IS NULL AND m.target IS NOT NULL`);
  // No customer: the row fails on its most trusted key (the one a person would look up).
  const columns = REF_FIELDS.map((f) => args.mapping.fields[f]?.column ?? null);
  const first = `CASE ${REF_COLUMNS.map((k, i) => `WHEN ${k} IS NOT NULL THEN ${i + 1}`).join(" ")} END`;
  await c.query(`
    UPDATE ${table} SET outcome = 'failed', reason = 'imports.reason.noCustomer',
      issue_field = ($1::text[])[${first}], issue_column = ($2::text[])[${first}],
      issue_value = (ARRAY[${REF_COLUMNS.join(", ")}])[${first}]
    WHERE outcome IS NULL AND customer_id IS NULL`, [[...REF_FIELDS], columns]);
}
