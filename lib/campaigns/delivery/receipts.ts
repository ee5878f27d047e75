// Provider delivery receipts (issue 7, point 2), applied to the sends they name.
//
// A receipt names the send by the message id the adapter recorded
// (outbound_messages.provider_message_id) on the channel of the URL, and is looked up
// only among the signing tenant's rows (RLS): another tenant's id, or an unknown one,
// matches nothing and changes nothing. A send moves sent → delivered or sent → failed
// once; delivered and failed are final, so a repeated receipt is a counted no-op and
// the batch's counts (sent includes delivered) are recomputed from the rows.
import { z } from "zod";
import { withTenantPg } from "@/lib/db/tenant";
import { refreshBatchCounts } from "@/lib/campaigns/execution/send";

export const RECEIPT_CHANNELS = ["sms", "email", "wechat"] as const;
export type ReceiptChannel = (typeof RECEIPT_CHANNELS)[number];
export const MAX_RECEIPTS = 500;

export const receiptSchema = z.object({
  messageId: z.string().trim().min(1).max(200),
  status: z.enum(["delivered", "failed"]),
  reason: z.string().trim().max(500).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export const receiptBatchSchema = z.object({ receipts: z.array(receiptSchema).min(1).max(MAX_RECEIPTS) });
export type Receipt = z.output<typeof receiptSchema>;

/** One receipt, or `{receipts: [...]}`; a failure names the first offending field. */
export function parseReceiptBody(json: unknown): { ok: true; receipts: Receipt[] } | { ok: false; field: string } {
  const isBatch = typeof json === "object" && json !== null && "receipts" in json;
  const parsed = isBatch ? receiptBatchSchema.safeParse(json) : receiptSchema.safeParse(json);
  if (parsed.success) return { ok: true, receipts: "receipts" in parsed.data ? parsed.data.receipts : [parsed.data] };
  return { ok: false, field: parsed.error.issues[0]?.path.join(".") || "body" };
}

export type ReceiptResult = { received: number; applied: number; duplicates: number; unknown: number };

export async function applyReceipts(tenantId: string, channel: ReceiptChannel, receipts: Receipt[]): Promise<ReceiptResult> {
  return withTenantPg({ tenantId }, async (c) => {
    const out: ReceiptResult = { received: receipts.length, applied: 0, duplicates: 0, unknown: 0 };
    const batches = new Set<string>();
    for (const r of receipts) {
      const { rows } = await c.query<{ id: string; status: string; batch_id: string | null }>(
        `SELECT id, status, batch_id FROM outbound_messages
         WHERE tenant_id = $1 AND provider_message_id = $2 AND channel = $3 FOR UPDATE`, [tenantId, r.messageId, channel]);
      const message = rows[0];
      if (!message) { out.unknown += 1; continue; }
      if (message.status !== "sent") { out.duplicates += 1; continue; }
      const reason = r.status === "failed" ? (r.reason || "failed (no reason given)") : null;
      await c.query(
        `UPDATE outbound_messages SET status = $3, updated_at = now(),
                delivered_at = CASE WHEN $3 = 'delivered' THEN coalesce($4::timestamptz, now()) END,
                error = CASE WHEN $3 = 'failed' THEN $5 ELSE error END
         WHERE tenant_id = $1 AND id = $2`, [tenantId, message.id, r.status, r.occurredAt ?? null, reason]);
      await c.query(
        "INSERT INTO outbound_message_events (tenant_id, message_id, status, detail, occurred_at) VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, now()))",
        [tenantId, message.id, r.status, reason ?? "provider receipt", r.occurredAt ?? null]);
      out.applied += 1;
      if (message.batch_id) batches.add(message.batch_id);
    }
    for (const b of batches) await refreshBatchCounts(c, tenantId, b);
    return out;
  });
}
