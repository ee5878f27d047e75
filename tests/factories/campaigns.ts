// Approved campaigns with materialized targets, written directly (as planning's
// approval would leave them), so execution tests do not depend on planning code.
import { withTenant } from "@/lib/db/tenant";
import type { TestTenant } from "@/tests/factories/tenants";

export type TargetSpec = { customerId: string; arm: "treatment" | "control" };

export async function createApprovedCampaign(
  tenant: TestTenant,
  input: { name?: string; channels: string[]; targets: TargetSpec[]; status?: string },
): Promise<{ id: string }> {
  return withTenant(tenant.owner, async (tx) => {
    const campaign = await tx.campaign.create({
      data: { tenantId: tenant.tenantId, name: input.name ?? "Test campaign", channels: input.channels, status: input.status ?? "approved", ownerUserId: tenant.owner.userId },
    });
    if (input.targets.length) {
      await tx.campaignTarget.createMany({ data: input.targets.map((t) => ({ tenantId: tenant.tenantId, campaignId: campaign.id, customerId: t.customerId, arm: t.arm })) });
    }
    return { id: campaign.id };
  });
}

export async function optOut(tenant: TestTenant, customerId: string, channel: "sms" | "email" | "call" | "all") {
  await withTenant(tenant.owner, (tx) => tx.customerOptOut.create({ data: { tenantId: tenant.tenantId, customerId, channel } }));
}

export async function setFrequencyCap(tenant: TestTenant, maxContacts: number, windowDays: number) {
  await withTenant(tenant.owner, (tx) => tx.contactFrequencyCap.upsert({
    where: { tenantId: tenant.tenantId }, create: { tenantId: tenant.tenantId, maxContacts, windowDays }, update: { maxContacts, windowDays },
  }));
}

/** A message of another campaign sent to the customer `daysAgo` days ago (counts toward the frequency cap). */
export async function pastContact(tenant: TestTenant, customerId: string, daysAgo: number) {
  const other = await createApprovedCampaign(tenant, { name: "Earlier campaign", channels: ["sms"], targets: [], status: "completed" });
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  await withTenant(tenant.owner, (tx) => tx.outboundMessage.create({
    data: { tenantId: tenant.tenantId, idempotencyKey: `past-${other.id}-${customerId}`, campaignId: other.id, customerId, channel: "sms",
      toAddress: "+8613800000000", body: "earlier", status: "delivered", provider: "dev", createdAt: at, sentAt: at },
  }));
}
