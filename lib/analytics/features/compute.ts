// Per-customer features for one as-of date, set-based in Postgres: one
// INSERT … SELECT over the tenant's orders grouped by customer (uuid keys), with
// the order items' product categories joined in. Runs on a connection
// bound to the tenant (withTenantPg): row-level security filters every table,
// and tenant_id = (SELECT app_current_tenant()) is written out as well so the planner
// sees it (a subquery, so it is evaluated once per statement, not per row).
//
// Definitions (docs/analytics.md, "Features"):
// - a purchase is an order paid on or before as_of (paid_at not null), not
//   cancelled, and not refunded on or before as_of (an order refunded later was
//   still a purchase on as_of; status 'refunded' without a refund time counts as
//   refunded all along);
// - days are calendar days in the tenant's time zone; "on or before as_of" means
//   before midnight at the end of as_of there;
// - purchase days = distinct days with a purchase (the BG/NBD's unit of
//   repeat buying: frequency x = purchase_days − 1), orders = purchases;
// - total paid = Σ paid_amount of purchases, mean paid = total / orders,
//   repeat paid = total minus what was paid on the first purchase day;
// - tenure = as_of − first purchase day (the BG/NBD's T), recency = as_of − last;
// - refunds = orders refunded on or before as_of; complaints = service tickets
//   of kind 'complaint' opened on or before as_of; interactions likewise;
// - channels/categories: distinct among purchases; top = most purchases, ties
//   by name. A customer without a purchase has no row; soft-deleted customers
//   have none either.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { withTenantPg, type TenantScope } from "@/lib/db/tenant";
import type { FeaturePlan } from "@/lib/analytics/features/changes";

/** The tenant's time zone, today in it, and whether as_of is a valid date. */
export async function tenantClock(client: pg.PoolClient): Promise<{ timeZone: string; today: string }> {
  const { rows } = await client.query<{ timezone: string; today: string }>(
    "SELECT timezone, (now() AT TIME ZONE timezone)::date::text AS today FROM tenants WHERE id = (SELECT app_current_tenant())",
  );
  if (!rows[0]) throw new Error("tenant not visible: is the connection bound to a tenant?");
  return { timeZone: rows[0].timezone, today: rows[0].today };
}

// A purchase and a refund of order o as of `cutoff` (an SQL expression for the
// first instant after as_of in the tenant's time zone).
const purchase = (cutoff: string) => `o.paid_at < ${cutoff} AND o.status <> 'cancelled'
  AND NOT ((o.refunded_at IS NOT NULL AND o.refunded_at < ${cutoff}) OR (o.refunded_at IS NULL AND o.status = 'refunded'))`;
const refunded = (cutoff: string) => `(o.refunded_at IS NOT NULL AND o.refunded_at < ${cutoff})
  OR (o.refunded_at IS NULL AND o.status = 'refunded' AND o.paid_at < ${cutoff})`;

// A run of the changed customers only (lib/analytics/features/changes.ts) adds this
// to each pass (the `only` of the SQL below: a condition on the customer).
const changedOnly = (alias: string) => ` AND ${alias}.customer_id IN (SELECT customer_id FROM scoring_changed)`;

// $1 = cutoff. One pass over the orders,
// sorted by customer: the per-customer aggregates read each order once (purchase
// days as count(DISTINCT day); the first day's amount through a window over the
// same sort; the top channel as mode(), whose ties go to the first value in
// COLLATE "C" order). Live customers only. Into a temporary table the INSERT
// below joins. The day is paid_at::date in the session's time zone, which
// stageFeatures sets to the tenant's for this statement: the same day as
// AT TIME ZONE, but with the zone looked up once rather than per row (10M orders:
// 20.6 → 17.2 s).
const orderFeaturesSql = (only = "") => `
SELECT b.* FROM (
SELECT customer_id,
       min(day) FILTER (WHERE p) AS first_day, max(day) FILTER (WHERE p) AS last_day,
       count(DISTINCT day) FILTER (WHERE p) AS purchase_days, count(*) FILTER (WHERE p) AS orders,
       sum(paid_amount) FILTER (WHERE p) AS total,
       sum(paid_amount) FILTER (WHERE p AND day = first_day) AS first_amount,
       count(*) FILTER (WHERE r) AS refunds,
       count(DISTINCT channel) FILTER (WHERE p) AS channels,
       mode() WITHIN GROUP (ORDER BY channel COLLATE "C") FILTER (WHERE p) AS top_channel
FROM (
  SELECT o.customer_id, o.paid_amount, o.channel, day, p, r, min(day) FILTER (WHERE p) OVER (PARTITION BY o.customer_id) AS first_day
  FROM orders o,
       LATERAL (SELECT o.paid_at::date AS day,
                       coalesce(${purchase("$1::timestamptz")}, false) AS p, coalesce(${refunded("$1::timestamptz")}, false) AS r) f
  WHERE o.tenant_id = (SELECT app_current_tenant()) AND (o.paid_at < $1::timestamptz OR o.refunded_at < $1::timestamptz)${only}
) x
GROUP BY customer_id
HAVING count(*) FILTER (WHERE p) > 0
) b
WHERE EXISTS (SELECT 1 FROM customers cu WHERE cu.tenant_id = (SELECT app_current_tenant()) AND cu.id = b.customer_id AND cu.deleted_at IS NULL)`;

// Distinct product categories of each customer's purchases' order items and the
// most frequent (ties: first in COLLATE "C" order). Read through COPY on a second
// connection, so the cutoff is written in as a literal (COPY takes no parameters).
const categoriesSql = (cutoff: string, only = "") => `
SELECT o.customer_id, count(DISTINCT p.category) AS categories, mode() WITHIN GROUP (ORDER BY p.category COLLATE "C") AS top_category
FROM orders o
JOIN order_items it ON it.tenant_id = o.tenant_id AND it.order_id = o.id
JOIN products p ON p.tenant_id = it.tenant_id AND p.id = it.product_id
WHERE o.tenant_id = (SELECT app_current_tenant()) AND p.category IS NOT NULL AND ${purchase(`'${cutoff}'::timestamptz`)}${only}
GROUP BY o.customer_id`;

// Complaints and interactions per customer before the cutoff (the parameter named).
const complaintsSql = (only = "", cutoff = "$2") => `SELECT t.customer_id, count(*) AS n FROM service_tickets t
  WHERE t.tenant_id = (SELECT app_current_tenant()) AND t.kind = 'complaint' AND t.opened_at < ${cutoff}::timestamptz${only}
  GROUP BY t.customer_id`;
const interactionsSql = (only = "", cutoff = "$2") => `SELECT i.customer_id, count(*) AS n FROM interactions i
  WHERE i.tenant_id = (SELECT app_current_tenant()) AND i.occurred_at < ${cutoff}::timestamptz${only}
  GROUP BY i.customer_id`;

/**
 * customer_features' columns as expressions over a row `b` of
 * scoring_order_features, `asOf` the SQL of the day: the features' INSERT below
 * and the scoring run's reads of the staged rows (model-input.ts, write-scores.ts),
 * with the models' inputs x, t_x and z̄ (T is tenure_days), which the scores INSERT
 * joins the model's numbers on as the models' input read them.
 */
const REPEAT_PAID = "b.total - b.first_amount";
export const stagedFeature = (asOf: string) => ({
  x: "b.purchase_days - 1",
  tx: "b.last_day - b.first_day",
  zbar: `CASE WHEN b.purchase_days > 1 THEN greatest(${REPEAT_PAID}, 0)::float8 / (b.purchase_days - 1) ELSE 0 END`,
  purchase_days: "b.purchase_days",
  orders: "b.orders",
  total_paid: "b.total",
  mean_paid: "round(b.total / b.orders, 2)",
  repeat_paid: REPEAT_PAID,
  tenure_days: `${asOf} - b.first_day`,
  recency_days: `${asOf} - b.last_day`,
});

/** A staged row's categories: a carried row has its own, the others are in scoring_categories (joined as `cat`, STAGED_CATEGORIES). */
export const stagedCategories = (carried: boolean) => (carried ? "coalesce(b.categories, coalesce(cat.categories, 0))" : "coalesce(cat.categories, 0)");
export const STAGED_CATEGORIES = "LEFT JOIN scoring_categories cat ON cat.customer_id = b.customer_id";

// $1 = as_of; the two temporary tables above, plus complaints and interactions
// (computed here, $2 = cutoff, or for a run of the changed customers staged in
// scoring_contacts, the carried customers' values already in their staged row).
const insertFeaturesSql = (contacts: { complaints: string; interactions: string }, carried: boolean) => {
  const staged = (column: string, fallback: string) => (carried ? `coalesce(b.${column}, ${fallback})` : fallback);
  const f = stagedFeature("$1::date");
  return `
INSERT INTO customer_features (tenant_id, as_of, customer_id, first_purchase, last_purchase, purchase_days, orders,
  total_paid, mean_paid, repeat_paid, tenure_days, recency_days, refunds, complaints, interactions, channels, top_channel,
  categories, top_category)
SELECT (SELECT app_current_tenant()), $1::date, b.customer_id, b.first_day, b.last_day, ${f.purchase_days}, ${f.orders},
       ${f.total_paid}, ${f.mean_paid}, ${f.repeat_paid}, ${f.tenure_days}, ${f.recency_days},
       b.refunds, ${staged("complaints", "coalesce(c.n, 0)")}, ${staged("interactions", "coalesce(i.n, 0)")}, b.channels, b.top_channel,
       ${stagedCategories(carried)}, ${staged("top_category", "cat.top_category")}
FROM scoring_order_features b
${STAGED_CATEGORIES}
LEFT JOIN (${contacts.complaints}) c ON c.customer_id = b.customer_id
LEFT JOIN (${contacts.interactions}) i ON i.customer_id = b.customer_id
ORDER BY b.customer_id`;
};

// A run of the changed customers carries everyone else's rows over from the base
// day ($1) into scoring_order_features, with their categories and contacts (the
// changed customers' rows have NULL there and theirs in scoring_categories and
// scoring_contacts); their tenure and recency are recomputed by the INSERT.
const CARRIED_ORDER_FEATURES = `
SELECT f.customer_id, f.first_purchase, f.last_purchase, f.purchase_days, f.orders, f.total_paid, f.total_paid - f.repeat_paid,
       f.refunds, f.channels, f.top_channel, f.categories, f.top_category, f.complaints, f.interactions
FROM customer_features f WHERE f.tenant_id = (SELECT app_current_tenant()) AND f.as_of = $1::date
  AND NOT EXISTS (SELECT 1 FROM scoring_changed c WHERE c.customer_id = f.customer_id)`;
// The changed customers' complaints and interactions ($1 = cutoff).
const CHANGED_CONTACTS = `
SELECT customer_id, sum(complaints) AS complaints, sum(interactions) AS interactions FROM (
  SELECT customer_id, n AS complaints, 0 AS interactions FROM (${complaintsSql(changedOnly("t"), "$1")}) c
  UNION ALL SELECT customer_id, 0, n FROM (${interactionsSql(changedOnly("i"), "$1")}) i
) x GROUP BY customer_id`;

/** The day's features staged in this transaction's temporary tables (stageFeatures), waiting for insertFeatures. */
export type StagedFeatures = { asOf: string; cutoff: Date; steps: Record<string, number>; changedOnly: boolean };

/**
 * Replaces the features of `asOf` for the connection's tenant. Run it inside the
 * scoring transaction: readers see the previous rows until it commits.
 */
export async function computeFeatures(
  client: pg.PoolClient,
  scope: TenantScope,
  asOf: string,
  timeZone: string,
  plan?: FeaturePlan,
): Promise<{ customers: number; steps: Record<string, number> }> {
  const staged = await stageFeatures(client, scope, asOf, timeZone, { plan });
  const customers = await insertFeatures(client, staged);
  return { customers, steps: staged.steps };
}

/**
 * The heavy part: the per-customer aggregates into the temporary tables
 * scoring_order_features (orders; only live customers) and scoring_categories.
 * For every customer (plan "all", or none given) the two passes run at the same
 * time on two connections: the orders' here, the
 * order items' categories on a second connection of the same tenant that reads
 * this transaction's snapshot (pg_export_snapshot), so both see the same orders.
 * Node holds the categories (one short line per customer) until this connection
 * is free to take them. `afterOrders` runs on this connection as soon as the
 * orders' aggregates are in, while the categories are still coming (the scoring
 * run reads the models' input from scoring_order_features there); its result is
 * returned as `afterOrders`. For plan "changed" (lib/analytics/features/changes.ts)
 * the same passes run here for the changed customers only, through their index
 * entries, and the other customers' rows are the base day's.
 */
export async function stageFeatures<T = undefined>(
  client: pg.PoolClient,
  scope: TenantScope,
  asOf: string,
  timeZone: string,
  options: { afterOrders?: () => Promise<T>; plan?: FeaturePlan } = {},
): Promise<StagedFeatures & { afterOrders: T | undefined }> {
  const { afterOrders, plan } = options;
  const steps: Record<string, number> = {};
  const lap = (name: string, since: number) => (steps[name] = Math.round(performance.now() - since));
  await client.query("DELETE FROM customer_features WHERE tenant_id = (SELECT app_current_tenant()) AND as_of = $1::date", [asOf]);
  const { rows } = await client.query<{ cutoff: Date; snapshot: string }>(
    "SELECT (($1::date + 1)::timestamp AT TIME ZONE $2) AS cutoff, pg_export_snapshot() AS snapshot",
    [asOf, timeZone],
  );
  const { cutoff, snapshot } = rows[0]!;
  const t = performance.now();
  const { rows: zone } = await client.query<{ previous: string }>(
    "SELECT current_setting('TimeZone') AS previous, set_config('TimeZone', $1, true)",
    [timeZone],
  );
  const restoreZone = () => client.query("SELECT set_config('TimeZone', $1, true)", [zone[0]!.previous]);

  if (plan?.mode === "changed") {
    const after = await stageChanged(client, scope, { cutoff, snapshot, base: plan.base.asOf, restoreZone, lap, afterOrders });
    return { asOf, cutoff, steps, changedOnly: true, afterOrders: after };
  }

  // Every join here is a bulk join of whole aggregates, but the planner cannot
  // estimate an aggregate's output (it guesses 200 rows) and may pick a nested
  // loop that re-aggregates interactions or tickets once per customer. Hash and
  // merge joins are always right here, so nested loops are off (for the rest of
  // the transaction, which the scoring run wants too).
  await client.query("SET LOCAL enable_nestloop = off");
  const categories = withTenantPg(scope, (other) => copyOut(other, categoriesSql(cutoff.toISOString())), { snapshot })
    .finally(() => lap("featuresCategories", t));
  const orders = (async () => {
    await client.query(`CREATE TEMP TABLE scoring_order_features ON COMMIT DROP AS ${orderFeaturesSql()}`, [cutoff]);
    lap("featuresOrders", t);
    await restoreZone();
    return afterOrders?.();
  })();
  // Both settle before either is looked at, so a failure of one never leaves the other running unobserved.
  const [ordersDone, lines] = await Promise.allSettled([orders, categories]);
  if (ordersDone.status === "rejected") throw ordersDone.reason;
  if (lines.status === "rejected") throw lines.reason;
  await client.query("CREATE TEMP TABLE scoring_categories (customer_id uuid, categories int, top_category text) ON COMMIT DROP");
  await pipeline(Readable.from(lines.value), client.query(copyFrom("COPY scoring_categories FROM STDIN")));
  await client.query("ANALYZE scoring_order_features");
  await client.query("ANALYZE scoring_categories");
  return { asOf, cutoff, steps, changedOnly: false, afterOrders: ordersDone.value };
}

// A few customers' orders, items, tickets and interactions, each through its
// customer's index entries: the planner, which cannot know how few, is told, and
// does not compile them (JIT took 1.8 of 2.9 s for 13,120 customers' categories).
// `after`: back to the run's joins (nested loops off) and this JIT setting.
async function indexWalk(c: pg.PoolClient, after?: { jit: string }) {
  await c.query(
    `SELECT set_config('enable_nestloop', $1, true), set_config('enable_hashjoin', $2, true),
            set_config('enable_mergejoin', $2, true), set_config('enable_seqscan', $2, true), set_config('jit', $3, true)`,
    after ? ["off", "on", after.jit] : ["on", "off", "off"],
  );
}

/**
 * stageFeatures for the customers in scoring_changed, the others carried over from
 * the base day: the changed customers' orders here, their categories on a second
 * connection reading this transaction's snapshot (as for everyone), meanwhile.
 */
async function stageChanged<T>(
  client: pg.PoolClient,
  scope: TenantScope,
  run: { cutoff: Date; snapshot: string; base: string; restoreZone: () => Promise<unknown>; lap: (name: string, since: number) => void;
    afterOrders?: () => Promise<T> },
): Promise<T | undefined> {
  const { cutoff, base, lap } = run;
  const t = performance.now();
  const { rows: jit } = await client.query<{ jit: string }>("SELECT current_setting('jit') AS jit");
  const { rows: changed } = await client.query<{ id: string }>("SELECT customer_id AS id FROM scoring_changed");
  const categories = withTenantPg(scope, async (other) => {
    await indexWalk(other);
    const sql = categoriesSql(cutoff.toISOString(), " AND o.customer_id = ANY($1::uuid[])");
    return (await other.query<{ customer_id: string; categories: string; top_category: string }>(sql, [changed.map((r) => r.id)])).rows;
  }, { snapshot: run.snapshot }).finally(() => lap("featuresCategories", t));
  const orders = (async () => {
    await indexWalk(client);
    await client.query(
      `CREATE TEMP TABLE scoring_order_features ON COMMIT DROP AS
       SELECT q.*, NULL::int AS categories, NULL::text AS top_category, NULL::int AS complaints, NULL::int AS interactions
       FROM (${orderFeaturesSql(changedOnly("o"))}) q`,
      [cutoff],
    );
    await client.query(`CREATE TEMP TABLE scoring_contacts ON COMMIT DROP AS ${CHANGED_CONTACTS}`, [cutoff]);
    await run.restoreZone();
    await indexWalk(client, jit[0]);
    await client.query(`INSERT INTO scoring_order_features ${CARRIED_ORDER_FEATURES}`, [base]);
    lap("featuresOrders", t);
    return run.afterOrders?.();
  })();
  const [ordersDone, rows] = await Promise.allSettled([orders, categories]);
  if (ordersDone.status === "rejected") throw ordersDone.reason;
  if (rows.status === "rejected") throw rows.reason;
  const cat = rows.value;
  await client.query(
    `CREATE TEMP TABLE scoring_categories ON COMMIT DROP AS
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[]) AS c(customer_id, categories, top_category)`,
    [cat.map((r) => r.customer_id), cat.map((r) => r.categories), cat.map((r) => r.top_category)],
  );
  for (const table of ["scoring_order_features", "scoring_categories", "scoring_contacts"]) await client.query(`ANALYZE ${table}`);
  return ordersDone.value;
}

/**
 * customer_features of the staged day. Its statement is sent to the server before
 * this returns (the caller may work in Node meanwhile); resolves to the rows written.
 */
export function insertFeatures(client: pg.PoolClient, staged: StagedFeatures): Promise<number> {
  const t = performance.now();
  const contacts = staged.changedOnly
    ? { complaints: "SELECT customer_id, complaints AS n FROM scoring_contacts", interactions: "SELECT customer_id, interactions AS n FROM scoring_contacts" }
    : { complaints: complaintsSql(), interactions: interactionsSql() };
  const params = staged.changedOnly ? [staged.asOf] : [staged.asOf, staged.cutoff];
  return client.query(insertFeaturesSql(contacts, staged.changedOnly), params).then((r) => {
    staged.steps.featuresInsert = Math.round(performance.now() - t);
    return r.rowCount ?? 0;
  });
}

/** A query's rows as COPY text, in the chunks the server sent. */
async function copyOut(client: pg.PoolClient, sql: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of client.query(copyTo(`COPY (${sql}) TO STDOUT`))) chunks.push(chunk as Buffer);
  return chunks;
}
