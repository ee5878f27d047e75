// Matching import rows to a tenant's live customers by their keys: the one SQL both
// lib/imports/existing-customers.ts (member, interaction, ticket rows) and
// lib/imports/order-customers.ts (orders of order and order-line files) run.
//
// The rows still undecided (outcome NULL) of the caller's temp table are matched by
// the chosen keys in order of trust: external id (a deleted one followed to the
// customer it was merged into), buyer account, phone, e-mail — a phone or e-mail
// match whose customer has another external id is no match. The result is a temp
// table (ON COMMIT DROP) of the row key, the matched customer (target), the slot of
// the key that found it and the slot of a key naming another customer
// (conflict_slot), which markConflicts turns into a failed row. Every lookup is by
// tenant_id ($1), under RLS: another tenant's customers never match.
import type pg from "pg";
import { fieldDef, type ImportEntity } from "@/lib/import/fields";
import type { ImportOptions } from "@/lib/imports/schemas";

/** The customer-key fields, in the order of trust of the match slots. */
export const CUSTOMER_REF_FIELDS = ["customerExternalId", "buyerNick", "customerPhone", "customerEmail"] as const;

export type CustomerMatch = {
  /** The temp table to create. */
  into: string;
  /** The caller's table, with columns c_ext, c_nick, c_phone, c_email and outcome (and channel for "sameChannel"). */
  from: string;
  /** Its row key (row_no, order_no). */
  key: string;
  /**
   * How a buyer account names a customer: "anyChannel", held by exactly one customer on any
   * channel (the row has no channel); "sameChannel", on the row's own channel.
   */
  nick: "anyChannel" | "sameChannel";
  /** Also keep c_ext and the customer holding it, matched or not (ext_holder, ext_holder_deleted). */
  extHolder?: boolean;
};

const NICK_LOOKUP: Record<CustomerMatch["nick"], { select: string; on: string; source: string }> = {
  anyChannel: {
    select: "SELECT CASE WHEN count(DISTINCT ci.customer_id) = 1 THEN (array_agg(ci.customer_id))[1] END AS customer_id",
    on: "ci.external_id = s.c_nick",
    source: "",
  },
  sameChannel: { select: "SELECT ci.customer_id", on: "ci.channel = s.channel AND ci.external_id = s.c_nick", source: ", channel" },
};

/** The CREATE TEMP TABLE statement of the match (its one parameter: the tenant id). */
export function customerMatchSql(m: CustomerMatch, options: ImportOptions): string {
  const keyed = (k: string) => options.matchKeys.includes(k as never);
  const nick = NICK_LOOKUP[m.nick];
  const slots = [keyed("externalId") ? "j.by_ext" : "NULL::uuid", keyed("identity") ? "j.by_nick" : "NULL::uuid", "j.by_phone", "j.by_email"];
  const target = `COALESCE(${slots.join(", ")})`;
  const targetSlot = `CASE ${slots.map((s, i) => `WHEN ${s} IS NOT NULL THEN ${i}`).join(" ")} END`;
  const conflictSlot = `CASE ${slots.map((s, i) => `WHEN ${s} IS NOT NULL AND ${s} <> ${target} THEN ${i}`).join(" ")} END`;
  const holder = m.extHolder ? ["s.c_ext", "e.id AS ext_holder", "e.deleted_at IS NOT NULL AS ext_holder_deleted"] : [];
  const kept = m.extHolder ? ["j.c_ext", "j.ext_holder", "j.ext_holder_deleted"] : [];
  const lookup = (column: string) => `
      SELECT DISTINCT ON (c.${column}) c.${column}, c.id, c.external_id FROM customers c
      WHERE c.tenant_id = $1 AND c.deleted_at IS NULL AND ${keyed(column)} AND c.${column} IN (SELECT c_${column} FROM s WHERE c_${column} IS NOT NULL)
      ORDER BY c.${column}, c.created_at, c.id`;
  return `
    CREATE TEMP TABLE ${m.into} ON COMMIT DROP AS
    WITH s AS (SELECT ${m.key}, c_ext, c_nick, c_phone, c_email${nick.source} FROM ${m.from} WHERE outcome IS NULL),
    ph AS (${lookup("phone")}
    ),
    em AS (${lookup("email")}
    ),
    j AS (
      SELECT ${[`s.${m.key}`, ...holder].join(", ")},
        CASE WHEN e.id IS NULL THEN NULL WHEN e.deleted_at IS NULL THEN e.id ELSE sv.id END AS by_ext,
        nk.customer_id AS by_nick,
        CASE WHEN s.c_ext IS NULL OR ph.external_id IS NULL OR ph.external_id = s.c_ext THEN ph.id END AS by_phone,
        CASE WHEN s.c_ext IS NULL OR em.external_id IS NULL OR em.external_id = s.c_ext THEN em.id END AS by_email
      FROM s
      LEFT JOIN customers e ON e.tenant_id = $1 AND e.external_id = s.c_ext
      LEFT JOIN customers sv ON sv.tenant_id = $1 AND sv.id = e.merged_into_id AND sv.deleted_at IS NULL
      LEFT JOIN LATERAL (
        ${nick.select} FROM customer_identities ci
        JOIN customers x ON x.tenant_id = ci.tenant_id AND x.id = ci.customer_id AND x.deleted_at IS NULL
        WHERE ci.tenant_id = $1 AND ${nick.on}
      ) nk ON ${keyed("identity")} AND s.c_nick IS NOT NULL${m.nick === "sameChannel" ? " AND s.channel IS NOT NULL" : ""}
      LEFT JOIN ph ON ph.phone = s.c_phone
      LEFT JOIN em ON em.email = s.c_email
    )
    SELECT ${[`j.${m.key}`, ...kept].join(", ")}, ${target} AS target, ${targetSlot} AS target_slot, ${conflictSlot} AS conflict_slot
    FROM j`;
}

/** Fails the rows two of whose keys name two customers (imports.reason.conflict, naming both keys' fields). */
export async function markConflicts(c: pg.PoolClient, m: Pick<CustomerMatch, "into" | "from" | "key">, entity: ImportEntity): Promise<void> {
  const labels = (lang: "en" | "zh") => CUSTOMER_REF_FIELDS.map((f) => fieldDef(entity, f)!.label[lang]);
  await c.query(`
    UPDATE ${m.from} o SET outcome = 'failed', reason = 'imports.reason.conflict',
      params = jsonb_build_object('firstEn', ($1::text[])[m.target_slot + 1], 'secondEn', ($1::text[])[m.conflict_slot + 1],
                                  'firstZh', ($2::text[])[m.target_slot + 1], 'secondZh', ($2::text[])[m.conflict_slot + 1])
    FROM ${m.into} m WHERE m.${m.key} = o.${m.key} AND m.conflict_slot IS NOT NULL`, [labels("en"), labels("zh")]);
}
