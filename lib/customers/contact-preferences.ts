// A customer's contact preferences: the channels they asked not to be contacted on
// (customer_opt_outs; 'all' refuses every channel). Campaign sends and call tasks
// skip them (lib/campaigns/execution/contact-rules.ts). Changed from the 360 view
// under customer:update, in the caller's scope, audited.
import { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import { writeAudit } from "@/lib/audit/log";
import { customerFor } from "@/lib/customers/mutations";
import { withTenant } from "@/lib/db/tenant";

export const OPT_OUT_CHANNELS = ["sms", "email", "call", "all"] as const;
export type OptOutChannel = (typeof OPT_OUT_CHANNELS)[number];

const boolish = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());
export const setOptOutSchema = z.object({
  customerId: z.uuid("customers.error.notFound"),
  channel: z.enum(OPT_OUT_CHANNELS, "customers.optOut.error.channel"),
  optedOut: boolish,
});

export async function optOutsOf(ctx: AuthContext, customerId: string): Promise<OptOutChannel[]> {
  return withTenant(ctx, async (tx) => {
    const rows = await tx.customerOptOut.findMany({ where: { customerId }, select: { channel: true } });
    return rows.map((r) => r.channel as OptOutChannel);
  });
}

export async function setOptOut(ctx: AuthContext, input: z.output<typeof setOptOutSchema>): Promise<{ changed: boolean }> {
  return withTenant(ctx, async (tx) => {
    const customer = await customerFor(tx, ctx, input.customerId, "customer:update");
    const key = { tenantId_customerId_channel: { tenantId: ctx.tenantId, customerId: customer.id, channel: input.channel } };
    const existing = await tx.customerOptOut.findUnique({ where: key });
    if (input.optedOut === Boolean(existing)) return { changed: false };
    if (input.optedOut) {
      await tx.customerOptOut.create({ data: { tenantId: ctx.tenantId, customerId: customer.id, channel: input.channel, reason: "set by staff" } });
    } else {
      await tx.customerOptOut.delete({ where: key });
    }
    await writeAudit(tx, ctx, {
      action: input.optedOut ? "customer.opt_out.add" : "customer.opt_out.remove", entity: "customer", entityId: customer.id, after: { channel: input.channel },
    });
    return { changed: true };
  });
}
