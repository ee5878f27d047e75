// Undo of a finished import: removes the customers it created, puts back the values
// it overwrote on customers, and unlinks the channel ids and tags it added; for order,
// order-line and product imports it first removes the orders, order lines and
// products it created (rows carrying its import_id); for member, interaction and
// ticket imports, the members, interactions and tickets it created and the points
// it posted (lib/imports/undo-records.ts) — in one transaction, under the
// same per-tenant lock as an import's apply. Changes such an import made to orders
// that existed before (times filled, a header overwritten) are not recorded, so not
// reverted; the report says so.
//
// What it leaves alone, and says so in the report (import_jobs.undo_report):
// * a customer it created that has lived on since — edited (version moved), merged,
//   or carrying activity (any row of another table naming it: orders, interactions,
//   tickets, points, campaign contacts…): it is kept, with its data;
// * a customer it updated that was edited again since (its version is not the one
//   the import produced): its current values win.
// A created customer that goes takes its derived rows with it (identities, tags,
// scores, features, segment memberships: all recomputed or re-imported anyway).
//
// Asked for by a person (requestUndo: status 'succeeded' → 'undoing', audited, one
// job queued); done by the worker (runUndo), idempotent: a retry after a crash finds
// either nothing applied (rolled back) or status 'undone' (committed).
import type pg from "pg";
import type { AuthContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant } from "@/lib/db/tenant";
import { AppError, forbidden } from "@/lib/errors";
import { importUndoJob } from "@/lib/jobs/definitions";
import { enqueue } from "@/lib/jobs/queues";
import { ENTITY_PERMISSION } from "@/lib/imports/entities";
import { openTenantSession } from "@/lib/imports/db";
import type { ImportEntity } from "@/lib/import/fields";
import { activityTables, RECORD_ENTITIES, undoRecords, type RecordsUndo } from "@/lib/imports/undo-records";
import { createRowsTable } from "@/lib/imports/apply-rows";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type UndoReport = {
  removed: number; keptActive: number; restored: number; keptEdited: number; identitiesRemoved: number; tagsRemoved: number;
  /** Order, order-line and product imports only. */
  orders?: { ordersRemoved: number; itemsRemoved: number; productsRemoved: number; ordersKept: number; productsKept: number };
  /** Member, interaction and service-ticket imports (lib/imports/undo-records.ts). */
  records?: RecordsUndo;
};

/** The import entities an undo knows how to reverse. */
export const UNDOABLE_ENTITIES: readonly ImportEntity[] = [
  "customers", "orderLines", "orders", "orderItems", "products", "members", "interactions", "serviceTickets",
];
const ORDER_ENTITIES: readonly ImportEntity[] = ["orderLines", "orders", "orderItems", "products"];

/** Derived rows that go with a created customer; a row of any other table naming it is activity that keeps it. */
const DERIVED = [
  "customer_identities", "customer_tags", "customer_scores", "customer_features", "segment_members", "import_customer_changes",
  "scoring_changes",
];

/** Derived tables whose rows of a deleted customer the database deletes itself (statement trigger on customers). */
const TRIGGER_DELETED = ["customer_scores", "customer_features"];

/** The columns an import may write (lib/imports/customers/apply.ts) — what 'updated' snapshots hold. */
const RESTORED = [
  "external_id", "name", "gender", "birthday", "phone", "email", "province", "city", "district", "address", "occupation",
  "interests", "source_channel", "home_store_id", "department_id",
] as const;

/** What the undo of this import did, once it has (null before). */
export async function undoReportOf(ctx: AuthContext, importId: string): Promise<UndoReport | null> {
  if (!UUID.test(importId)) return null;
  const j = await withTenant(ctx, (tx) => tx.importJob.findFirst({ where: { id: importId }, select: { undoReport: true } }));
  return (j?.undoReport as UndoReport | null) ?? null;
}

/** Marks a finished import for undo and queues the job. Refused unless the caller may run imports of its entity. */
export async function requestUndo(ctx: AuthContext, importId: string): Promise<{ importId: string }> {
  if (!UUID.test(importId)) throw new AppError("not_found", "imports.error.notFound");
  await withTenant(ctx, async (tx) => {
    const j = await tx.importJob.findFirst({ where: { id: importId } });
    if (!j) throw new AppError("not_found", "imports.error.notFound");
    const permission = ENTITY_PERMISSION[j.entity as ImportEntity] ?? "customer:import";
    if (!can(ctx, "import:run")) throw forbidden("import:run");
    if (!can(ctx, permission)) throw forbidden(permission);
    if (!UNDOABLE_ENTITIES.includes(j.entity as ImportEntity)) throw new AppError("conflict", "imports.undo.notSupported");
    const moved = await tx.importJob.updateMany({ where: { id: j.id, status: "succeeded" }, data: { status: "undoing" } });
    if (!moved.count) throw new AppError("conflict", j.status === "undone" || j.status === "undoing" ? "imports.undo.already" : "imports.undo.notFinished");
    await writeAudit(tx, ctx, { action: "import.undo.request", entity: "import", entityId: j.id, after: { fileName: j.fileName, entity: j.entity } });
  });
  await enqueue(importUndoJob, { tenantId: ctx.tenantId, importId, requestedBy: ctx.userId }, { jobId: `import-undo-${importId}` });
  return { importId };
}

/**
 * The orders, lines and products an order/order-line/product import created. An order
 * goes with its lines when every line is the import's and nothing else names it
 * (coupons, points); a product when no remaining line or other row names it. Lines
 * the import added to orders that existed before go too, and those orders' amounts are
 * summed again from what remains.
 */
async function undoOrders(c: pg.PoolClient, tenantId: string, importId: string): Promise<NonNullable<UndoReport["orders"]>> {
  const p = [tenantId, importId];
  const orderUsers = await activityTables(c, "order_id", ["order_items"]);
  await c.query(`
    CREATE TEMP TABLE undo_orders ON COMMIT DROP AS
    SELECT o.id, (NOT EXISTS (SELECT 1 FROM order_items i WHERE i.tenant_id = $1 AND i.order_id = o.id AND i.import_id IS DISTINCT FROM $2)
      ${orderUsers.map((t) => `AND NOT EXISTS (SELECT 1 FROM ${t} a WHERE a.tenant_id = $1 AND a.order_id = o.id)`).join("\n      ")}) AS gone
    FROM orders o WHERE o.tenant_id = $1 AND o.import_id = $2`, p);
  const { rows: touched } = await c.query<{ id: string }>(`
    SELECT DISTINCT i.order_id AS id FROM order_items i
    WHERE i.tenant_id = $1 AND i.import_id = $2 AND i.order_id NOT IN (SELECT id FROM undo_orders)`, p);
  const { rows: items } = await c.query<{ n: number }>(`
    WITH d AS (
      DELETE FROM order_items i WHERE i.tenant_id = $1
        AND (i.order_id IN (SELECT id FROM undo_orders WHERE gone) OR (i.import_id = $2 AND i.order_id NOT IN (SELECT id FROM undo_orders)))
      RETURNING 1)
    SELECT count(*)::int AS n FROM d`, p);
  if (touched.length) {
    await c.query(`
      UPDATE orders o SET amount = COALESCE((SELECT sum(i.amount) FROM order_items i WHERE i.tenant_id = $1 AND i.order_id = o.id), 0)
      WHERE o.tenant_id = $1 AND o.id = ANY($2::uuid[])`, [tenantId, touched.map((r) => r.id)]);
  }
  const { rows: orders } = await c.query<{ n: number }>(`
    WITH d AS (DELETE FROM orders o USING undo_orders u WHERE o.tenant_id = $1 AND o.id = u.id AND u.gone RETURNING 1)
    SELECT count(*)::int AS n FROM d`, [tenantId]);
  const { rows: ordersKept } = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM undo_orders WHERE NOT gone");
  const productUsers = await activityTables(c, "product_id", []);
  const { rows: products } = await c.query<{ n: number }>(`
    WITH d AS (
      DELETE FROM products x WHERE x.tenant_id = $1 AND x.import_id = $2
        ${productUsers.map((t) => `AND NOT EXISTS (SELECT 1 FROM ${t} a WHERE a.tenant_id = $1 AND a.product_id = x.id)`).join("\n        ")}
      RETURNING 1)
    SELECT count(*)::int AS n FROM d`, p);
  const { rows: productsKept } = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM products WHERE tenant_id = $1 AND import_id = $2", p);
  return {
    ordersRemoved: orders[0]!.n, itemsRemoved: items[0]!.n, productsRemoved: products[0]!.n, ordersKept: ordersKept[0]!.n, productsKept: productsKept[0]!.n,
  };
}

async function undoCustomers(c: pg.PoolClient, tenantId: string, importId: string): Promise<UndoReport> {
  const p = [tenantId, importId];
  // Created by this import; 'gone' = untouched since and named by no activity row.
  const activity = await activityTables(c, "customer_id", DERIVED);
  const busy = activity.map((t) => `EXISTS (SELECT 1 FROM ${t} a WHERE a.tenant_id = $1 AND a.customer_id = x.id)`);
  await createRowsTable(c, "undo_created", "id", `
    SELECT x.id, (x.version = 1 AND x.deleted_at IS NULL AND x.merged_into_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM customers m WHERE m.tenant_id = $1 AND m.merged_into_id = x.id)
      ${busy.map((b) => `AND NOT ${b}`).join("\n      ")}) AS gone
    FROM customers x WHERE x.tenant_id = $1 AND x.created_import_id = $2`, p);

  const { rows: ident } = await c.query<{ n: number }>(`
    WITH d AS (
      DELETE FROM customer_identities ci USING import_customer_changes ch
      WHERE ch.tenant_id = $1 AND ch.import_id = $2 AND ch.kind = 'identity'
        AND ci.tenant_id = $1 AND ci.customer_id = ch.customer_id AND ci.channel = ch.key AND ci.external_id = ch.value
      RETURNING 1)
    SELECT count(*)::int AS n FROM d`, p);
  const { rows: tags } = await c.query<{ n: number }>(`
    WITH d AS (
      DELETE FROM customer_tags ct USING import_customer_changes ch
      WHERE ch.tenant_id = $1 AND ch.import_id = $2 AND ch.kind = 'tag'
        AND ct.tenant_id = $1 AND ct.customer_id = ch.customer_id AND ct.tag_id = ch.key::uuid
      RETURNING 1)
    SELECT count(*)::int AS n FROM d`, p);

  const assign = RESTORED.map((k) => k === "interests"
    ? `interests = ARRAY(SELECT jsonb_array_elements_text(ch.before->'interests'))`
    : `${k} = (ch.before->>'${k}')::${k.endsWith("_id") && k !== "external_id" ? "uuid" : k === "birthday" ? "date" : "text"}`);
  const { rows: restored } = await c.query<{ n: number }>(`
    WITH u AS (
      UPDATE customers x SET ${assign.join(", ")}, version = x.version + 1, updated_at = now()
      FROM import_customer_changes ch
      WHERE ch.tenant_id = $1 AND ch.import_id = $2 AND ch.kind = 'updated'
        AND x.tenant_id = $1 AND x.id = ch.customer_id AND x.deleted_at IS NULL AND x.version = (ch.before->>'version')::int
      RETURNING 1)
    SELECT count(*)::int AS n FROM u`, p);
  const { rows: updatedTotal } = await c.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM import_customer_changes WHERE tenant_id = $1 AND import_id = $2 AND kind = 'updated'", p);

  // The scores, features and clusters go with the customers, through the
  // customers_delete_derived trigger (migration 20261128010000_derived_rows_by_day).
  for (const t of DERIVED.filter((t) => !["import_customer_changes", ...TRIGGER_DELETED].includes(t))) {
    await c.query(`DELETE FROM ${t} d USING undo_created u WHERE d.tenant_id = $1 AND d.customer_id = u.id AND u.gone`, [tenantId]);
  }
  const { rows: removed } = await c.query<{ n: number }>(`
    WITH d AS (DELETE FROM customers x USING undo_created u WHERE x.tenant_id = $1 AND x.id = u.id AND u.gone RETURNING 1)
    SELECT count(*)::int AS n FROM d`, [tenantId]);
  const { rows: kept } = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM undo_created WHERE NOT gone");

  return {
    removed: removed[0]!.n, keptActive: kept[0]!.n, restored: restored[0]!.n, keptEdited: updatedTotal[0]!.n - restored[0]!.n,
    identitiesRemoved: ident[0]!.n, tagsRemoved: tags[0]!.n,
  };
}

/** The worker's part. Returns what it did (or why it did nothing). */
export async function runUndo(payload: { tenantId: string; importId: string; requestedBy: string | null }): Promise<Record<string, unknown>> {
  const session = await openTenantSession({ tenantId: payload.tenantId, userId: payload.requestedBy });
  let report: UndoReport | null = null;
  try {
    report = await session.tx(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtextextended('import:' || $1, 0))", [payload.tenantId]);
      const { rows } = await c.query<{ status: string; entity: string; file_name: string }>(
        "SELECT status, entity, file_name FROM import_jobs WHERE tenant_id = $1 AND id = $2 FOR UPDATE", [payload.tenantId, payload.importId]);
      const job = rows[0];
      if (!job || job.status !== "undoing" || !UNDOABLE_ENTITIES.includes(job.entity as ImportEntity)) return null;
      await c.query("SET LOCAL work_mem = '64MB'");
      const orders = ORDER_ENTITIES.includes(job.entity as ImportEntity) ? await undoOrders(c, payload.tenantId, payload.importId) : undefined;
      const records = RECORD_ENTITIES.includes(job.entity as ImportEntity)
        ? await undoRecords(c, payload.tenantId, payload.importId, job.entity as ImportEntity) : undefined;
      const r: UndoReport = { ...(await undoCustomers(c, payload.tenantId, payload.importId)), ...(orders ? { orders } : {}), ...(records ? { records } : {}) };
      await c.query(
        "UPDATE import_jobs SET status = 'undone', undo_report = $3::jsonb, updated_at = now() WHERE tenant_id = $1 AND id = $2",
        [payload.tenantId, payload.importId, JSON.stringify(r)]);
      await c.query(
        `INSERT INTO audit_logs (tenant_id, actor_user_id, action, entity, entity_id, after) VALUES ($1, $2, 'import.undo', 'import', $3, $4::jsonb)`,
        [payload.tenantId, payload.requestedBy, payload.importId, JSON.stringify({ fileName: job.file_name, ...r })]);
      return r;
    });
  } finally {
    session.close();
  }
  if (!report) return { skipped: "not undoing" };
  try {
    const { enqueueScoring } = await import("@/lib/analytics/scoring/enqueue");
    const { enqueueRollups } = await import("@/lib/rollups/enqueue");
    await Promise.all([enqueueScoring(payload.tenantId), enqueueRollups(payload.tenantId, { reason: "import" })]);
  } catch (err) {
    console.error("[import-undo] could not queue scoring/rollups", (err as Error).message);
  }
  return { ...report };
}
