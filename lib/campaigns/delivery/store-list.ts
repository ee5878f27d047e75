// The in-store channel's output: per home store, the campaign's customers to offer
// it to at the counter (outbound_messages rows of channel 'store' that were listed,
// i.e. status 'sent'; the address is the home store's id). Phones are masked unless
// the reader holds customer:unmask. Read as counts for the execution page and as a
// CSV per store (or all stores) for printing.
import type { AuthContext } from "@/lib/auth/context";
import type { TenantTx } from "@/lib/db/tenant";
import { withTenant } from "@/lib/db/tenant";
import { contactFor, mayUnmask } from "@/lib/customers/contact";
import { csvLine, UTF8_BOM } from "@/lib/csv/cell";
import type { Translate } from "@/lib/i18n/translate";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export type StoreListSummary = { storeId: string; code: string; name: string; customers: number };

export async function storeListSummary(tx: TenantTx, tenantId: string, campaignId: string): Promise<StoreListSummary[]> {
  return tx.$queryRaw<StoreListSummary[]>`
    SELECT s.id::text AS "storeId", s.code, s.name, count(*)::int AS customers
    FROM outbound_messages m JOIN stores s ON s.tenant_id = m.tenant_id AND s.id::text = m.to_address
    WHERE m.tenant_id = ${tenantId}::uuid AND m.campaign_id = ${campaignId}::uuid AND m.channel = 'store' AND m.status = 'sent'
    GROUP BY s.id, s.code, s.name ORDER BY s.code`;
}

/** The CSV of one store's list (or every store's, storeId null); null when the campaign is not the tenant's. */
export async function storeListCsv(ctx: AuthContext, campaignId: string, storeId: string | null, t: Translate): Promise<string | null> {
  if (!UUID.test(campaignId) || (storeId !== null && !UUID.test(storeId))) return null;
  return withTenant(ctx, async (tx) => {
    const campaign = await tx.campaign.findFirst({ where: { id: campaignId }, select: { id: true } });
    if (!campaign) return null;
    const rows = await tx.$queryRaw<{ code: string; store_name: string; name: string; phone: string | null; body: string }[]>`
      SELECT s.code, s.name AS store_name, c.name, c.phone, m.body
      FROM outbound_messages m
      JOIN stores s ON s.tenant_id = m.tenant_id AND s.id::text = m.to_address
      JOIN customers c ON c.tenant_id = m.tenant_id AND c.id = m.customer_id
      WHERE m.tenant_id = ${ctx.tenantId}::uuid AND m.campaign_id = ${campaignId}::uuid AND m.channel = 'store' AND m.status = 'sent'
        AND (${storeId}::uuid IS NULL OR s.id = ${storeId}::uuid)
      ORDER BY s.code, c.name, c.id`;
    const unmask = mayUnmask(ctx);
    let out = UTF8_BOM + csvLine(["store", "storeName", "customer", "phone", "offer"].map((k) => t(`campaignDelivery.store.csv.${k}`)));
    for (const r of rows) out += csvLine([r.code, r.store_name, r.name, contactFor(unmask, r.phone, null).phone, r.body]);
    return out;
  });
}
