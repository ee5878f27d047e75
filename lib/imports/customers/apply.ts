// Applying staged customer rows: set-based, in the caller's one transaction.
//
// 1. Match. Each staged row looks for an existing live customer by the chosen keys,
//    in this order: external id, channel identity (WeChat openid, Tmall nick, JD
//    account), phone, e-mail. A phone or e-mail match whose customer carries a
//    different external id is not a match (a different external id is a different
//    customer). Two keys naming two different customers: the row fails ("conflict").
//    An external id held by a deleted customer is followed to the customer it was
//    merged into; held by a deleted customer that lives on nowhere, the row fails.
// 2. Decide. No match: create. A match: update (fill empty fields / overwrite with
//    the file's non-empty values) or skip, by policy; a second row matching the same
//    customer is skipped, naming the first.
// 3. Write. INSERT the new customers; UPDATE the matched ones only where a value
//    changes (IS DISTINCT FROM), counting the rest as unchanged; add channel
//    identities and tags (ON CONFLICT DO NOTHING). Empty cells never erase anything.
//
// Rows that fail or are skipped here get an 'apply' issue (replaced by each apply),
// so a dry run shows them and the run's report lists them.
import type pg from "pg";
import { fieldDef } from "@/lib/import/fields";
import type { ImportOptions } from "@/lib/imports/schemas";
import { createRowsTable, outcomeCounts } from "@/lib/imports/apply-rows";
import type { EntityApplyCounts } from "@/lib/imports/entity-apply";
import { timeOrderedId } from "@/lib/imports/new-id";

export type ApplyCounts = Omit<EntityApplyCounts, "details">;

export type ApplyColumns = Partial<Record<"externalId" | "wechatOpenid" | "tmallNick" | "jdAccount" | "phone" | "email", string | null>>;

const OUTCOME_ISSUES = `
  INSERT INTO import_row_issues (tenant_id, import_id, row_no, seq, level, phase, column_name, field, value, reason_key, reason_params)
  SELECT $1, $2, m.row_no, 900, CASE WHEN m.outcome = 'failed' THEN 'error' ELSE 'duplicate' END, 'apply',
    m.issue_column, m.issue_field, m.issue_value, m.reason, m.reason_params
  FROM import_match m WHERE m.outcome IN ('failed', 'duplicate')`;

function pick(policy: ImportOptions["policy"], current: string, incoming: string, emptyOf = "''"): string {
  return policy === "overwrite"
    ? `COALESCE(${incoming}, ${current})`
    : `COALESCE(NULLIF(${current}, ${emptyOf}), ${incoming})`;
}

function pickArray(policy: ImportOptions["policy"], current: string, incoming: string): string {
  return policy === "overwrite"
    ? `CASE WHEN cardinality(${incoming}) > 0 THEN ${incoming} ELSE ${current} END`
    : `CASE WHEN cardinality(${current}) = 0 THEN ${incoming} ELSE ${current} END`;
}

// Ids of new customers in the UUIDv7 layout (lib/imports/new-id.ts): ascending within an
// import, so the primary key and the id-ordered indexes take them at their right edge
// instead of splitting random pages — a third less time inserting a million customers here.
const NEW_ID = timeOrderedId("r.row_no");

/** The rows by outcome; a matched row is updated when `changed` (a column of the changed rows joined as ch) is set. */
const matchCounts = (changed: string) => outcomeCounts({
  outcome: "m.outcome", updated: `m.outcome = 'update' AND ${changed} IS NOT NULL`, unchanged: `m.outcome = 'update' AND ${changed} IS NULL`,
  sameCustomer: "m.outcome = 'duplicate'",
});

const SLOT_FIELDS = ["externalId", "wechatOpenid", "tmallNick", "jdAccount", "phone", "email"] as const;

/** Builds import_match (temp, dropped at commit): one row per staged row with its target and outcome. */
async function match(c: pg.PoolClient, tenantId: string, options: ImportOptions, columns: ApplyColumns) {
  const keyed = (k: ImportOptions["matchKeys"][number]) => options.matchKeys.includes(k);
  // The candidates in order of trust; a key not chosen contributes nothing.
  const slots = [keyed("externalId") ? "j.by_ext" : "NULL::uuid", "j.by_wechat", "j.by_tmall", "j.by_jd", "j.by_phone", "j.by_email"];
  const target = `COALESCE(${slots.join(", ")})`;
  const targetSlot = `CASE ${slots.map((s, i) => `WHEN ${s} IS NOT NULL THEN ${i}`).join(" ")} END`;
  const conflictSlot = `CASE ${slots.map((s, i) => `WHEN ${s} IS NOT NULL AND ${s} <> ${target} THEN ${i}`).join(" ")} END`;
  await c.query(`
    CREATE TEMP TABLE import_match (
      row_no integer PRIMARY KEY, target uuid, new_id uuid, ext_free boolean NOT NULL, outcome text NOT NULL,
      reason text, reason_params jsonb, issue_column text, issue_field text, issue_value text
    ) ON COMMIT DROP`);
  const identityJoin = (alias: string, channel: string, column: string) => `
      LEFT JOIN LATERAL (
        SELECT ci.customer_id FROM customer_identities ci
        JOIN customers x ON x.tenant_id = ci.tenant_id AND x.id = ci.customer_id AND x.deleted_at IS NULL
        WHERE ci.tenant_id = $1 AND ci.channel = '${channel}' AND ci.external_id = s.${column}
      ) ${alias} ON ${keyed("identity") ? `s.${column} IS NOT NULL` : "FALSE"}`;
  await c.query(`
    WITH s AS (
      SELECT row_no, external_id, phone, email, wechat_openid, tmall_nick, jd_account FROM import_rows
    ),
    ph AS (
      SELECT DISTINCT ON (c.phone) c.phone, c.id, c.external_id FROM customers c
      WHERE c.tenant_id = $1 AND c.deleted_at IS NULL AND ${keyed("phone") ? "TRUE" : "FALSE"}
        AND c.phone IN (SELECT phone FROM s WHERE phone IS NOT NULL)
      ORDER BY c.phone, c.created_at, c.id
    ),
    em AS (
      SELECT DISTINCT ON (c.email) c.email, c.id, c.external_id FROM customers c
      WHERE c.tenant_id = $1 AND c.deleted_at IS NULL AND ${keyed("email") ? "TRUE" : "FALSE"}
        AND c.email IN (SELECT email FROM s WHERE email IS NOT NULL)
      ORDER BY c.email, c.created_at, c.id
    ),
    j AS (
      SELECT s.row_no, s.external_id,
        e.id AS ext_holder, e.deleted_at IS NOT NULL AS ext_holder_deleted,
        CASE WHEN e.id IS NULL THEN NULL WHEN e.deleted_at IS NULL THEN e.id ELSE sv.id END AS by_ext,
        iw.customer_id AS by_wechat, it.customer_id AS by_tmall, ij.customer_id AS by_jd,
        CASE WHEN s.external_id IS NULL OR ph.external_id IS NULL OR ph.external_id = s.external_id THEN ph.id END AS by_phone,
        CASE WHEN s.external_id IS NULL OR em.external_id IS NULL OR em.external_id = s.external_id THEN em.id END AS by_email
      FROM s
      LEFT JOIN customers e ON e.tenant_id = $1 AND e.external_id = s.external_id
      LEFT JOIN customers sv ON sv.tenant_id = $1 AND sv.id = e.merged_into_id AND sv.deleted_at IS NULL
      ${identityJoin("iw", "wechat", "wechat_openid")}
      ${identityJoin("it", "tmall", "tmall_nick")}
      ${identityJoin("ij", "jd", "jd_account")}
      LEFT JOIN ph ON ph.phone = s.phone
      LEFT JOIN em ON em.email = s.email
    ),
    t AS (
      SELECT j.row_no, j.external_id, j.ext_holder, j.ext_holder_deleted,
        ${target} AS target, ${targetSlot} AS target_slot, ${conflictSlot} AS conflict_slot
      FROM j
    ),
    r AS (
      -- Rows that may change an existing customer, numbered per customer: the first one wins.
      SELECT t.*,
        row_number() OVER w AS nth, first_value(t.row_no) OVER w AS first_row
      FROM t
      WINDOW w AS (PARTITION BY CASE WHEN t.target IS NOT NULL AND t.conflict_slot IS NULL THEN t.target END ORDER BY t.row_no)
    )
    INSERT INTO import_match (row_no, target, new_id, ext_free, outcome, reason, reason_params, issue_column, issue_field, issue_value)
    SELECT r.row_no, r.target,
      CASE WHEN o.outcome = 'create' THEN ${NEW_ID} END,
      r.ext_holder IS NULL,
      o.outcome, o.reason, o.params, o.col, o.field, o.val
    FROM r
    CROSS JOIN LATERAL (
      SELECT v.outcome, v.reason, v.params, v.col, v.field, v.val FROM (VALUES
        -- Two keys name two different customers: which one is meant cannot be told.
        (1, r.conflict_slot IS NOT NULL, 'failed', 'imports.reason.conflict',
          jsonb_build_object('firstEn', ($3::text[])[r.target_slot + 1], 'secondEn', ($3::text[])[r.conflict_slot + 1],
                             'firstZh', ($4::text[])[r.target_slot + 1], 'secondZh', ($4::text[])[r.conflict_slot + 1]),
          NULL::text, NULL::text, NULL::text),
        -- A new customer whose external id another customer (live, or deleted without a survivor) already holds.
        (2, r.target IS NULL AND r.ext_holder IS NOT NULL,
          'failed', CASE WHEN r.ext_holder_deleted THEN 'imports.reason.externalIdDeleted' ELSE 'imports.reason.externalIdTaken' END,
          NULL::jsonb, $2::text, 'externalId', r.external_id),
        (3, r.target IS NOT NULL AND r.nth > 1,
          'duplicate', 'imports.reason.sameCustomer', jsonb_build_object('of', r.first_row), NULL, NULL, NULL),
        (4, r.target IS NOT NULL, ${options.policy === "skip" ? "'existing'" : "'update'"}, NULL, NULL, NULL, NULL, NULL),
        (5, TRUE, 'create', NULL, NULL, NULL, NULL, NULL)
      ) v(prio, hit, outcome, reason, params, col, field, val)
      WHERE v.hit ORDER BY v.prio LIMIT 1
    ) o`,
  [tenantId, columns.externalId ?? null, SLOT_FIELDS.map((f) => fieldDef("customers", f)!.label.en), SLOT_FIELDS.map((f) => fieldDef("customers", f)!.label.zh)]);
  await c.query("ANALYZE import_match");
}

/** Runs steps 1–3 on the staged rows of one import. The caller owns the transaction. */
export async function applyCustomers(
  c: pg.PoolClient,
  args: { tenantId: string; importId: string; options: ImportOptions; columns: ApplyColumns; dryRun: boolean },
): Promise<ApplyCounts> {
  const { tenantId, importId, options, columns } = args;
  const p = [tenantId, importId];
  // The staged rows of this import in a temp table of the session's own: the planner
  // gets real statistics for it (the app role may not ANALYZE the shared table),
  // so joins pick hash or index plans by the actual sizes.
  await c.query("SET LOCAL work_mem = '64MB'");
  await createRowsTable(c, "import_rows", "row_no", "SELECT * FROM import_customer_rows WHERE tenant_id = $1 AND import_id = $2", p);
  await match(c, tenantId, options, columns);
  await c.query("DELETE FROM import_row_issues WHERE tenant_id = $1 AND import_id = $2 AND phase = 'apply'", p);
  await c.query(OUTCOME_ISSUES, p);

  // Channel ids to link, and those another customer already has (a warning, not linked).
  await c.query(`
    CREATE TEMP TABLE import_identities ON COMMIT DROP AS
    SELECT m.row_no, COALESCE(m.new_id, m.target) AS customer_id, m.new_id IS NOT NULL AS is_new, x.channel, x.external_id, x.field
    FROM import_match m
    JOIN import_rows s ON s.row_no = m.row_no
    CROSS JOIN LATERAL (VALUES ('wechat', s.wechat_openid, 'wechatOpenid'), ('tmall', s.tmall_nick, 'tmallNick'), ('jd', s.jd_account, 'jdAccount'))
      x(channel, external_id, field)
    WHERE m.outcome IN ('create', 'update') AND x.external_id IS NOT NULL`);
  await c.query(`
    INSERT INTO import_row_issues (tenant_id, import_id, row_no, seq, level, phase, column_name, field, value, reason_key)
    SELECT $1, $2, i.row_no, 900 + row_number() OVER (PARTITION BY i.row_no ORDER BY i.channel), 'warning', 'apply',
      CASE i.field WHEN 'wechatOpenid' THEN $3::text WHEN 'tmallNick' THEN $4::text ELSE $5::text END,
      i.field, i.external_id, 'imports.warning.identityTaken'
    FROM import_identities i
    JOIN customer_identities ci ON ci.tenant_id = $1 AND ci.channel = i.channel AND ci.external_id = i.external_id
    WHERE ci.customer_id <> i.customer_id`, [...p, columns.wechatOpenid ?? null, columns.tmallNick ?? null, columns.jdAccount ?? null]);

  const pol = options.policy;
  const cols: [string, string][] = [
    ["external_id", `CASE WHEN m.ext_free THEN ${pick(pol, "c.external_id", "s.external_id")} ELSE c.external_id END`],
    ["name", pol === "overwrite" ? "s.name" : pick(pol, "c.name", "s.name")],
    ["gender", pol === "overwrite" ? "COALESCE(s.gender, c.gender)" : "COALESCE(NULLIF(NULLIF(c.gender, ''), 'U'), s.gender)"],
    ["birthday", pol === "overwrite" ? "COALESCE(s.birthday, c.birthday)" : "COALESCE(c.birthday, s.birthday)"],
    ["phone", pick(pol, "c.phone", "s.phone")],
    ["email", pick(pol, "c.email", "s.email")],
    ["province", pick(pol, "c.province", "s.province")],
    ["city", pick(pol, "c.city", "s.city")],
    ["district", pick(pol, "c.district", "s.district")],
    ["address", pick(pol, "c.address", "s.address")],
    ["occupation", pick(pol, "c.occupation", "s.occupation")],
    ["interests", pickArray(pol, "c.interests", "s.interests")],
    ["source_channel", pick(pol, "c.source_channel", "s.source_channel")],
    ["home_store_id", pol === "overwrite" ? "COALESCE(s.home_store_id, c.home_store_id)" : "COALESCE(c.home_store_id, s.home_store_id)"],
    ["department_id", pol === "overwrite"
      ? "CASE WHEN s.home_store_id IS NOT NULL THEN COALESCE(s.department_id, c.department_id) ELSE c.department_id END"
      : "CASE WHEN c.home_store_id IS NULL AND s.home_store_id IS NOT NULL THEN COALESCE(s.department_id, c.department_id) ELSE c.department_id END"],
  ];
  const changes = `(${cols.map(([, v]) => v).join(", ")}) IS DISTINCT FROM (${cols.map(([k]) => `c.${k}`).join(", ")})`;

  if (args.dryRun) return { ...(await dryRunCounts(c, tenantId, changes)) };

  await c.query(`
    INSERT INTO customers (tenant_id, id, external_id, name, gender, birthday, phone, email, province, city, district, address,
      occupation, interests, source_channel, home_store_id, department_id, created_at, updated_at, created_import_id)
    SELECT $1, m.new_id, s.external_id, s.name, s.gender, s.birthday, s.phone, s.email, s.province, s.city, s.district, s.address,
      s.occupation, s.interests, s.source_channel, s.home_store_id, s.department_id, COALESCE(s.registered_at, now()), now(), $2
    FROM import_match m JOIN import_rows s ON s.row_no = m.row_no
    WHERE m.outcome = 'create'
    ORDER BY m.new_id`, p);

  // For an undo (lib/imports/undo.ts): each customer this import is about to change, as it is now.
  await c.query(`
    INSERT INTO import_customer_changes (tenant_id, import_id, customer_id, kind, before)
    SELECT $1, $2, c.id, 'updated', jsonb_build_object(${cols.map(([k]) => `'${k}', c.${k}`).join(", ")}, 'version', c.version + 1)
    FROM import_match m JOIN import_rows s ON s.row_no = m.row_no
    JOIN customers c ON c.tenant_id = $1 AND c.id = m.target
    WHERE m.outcome = 'update' AND ${changes}
    ON CONFLICT DO NOTHING`, p);

  await c.query("CREATE TEMP TABLE import_changed (id uuid PRIMARY KEY) ON COMMIT DROP");
  await c.query(`
    WITH u AS (
      UPDATE customers c SET ${cols.map(([k, v]) => `${k} = ${v}`).join(", ")}, version = c.version + 1, updated_at = now()
      FROM import_match m JOIN import_rows s ON s.row_no = m.row_no
      WHERE m.outcome = 'update' AND c.tenant_id = $1 AND c.id = m.target
        AND ${changes}
      RETURNING c.id
    )
    INSERT INTO import_changed SELECT id FROM u ON CONFLICT DO NOTHING`, [tenantId]);

  await c.query(`
    WITH ins AS (
      INSERT INTO customer_identities (tenant_id, customer_id, channel, external_id)
      SELECT $1, i.customer_id, i.channel, i.external_id FROM import_identities i
      ON CONFLICT (tenant_id, channel, external_id) DO NOTHING
      RETURNING customer_id, channel, external_id
    ),
    undo AS (
      INSERT INTO import_customer_changes (tenant_id, import_id, customer_id, kind, key, value)
      SELECT $1, $2, ins.customer_id, 'identity', ins.channel, ins.external_id
      FROM ins JOIN import_identities i ON i.channel = ins.channel AND i.external_id = ins.external_id AND i.customer_id = ins.customer_id
      WHERE NOT i.is_new
      ON CONFLICT DO NOTHING
    )
    INSERT INTO import_changed SELECT DISTINCT customer_id FROM ins ON CONFLICT DO NOTHING`, p);

  await c.query(`
    CREATE TEMP TABLE import_tags ON COMMIT DROP AS
    SELECT DISTINCT COALESCE(m.new_id, m.target) AS customer_id, m.new_id IS NOT NULL AS is_new, t.name
    FROM import_match m
    JOIN import_rows s ON s.row_no = m.row_no
    CROSS JOIN LATERAL unnest(s.tags) t(name)
    WHERE m.outcome IN ('create', 'update')`);
  await c.query(`INSERT INTO tags (tenant_id, name, kind) SELECT DISTINCT $1::uuid, name, 'manual' FROM import_tags ON CONFLICT (tenant_id, name) DO NOTHING`, [tenantId]);
  await c.query(`
    WITH ins AS (
      INSERT INTO customer_tags (tenant_id, customer_id, tag_id)
      SELECT $1, it.customer_id, t.id FROM import_tags it JOIN tags t ON t.tenant_id = $1 AND t.name = it.name AND t.kind = 'manual'
      ORDER BY it.customer_id
      ON CONFLICT DO NOTHING
      RETURNING customer_id, tag_id
    ),
    undo AS (
      INSERT INTO import_customer_changes (tenant_id, import_id, customer_id, kind, key)
      SELECT $1, $2, ins.customer_id, 'tag', ins.tag_id::text FROM ins
      WHERE NOT EXISTS (SELECT 1 FROM import_tags it WHERE it.customer_id = ins.customer_id AND it.is_new)
      ON CONFLICT DO NOTHING
    )
    INSERT INTO import_changed SELECT DISTINCT customer_id FROM ins ON CONFLICT DO NOTHING`, p);

  const { rows } = await c.query<ApplyCounts>(`
    SELECT ${matchCounts("ch.id")} FROM import_match m LEFT JOIN import_changed ch ON ch.id = m.target`);
  return rows[0]!;
}

/**
 * What the writes would do, without making them: a matched row counts as an update
 * when its customer's values would change (the same expressions as the UPDATE) or
 * it brings a channel id or a tag the customer does not have yet.
 */
async function dryRunCounts(c: pg.PoolClient, tenantId: string, changes: string): Promise<ApplyCounts> {
  const { rows } = await c.query<ApplyCounts>(`
    WITH changed AS (
      SELECT m.row_no FROM import_match m
      JOIN import_rows s ON s.row_no = m.row_no
      JOIN customers c ON c.tenant_id = $1 AND c.id = m.target
      WHERE m.outcome = 'update' AND ${changes}
      UNION
      SELECT i.row_no FROM import_identities i JOIN import_match m ON m.row_no = i.row_no
      WHERE m.outcome = 'update'
        AND NOT EXISTS (SELECT 1 FROM customer_identities ci WHERE ci.tenant_id = $1 AND ci.channel = i.channel AND ci.external_id = i.external_id)
      UNION
      SELECT m.row_no FROM import_match m
      JOIN import_rows s ON s.row_no = m.row_no
      CROSS JOIN LATERAL unnest(s.tags) t(name)
      WHERE m.outcome = 'update'
        AND NOT EXISTS (SELECT 1 FROM tags g WHERE g.tenant_id = $1 AND g.name = t.name AND g.kind <> 'manual')
        AND NOT EXISTS (
          SELECT 1 FROM customer_tags ct JOIN tags g ON g.tenant_id = ct.tenant_id AND g.id = ct.tag_id
          WHERE ct.tenant_id = $1 AND ct.customer_id = m.target AND g.name = t.name)
    )
    SELECT ${matchCounts("ch.row_no")} FROM import_match m LEFT JOIN changed ch ON ch.row_no = m.row_no`, [tenantId]);
  return rows[0]!;
}
