// The tenant's contact frequency cap (no customer contacted more than maxContacts
// times in windowDays, lib/campaigns/execution/contact-rules.ts), set on the campaign
// settings form (tenant:manage) and audited with its value before and after.
import type { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { DEFAULT_CAP } from "@/lib/campaigns/execution/contact-rules";
import type { capSchema } from "@/lib/campaigns/execution/schemas";

export type FrequencyCap = { maxContacts: number; windowDays: number };

export async function readFrequencyCap(tx: TenantTx): Promise<FrequencyCap> {
  const row = await tx.contactFrequencyCap.findFirst();
  return row ? { maxContacts: row.maxContacts, windowDays: row.windowDays } : { ...DEFAULT_CAP };
}

export async function saveFrequencyCap(ctx: AuthContext, input: z.output<typeof capSchema>): Promise<FrequencyCap> {
  return withTenant(ctx, async (tx) => {
    const before = await readFrequencyCap(tx);
    const data = { maxContacts: input.maxContacts, windowDays: input.windowDays };
    await tx.contactFrequencyCap.upsert({ where: { tenantId: ctx.tenantId }, create: { tenantId: ctx.tenantId, ...data }, update: data });
    await writeAudit(tx, ctx, { action: "campaign.frequency_cap", entity: "contact_frequency_cap", entityId: ctx.tenantId, before, after: data });
    return data;
  });
}
