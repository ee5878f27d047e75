// Sending one campaign batch, exactly once per customer, from the worker.
//
// 1. Plan (first run of a batch): one set-based INSERT … ON CONFLICT DO NOTHING
//    writes an outbound_messages row per treatment customer of the campaign not yet
//    messaged on this channel, keyed (campaign, batch, customer, channel) — unique
//    per tenant, so a retried plan adds nothing. Opted-out, frequency-capped and
//    address-less customers get a 'skipped' row with the reason (counted, never sent):
//    no phone / e-mail ('no_address'), no WeChat openid ('no_openid'), no home store for
//    the in-store list ('no_home_store'), which is not subject to the frequency cap.
//    Control customers are never selected: only arm = 'treatment'.
// 2. Send in chunks: a chunk is claimed by moving rows queued → sending in its own
//    committed transaction (FOR UPDATE SKIP LOCKED: two workers never claim one row),
//    then handed to the channel adapter, then recorded. A retry sends only rows still
//    'queued'. A row left 'sending' by a dead worker is re-sent only through an
//    adapter that deduplicates on our key, otherwise marked failed ("outcome unknown").
// 3. Throttle: with throttle_per_hour set, one run sends ceil(throttle/12) and the
//    job schedules its next step five minutes later (a delayed BullMQ job).
import { withTenantPg } from "@/lib/db/tenant";
import { adapterFor, type MessageChannel } from "@/lib/campaigns/execution/adapters";
import { frequencyCap, lockTenantPlanning, optedOutSql, recentContactsSql } from "@/lib/campaigns/execution/contact-rules";

export const UNTHROTTLED_CHUNK = 200;
export const THROTTLE_STEP_MS = 5 * 60_000;
/** A 'sending' row older than this belongs to a dead attempt. */
export const STALE_SENDING_MS = 2 * 60_000;

export type BatchStepResult =
  | { state: "stopped"; reason: "not_found" | "cancelled" | "done" | "campaign_not_running" }
  | { state: "more"; sent: number; failed: number; delayMs: number }
  | { state: "done"; sent: number; failed: number };

type BatchRow = {
  id: string; campaign_id: string; channel: MessageChannel; status: string; throttle_per_hour: number | null;
  size_limit: number | null; campaign_status: string; message_template: string | null; campaign_name: string;
};

async function loadBatch(tenantId: string, batchId: string): Promise<BatchRow | null> {
  return withTenantPg({ tenantId }, async (c) => (await c.query<BatchRow>(
    `SELECT b.id, b.campaign_id, b.channel, b.status, b.throttle_per_hour, b.size_limit, cp.status AS campaign_status,
            r.message_template, cp.name AS campaign_name
     FROM campaign_batches b JOIN campaigns cp ON cp.tenant_id = b.tenant_id AND cp.id = b.campaign_id
     LEFT JOIN campaign_runs r ON r.tenant_id = b.tenant_id AND r.campaign_id = b.campaign_id
     WHERE b.tenant_id = $1 AND b.id = $2`, [tenantId, batchId])).rows[0] ?? null);
}

/** Where each channel's message goes: a column of the customer (c), or for WeChat their openid. */
const ADDRESS_SQL: Record<MessageChannel, string> = {
  sms: "c.phone",
  email: "c.email",
  wechat: `(SELECT ci.external_id FROM customer_identities ci WHERE ci.tenant_id = c.tenant_id AND ci.customer_id = c.id
            AND ci.channel = 'wechat' AND ci.external_id <> '' ORDER BY ci.created_at, ci.id LIMIT 1)`,
  store: "c.home_store_id::text",
};
const NO_ADDRESS_REASON: Record<MessageChannel, string> = { sms: "no_address", email: "no_address", wechat: "no_openid", store: "no_home_store" };

/** Step 1: the batch's messages, written once. Returns false when another run planned it first. */
export async function planBatch(tenantId: string, batch: BatchRow): Promise<void> {
  await withTenantPg({ tenantId }, async (c) => {
    await lockTenantPlanning(c, tenantId);
    const { rows } = await c.query<{ status: string }>(
      "SELECT status FROM campaign_batches WHERE tenant_id = $1 AND id = $2 FOR UPDATE", [tenantId, batch.id]);
    if (rows[0]?.status !== "scheduled") return;
    const cap = await frequencyCap(c);
    const address = ADDRESS_SQL[batch.channel];
    const noAddress = NO_ADDRESS_REASON[batch.channel];
    // The in-store list pushes nothing to anyone: it neither obeys nor uses up the frequency cap
    // (never true; $6 still named so its type is known).
    const capped = batch.channel === "store" ? "($6::int IS NULL)" : "recent >= $6";
    // $1 tenant, $2 campaign, $3 batch, $4 channel, $5 template, $6 cap, $7 window days, $8 size limit, $9 campaign name
    await c.query(
      `WITH candidates AS (
         SELECT t.customer_id, c.name, ${address} AS address,
                ${optedOutSql("t.customer_id", "$4")} AS opted_out,
                ${recentContactsSql("t.customer_id", "$7")} AS recent
         FROM campaign_targets t
         JOIN customers c ON c.tenant_id = t.tenant_id AND c.id = t.customer_id AND c.deleted_at IS NULL
         WHERE t.tenant_id = $1 AND t.campaign_id = $2 AND t.arm = 'treatment'
           AND NOT EXISTS (SELECT 1 FROM outbound_messages m WHERE m.tenant_id = $1 AND m.campaign_id = $2
                             AND m.customer_id = t.customer_id AND m.channel = $4 AND m.status <> 'skipped')
           AND NOT EXISTS (SELECT 1 FROM outbound_messages m WHERE m.tenant_id = $1 AND m.batch_id = $3 AND m.customer_id = t.customer_id)
           AND NOT EXISTS (SELECT 1 FROM campaign_runs r WHERE r.tenant_id = $1 AND r.campaign_id = $2 AND r.retarget = 'non_responders'
                             AND t.customer_id = ANY (coalesce(r.excluded_customer_ids, '{}')))
         ORDER BY t.customer_id
         LIMIT $8
       )
       INSERT INTO outbound_messages (tenant_id, idempotency_key, campaign_id, batch_id, customer_id, channel, to_address, body, status, skip_reason)
       SELECT $1::uuid, $2::text || ':' || $3::text || ':' || customer_id || ':' || $4::text, $2::uuid, $3::uuid, customer_id, $4::text,
              coalesce(address, ''), replace(replace($5::text, '{name}', coalesce(name, '')), '{campaign}', $9::text),
              CASE WHEN opted_out OR address IS NULL OR ${capped} THEN 'skipped' ELSE 'queued' END,
              CASE WHEN opted_out THEN 'opt_out' WHEN address IS NULL THEN '${noAddress}' WHEN ${capped} THEN 'frequency_cap' END
       FROM candidates
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING`,
      [tenantId, batch.campaign_id, batch.id, batch.channel, batch.message_template || "{campaign}", cap.maxContacts, cap.windowDays,
        batch.size_limit, batch.campaign_name],
    );
    await c.query("UPDATE campaign_batches SET status = 'running', started_at = now() WHERE tenant_id = $1 AND id = $2", [tenantId, batch.id]);
    await refreshBatchCounts(c, tenantId, batch.id);
  });
}

export async function refreshBatchCounts(c: import("pg").PoolClient, tenantId: string, batchId: string) {
  await c.query(
    `UPDATE campaign_batches b SET
       planned_count = x.planned, sent_count = x.sent, failed_count = x.failed,
       skipped_opt_out = x.opt_out, skipped_cap = x.cap, skipped_no_address = x.no_address
     FROM (SELECT count(*) FILTER (WHERE status <> 'skipped') AS planned,
                  count(*) FILTER (WHERE status IN ('sent', 'delivered')) AS sent,
                  count(*) FILTER (WHERE status = 'failed') AS failed,
                  count(*) FILTER (WHERE skip_reason = 'opt_out') AS opt_out,
                  count(*) FILTER (WHERE skip_reason = 'frequency_cap') AS cap,
                  count(*) FILTER (WHERE skip_reason IN ('no_address', 'no_openid', 'no_home_store')) AS no_address
           FROM outbound_messages WHERE tenant_id = $1 AND batch_id = $2) x
     WHERE b.tenant_id = $1 AND b.id = $2`, [tenantId, batchId]);
}

type Claimed = { id: string; idempotency_key: string; customer_id: string; to_address: string; body: string };

/** Moves up to `limit` rows queued → sending (committed), plus stale 'sending' rows when the adapter deduplicates. */
async function claimChunk(tenantId: string, batchId: string, limit: number, resendStale: boolean): Promise<Claimed[]> {
  return withTenantPg({ tenantId }, async (c) => {
    if (!resendStale) {
      // Without provider-side deduplication a second send could reach the customer twice: give up on them instead.
      const stale = await c.query<{ id: string }>(
        `UPDATE outbound_messages SET status = 'failed', error = 'outcome unknown: the worker stopped while sending', updated_at = now()
         WHERE tenant_id = $1 AND batch_id = $2 AND status = 'sending' AND updated_at < now() - make_interval(secs => $3::int)
         RETURNING id`, [tenantId, batchId, STALE_SENDING_MS / 1000]);
      for (const r of stale.rows) {
        await c.query("INSERT INTO outbound_message_events (tenant_id, message_id, status, detail) VALUES ($1, $2, 'failed', 'outcome unknown')", [tenantId, r.id]);
      }
    }
    const { rows } = await c.query<Claimed>(
      // MATERIALIZED: a plain IN (subquery) may be re-run by the planner and, with SKIP LOCKED, pick more than $3 rows.
      `WITH picked AS MATERIALIZED (
         SELECT id FROM outbound_messages
         WHERE tenant_id = $1 AND batch_id = $2
           AND (status = 'queued' OR ($4::boolean AND status = 'sending' AND updated_at < now() - make_interval(secs => $5::int)))
         ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE outbound_messages m SET status = 'sending', sent_at = coalesce(m.sent_at, now()), updated_at = now()
       FROM picked WHERE m.tenant_id = $1 AND m.id = picked.id
       RETURNING m.id, m.idempotency_key, m.customer_id, m.to_address, m.body`,
      [tenantId, batchId, limit, resendStale, STALE_SENDING_MS / 1000]);
    for (const r of rows) {
      await c.query("INSERT INTO outbound_message_events (tenant_id, message_id, status) VALUES ($1, $2, 'sending')", [tenantId, r.id]);
    }
    return rows;
  });
}

/** One step of a batch: plan if needed, send one chunk (throttled) or all of it. */
export async function runBatchStep(tenantId: string, batchId: string): Promise<BatchStepResult> {
  let batch = await loadBatch(tenantId, batchId);
  if (!batch) return { state: "stopped", reason: "not_found" };
  if (batch.status === "cancelled") return { state: "stopped", reason: "cancelled" };
  if (batch.status === "done") return { state: "stopped", reason: "done" };
  if (batch.campaign_status !== "running") return { state: "stopped", reason: "campaign_not_running" };
  if (batch.status === "scheduled") {
    await planBatch(tenantId, batch);
    batch = (await loadBatch(tenantId, batchId))!;
  }
  const adapter = adapterFor(batch.channel);
  const chunk = batch.throttle_per_hour ? Math.max(1, Math.ceil(batch.throttle_per_hour / 12)) : UNTHROTTLED_CHUNK;
  let sent = 0;
  let failed = 0;
  for (;;) {
    const claimed = await claimChunk(tenantId, batchId, chunk, adapter.deduplicates);
    for (const m of claimed) {
      const outcome = await adapter.send({
        tenantId, messageId: m.id, idempotencyKey: m.idempotency_key, channel: batch.channel, to: m.to_address, body: m.body,
      });
      await withTenantPg({ tenantId }, async (c) => {
        if (outcome.status === "failed") {
          await c.query(
            `UPDATE outbound_messages SET status = 'failed', provider = $3, error = $4, updated_at = now()
             WHERE tenant_id = $1 AND id = $2 AND status = 'sending'`, [tenantId, m.id, adapter.name, outcome.error.slice(0, 500)]);
          await c.query("INSERT INTO outbound_message_events (tenant_id, message_id, status, detail) VALUES ($1, $2, 'failed', $3)",
            [tenantId, m.id, outcome.error.slice(0, 500)]);
          failed += 1;
          return;
        }
        await c.query(
          `UPDATE outbound_messages SET status = $3::text, provider = $4, provider_message_id = $5, updated_at = now(),
                  delivered_at = CASE WHEN $3::text = 'delivered' THEN now() END
           WHERE tenant_id = $1 AND id = $2 AND status = 'sending'`, [tenantId, m.id, outcome.status, adapter.name, outcome.providerMessageId]);
        await c.query(
          `INSERT INTO outbound_message_events (tenant_id, message_id, status) SELECT $1::uuid, $2::uuid, 'sent' UNION ALL
           SELECT $1::uuid, $2::uuid, 'delivered' WHERE $3::text = 'delivered'`, [tenantId, m.id, outcome.status]);
        // A line on a store's list has reached nobody yet.
        if (batch!.channel !== "store") await c.query(
          `UPDATE campaign_targets SET contacted_at = coalesce(contacted_at, now()), contact_channel = coalesce(contact_channel, $4::text)
           WHERE tenant_id = $1 AND campaign_id = $2 AND customer_id = $3`, [tenantId, batch!.campaign_id, m.customer_id, batch!.channel]);
        sent += 1;
      });
    }
    const left = await withTenantPg({ tenantId }, async (c) => {
      await refreshBatchCounts(c, tenantId, batchId);
      const { rows } = await c.query<{ queued: string; sending: string; status: string }>(
        `SELECT count(*) FILTER (WHERE m.status = 'queued') AS queued, count(*) FILTER (WHERE m.status = 'sending') AS sending,
                (SELECT status FROM campaign_batches WHERE tenant_id = $1 AND id = $2) AS status
         FROM outbound_messages m WHERE m.tenant_id = $1 AND m.batch_id = $2`, [tenantId, batchId]);
      return { queued: Number(rows[0]!.queued), sending: Number(rows[0]!.sending), status: rows[0]!.status };
    });
    if (left.status === "cancelled") return { state: "stopped", reason: "cancelled" };
    if (left.queued + left.sending === 0) {
      await withTenantPg({ tenantId }, (c) => c.query(
        "UPDATE campaign_batches SET status = 'done', finished_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'running'", [tenantId, batchId]));
      return { state: "done", sent, failed };
    }
    // Rows another attempt is still sending: look again shortly rather than spin.
    if (claimed.length === 0) return { state: "more", sent, failed, delayMs: STALE_SENDING_MS };
    if (batch.throttle_per_hour) return { state: "more", sent, failed, delayMs: THROTTLE_STEP_MS };
  }
}
