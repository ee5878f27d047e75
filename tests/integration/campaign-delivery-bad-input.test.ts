// Issue 7's bad input at the sending end, for what the older tests leave open
// (empty audience, budget, past schedule and approval by the requester are covered by
// campaign-plan / campaign-approval / campaign-send): launching a campaign whose
// audience is empty, a double-clicked "send" on the new channels (one batch, each
// customer once), and a send to a customer opted out of e-mail or of everything.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addIdentity, createCustomer, createStore } from "@/tests/factories/customers";
import { createApprovedCampaign, optOut } from "@/tests/factories/campaigns";
import { withTenant } from "@/lib/db/tenant";
import { runBatchStep } from "@/lib/campaigns/execution/send";
import { closeQueues } from "@/lib/jobs/queues";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { launchCampaignAction, createBatchAction } = await import("@/app/(app)/campaigns/[id]/execution/actions");

let a: TestTenant;

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}
const batchesOf = (campaignId: string) => withTenant(a.owner, (tx) => tx.campaignBatch.findMany({ where: { campaignId } }));
const messagesOf = (campaignId: string) => withTenant(a.owner, (tx) => tx.outboundMessage.findMany({ where: { campaignId } }));

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `{${(process.env.TEST_QUEUE_PREFIX ?? "{crmtest}").replace(/[{}]/g, "")}-${randomUUID().slice(0, 8)}}`;
  a = await createTenant("BadInput");
  signInAs({ userId: a.owner.userId, tenantId: a.tenantId });
});

afterAll(async () => {
  await closeQueues();
});

describe("bad input when sending", () => {
  it("launching a campaign whose audience is empty (only control customers) is refused with a message; nothing starts", async () => {
    const c = (await createCustomer(a, { name: "对照" })).id;
    const { id } = await createApprovedCampaign(a, { channels: ["sms", "wechat"], targets: [{ customerId: c, arm: "control" }] });
    expect(await launchCampaignAction(form({ campaignId: id }))).toMatchObject({
      ok: false, code: "validation", message: "The campaign has no treatment customers to contact.",
    });
    expect((await withTenant(a.owner, (tx) => tx.campaign.findFirstOrThrow({ where: { id } }))).status).toBe("approved");
    expect(await batchesOf(id)).toHaveLength(0);
  });

  it("a double-clicked send on the WeChat and in-store channels makes one batch each and reaches each customer once", async () => {
    const store = await createStore(a, "旗舰店");
    const customers = await Promise.all([0, 1, 2].map(async (i) => {
      const c = await createCustomer(a, { name: `双击${i}`, homeStoreId: store.id });
      await addIdentity(a, c.id, "wechat", `oWX-double-${i}-${randomUUID().slice(0, 4)}`);
      return c.id;
    }));
    const { id } = await createApprovedCampaign(a, { channels: ["wechat", "store"], targets: customers.map((customerId) => ({ customerId, arm: "treatment" as const })) });
    const launch = form({ campaignId: id });
    const launched = await Promise.all([launchCampaignAction(launch), launchCampaignAction(launch)]);
    expect(launched.every((r) => r.ok)).toBe(true);
    expect((await batchesOf(id)).map((b) => b.channel).sort()).toEqual(["store", "wechat"]);

    for (const channel of ["wechat", "store"]) {
      const f = form({ campaignId: id, channel, requestKey: `rk-${randomUUID()}` });
      const [r1, r2] = await Promise.all([createBatchAction(f), createBatchAction(f)]);
      expect(r1.ok && r2.ok).toBe(true);
      if (r1.ok && r2.ok) expect(r1.data.batchId).toBe(r2.data.batchId);
    }
    const batches = await batchesOf(id);
    expect(batches).toHaveLength(4);
    await Promise.all(batches.flatMap((b) => [runBatchStep(a.tenantId, b.id), runBatchStep(a.tenantId, b.id)]));
    const msgs = (await messagesOf(id)).filter((m) => m.status !== "skipped");
    expect(msgs).toHaveLength(6);
    for (const channel of ["wechat", "store"]) {
      expect(msgs.filter((m) => m.channel === channel).map((m) => m.customerId).sort()).toEqual([...customers].sort());
    }
  });

  it("a customer opted out of e-mail, or of everything, gets no e-mail; one opted out of SMS only does", async () => {
    const emailOut = (await createCustomer(a, { name: "退邮件", email: "out@example.test" })).id;
    const allOut = (await createCustomer(a, { name: "全退", email: "all@example.test" })).id;
    const smsOut = (await createCustomer(a, { name: "退短信", email: "sms@example.test" })).id;
    await optOut(a, emailOut, "email");
    await optOut(a, allOut, "all");
    await optOut(a, smsOut, "sms");
    const { id } = await createApprovedCampaign(a, { channels: ["email"], targets: [emailOut, allOut, smsOut].map((customerId) => ({ customerId, arm: "treatment" as const })) });
    expect(await launchCampaignAction(form({ campaignId: id }))).toMatchObject({ ok: true });
    const [batch] = await batchesOf(id);
    await runBatchStep(a.tenantId, batch!.id);
    const byCustomer = Object.fromEntries((await messagesOf(id)).map((m) => [m.customerId, m.skipReason ?? m.status]));
    expect(byCustomer).toEqual({ [emailOut]: "opt_out", [allOut]: "opt_out", [smsOut]: "delivered" });
  });
});
