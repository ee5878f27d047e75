// The execution page's read model: the campaign, its run settings, batches, live
// progress (messages by status and skip reason, care tasks by status and outcome)
// and the newest outbox rows. Addresses are masked unless the caller holds customer:unmask.
import type { AuthContext } from "@/lib/auth/context";
import { withTenant } from "@/lib/db/tenant";
import { contactFor, mayUnmask } from "@/lib/customers/contact";
import { tenantTimeZone } from "@/lib/tenants/time-zone";
import { storeListSummary } from "@/lib/campaigns/delivery/store-list";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const OUTBOX_ROWS = 50;

export type ExecutionView = Awaited<ReturnType<typeof loadExecution>>;

export async function loadExecution(ctx: AuthContext, campaignId: string) {
  if (!UUID.test(campaignId)) return null;
  return withTenant(ctx, async (tx) => {
    const campaign = await tx.campaign.findFirst({ where: { id: campaignId }, select: { id: true, name: true, status: true, channels: true } });
    if (!campaign) return null;
    const [run, batches, byStatus, tasks, outbox, arms, parents] = await Promise.all([
      tx.campaignRun.findFirst({ where: { campaignId } }),
      tx.campaignBatch.findMany({ where: { campaignId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
      tx.$queryRaw<{ status: string; skip_reason: string | null; n: number }[]>`
        SELECT status, skip_reason, count(*)::int AS n FROM outbound_messages
        WHERE tenant_id = ${ctx.tenantId}::uuid AND campaign_id = ${campaignId}::uuid GROUP BY status, skip_reason`,
      tx.$queryRaw<{ status: string; outcome: string | null; n: number }[]>`
        SELECT status, outcome, count(*)::int AS n FROM care_tasks
        WHERE tenant_id = ${ctx.tenantId}::uuid AND campaign_id = ${campaignId}::uuid GROUP BY status, outcome`,
      tx.$queryRaw<{ id: string; customer_name: string; channel: string; to_address: string; body: string; status: string;
        skip_reason: string | null; provider: string | null; error: string | null; sent_at: Date | null; created_at: Date }[]>`
        SELECT m.id::text, c.name AS customer_name, m.channel, m.to_address, m.body, m.status, m.skip_reason, m.provider, m.error, m.sent_at, m.created_at
        FROM outbound_messages m JOIN customers c ON c.tenant_id = m.tenant_id AND c.id = m.customer_id
        WHERE m.tenant_id = ${ctx.tenantId}::uuid AND m.campaign_id = ${campaignId}::uuid
        ORDER BY m.updated_at DESC, m.id LIMIT ${OUTBOX_ROWS}`,
      tx.$queryRaw<{ arm: string; n: number }[]>`
        SELECT arm, count(*)::int AS n FROM campaign_targets WHERE tenant_id = ${ctx.tenantId}::uuid AND campaign_id = ${campaignId}::uuid GROUP BY arm`,
      tx.$queryRaw<{ id: string; name: string }[]>`
        SELECT cp.id::text, cp.name FROM campaigns cp JOIN campaign_runs r ON r.tenant_id = cp.tenant_id AND r.campaign_id = cp.id
        WHERE cp.tenant_id = ${ctx.tenantId}::uuid AND cp.id <> ${campaignId}::uuid AND r.launched_at IS NOT NULL
        ORDER BY r.launched_at DESC LIMIT 100`,
    ]);
    const timeZone = await tenantTimeZone(tx, ctx.tenantId);
    const storeLists = campaign.channels.includes("store") ? await storeListSummary(tx, ctx.tenantId, campaignId) : [];
    const count = (pred: (r: { status: string; skip_reason: string | null }) => boolean) => byStatus.filter(pred).reduce((s, r) => s + r.n, 0);
    const unmask = mayUnmask(ctx);
    return {
      campaign, run, batches, parents, timeZone, storeLists,
      arms: { treatment: arms.find((a) => a.arm === "treatment")?.n ?? 0, control: arms.find((a) => a.arm === "control")?.n ?? 0 },
      progress: {
        queued: count((r) => r.status === "queued"), sending: count((r) => r.status === "sending"),
        sent: count((r) => r.status === "sent"), delivered: count((r) => r.status === "delivered"), failed: count((r) => r.status === "failed"),
        optOut: count((r) => r.skip_reason === "opt_out"), cap: count((r) => r.skip_reason === "frequency_cap"), noAddress: count((r) => r.skip_reason === "no_address" || r.skip_reason === "no_openid" || r.skip_reason === "no_home_store"),
      },
      tasks: {
        open: tasks.filter((t) => t.status === "open").reduce((s, t) => s + t.n, 0),
        done: tasks.filter((t) => t.status === "done").reduce((s, t) => s + t.n, 0),
        cancelled: tasks.filter((t) => t.status === "cancelled").reduce((s, t) => s + t.n, 0),
        byOutcome: Object.fromEntries(tasks.filter((t) => t.outcome).map((t) => [t.outcome!, t.n])) as Record<string, number>,
      },
      outbox: outbox.map((m) => ({
        id: m.id, customerName: m.customer_name, channel: m.channel, body: m.body, status: m.status, skipReason: m.skip_reason,
        provider: m.provider, error: m.error, at: m.sent_at ?? m.created_at,
        to: m.to_address ? (m.channel === "email" ? contactFor(unmask, null, m.to_address).email : contactFor(unmask, m.to_address, null).phone) : null,
      })),
    };
  });
}
