// The nightly run's shortcut: recompute only the customers that changed since the
// tenant's last run (its base) and carry everyone else's features over from it.
//
// Triggers note every customer a statement on orders, order items, tickets or
// interactions touched, and events dated in the future, in scoring_changes (migration
// 20261129000000_scoring_changes); a run of the tenant's newest day records in
// scoring_bases the snapshot it read from and deletes the changes it absorbed.
// A customer's features on a later day differ from the base's only if
//  - a change to their rows was not visible in the base's snapshot, or
//  - one of their events falls between the base's cutoff and this run's (an order
//    paid or refunded, a ticket opened, an interaction, dated ahead when written);
// otherwise every feature is the same and only tenure and recency move with the
// day. Anything the rule cannot see through — no base, a base of this day or a
// later one, another time zone, a base whose features are gone, a change of
// "everyone" (an import, a product's category) or more changed customers than
// MAX_SHARE of the base's — makes the run compute everyone, as the first run does.
import type pg from "pg";

/** Above this share of the base's customers changed, computing everyone is cheaper. */
const MAX_SHARE = 0.2;

export type ScoringBase = { asOf: string; snapshot: string; cutoff: Date; timeZone: string; customers: number };

export type FeaturePlan =
  | { mode: "all"; reason: string }
  /** scoring_changed holds the customers to recompute; the rest come from base.asOf's features. */
  | { mode: "changed"; base: ScoringBase; changed: number };

/** The snapshot this run reads from, and when it was taken: every change visible in it is in this run's features. Take it before the first read. */
export type RunSnapshot = { snapshot: string; takenAt: Date };

export async function currentSnapshot(client: pg.PoolClient): Promise<RunSnapshot> {
  const { rows } = await client.query<{ snapshot: string; taken_at: Date }>("SELECT pg_current_snapshot()::text AS snapshot, clock_timestamp() AS taken_at");
  return { snapshot: rows[0]!.snapshot, takenAt: rows[0]!.taken_at };
}

/**
 * Decides how this run computes features and, for "changed", fills the temporary
 * table scoring_changed (customer_id; dropped at commit) with the customers to recompute.
 */
export async function planFeatures(client: pg.PoolClient, asOf: string, timeZone: string): Promise<FeaturePlan> {
  const { rows } = await client.query<{ as_of: string; snapshot: string; cutoff: Date; time_zone: string; customers: number; has_rows: boolean }>(
    `SELECT b.as_of::text, b.snapshot, b.cutoff, b.time_zone, b.customers,
            EXISTS (SELECT 1 FROM customer_features f WHERE f.tenant_id = b.tenant_id AND f.as_of = b.as_of) AS has_rows
     FROM scoring_bases b WHERE b.tenant_id = (SELECT app_current_tenant())`,
  );
  const b = rows[0];
  if (!b) return { mode: "all", reason: "no earlier run to start from" };
  if (b.as_of >= asOf) return { mode: "all", reason: `the last run's day (${b.as_of}) is not before this one` };
  if (b.time_zone !== timeZone) return { mode: "all", reason: "the time zone changed since the last run" };
  if (!b.has_rows) return { mode: "all", reason: `the features of ${b.as_of} are no longer kept` };
  const base: ScoringBase = { asOf: b.as_of, snapshot: b.snapshot, cutoff: b.cutoff, timeZone: b.time_zone, customers: b.customers };
  await client.query(
    `CREATE TEMP TABLE scoring_changed ON COMMIT DROP AS
     SELECT DISTINCT customer_id FROM scoring_changes
     WHERE tenant_id = (SELECT app_current_tenant())
       AND (NOT pg_visible_in_snapshot(xid::text::xid8, $1::pg_snapshot) OR (due_at >= $2 AND due_at < (($3::date + 1)::timestamp AT TIME ZONE $4)))`,
    [base.snapshot, base.cutoff, asOf, timeZone],
  );
  const { rows: n } = await client.query<{ everyone: boolean; changed: number }>(
    "SELECT bool_or(customer_id IS NULL) AS everyone, count(customer_id)::int AS changed FROM scoring_changed",
  );
  const { everyone, changed } = n[0]!;
  if (everyone) return drop(client, { mode: "all", reason: "a change touched every customer (an import, a product's category)" });
  if (changed > Math.max(1000, MAX_SHARE * base.customers)) {
    return drop(client, { mode: "all", reason: `${changed} customers changed, more than ${MAX_SHARE * 100}% of ${base.customers}` });
  }
  await client.query("ALTER TABLE scoring_changed ADD PRIMARY KEY (customer_id)");
  await client.query("ANALYZE scoring_changed");
  return { mode: "changed", base, changed };
}

async function drop(client: pg.PoolClient, plan: FeaturePlan): Promise<FeaturePlan> {
  await client.query("DROP TABLE scoring_changed");
  return plan;
}

/**
 * After a run of the tenant's newest day: its snapshot and cutoff become the base
 * of the next run, and the changes it absorbed (visible in its snapshot, with no
 * event after its cutoff) go. In the run's transaction, so both commit with its
 * features. Only a run whose day had not ended when it read can be a base: an event
 * dated after such a cutoff was in the future when written, so the triggers noted
 * it as due; an event between a past day's cutoff and the run was not, and would be
 * missed. A run of a past day leaves the base and the changes as they were (if it
 * rewrote the base's day — the month-end catch-up — it read a later snapshot, and
 * every change since the base's is still noted, so the base still holds).
 */
export async function saveBase(
  client: pg.PoolClient,
  run: RunSnapshot & { asOf: string; cutoff: Date; timeZone: string; customers: number },
): Promise<boolean> {
  if (run.cutoff <= run.takenAt) return false;
  await client.query(
    `DELETE FROM scoring_changes WHERE tenant_id = (SELECT app_current_tenant())
       AND pg_visible_in_snapshot(xid::text::xid8, $1::pg_snapshot) AND (due_at IS NULL OR due_at < $2)`,
    [run.snapshot, run.cutoff],
  );
  await client.query(
    `INSERT INTO scoring_bases (tenant_id, as_of, snapshot, cutoff, time_zone, customers)
     VALUES ((SELECT app_current_tenant()), $1::date, $2, $3, $4, $5)
     ON CONFLICT (tenant_id) DO UPDATE SET as_of = EXCLUDED.as_of, snapshot = EXCLUDED.snapshot, cutoff = EXCLUDED.cutoff,
       time_zone = EXCLUDED.time_zone, customers = EXCLUDED.customers, saved_at = now()`,
    [run.asOf, run.snapshot, run.cutoff, run.timeZone, run.customers],
  );
  return true;
}
