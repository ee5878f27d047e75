// The contact frequency cap form (issue 7, point 1): tenant:manage changes it, with
// field messages for bad values, audited; a user without the permission (a forged
// form post) and another tenant change nothing; and the changed cap is what the real
// send path enforces — a customer contacted N times in D days is skipped as "frequency cap".
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { createApprovedCampaign, pastContact } from "@/tests/factories/campaigns";
import { withTenant } from "@/lib/db/tenant";
import { runBatchStep } from "@/lib/campaigns/execution/send";
import { readFrequencyCap } from "@/lib/campaigns/execution/caps";
import { DEFAULT_CAP } from "@/lib/campaigns/execution/contact-rules";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { saveFrequencyCapAction } = await import("@/app/(app)/campaigns/actions");

let a: TestTenant;
let b: TestTenant;

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}
const capOf = (t: TestTenant) => withTenant(t.owner, readFrequencyCap);

/** A running SMS campaign to these customers, one batch run by the send path; the skip reason per customer. */
async function sendTo(t: TestTenant, customerIds: string[]): Promise<Record<string, string>> {
  const { id } = await createApprovedCampaign(t, { channels: ["sms"], status: "running", targets: customerIds.map((customerId) => ({ customerId, arm: "treatment" as const })) });
  const batch = await withTenant(t.owner, (tx) => tx.campaignBatch.create({ data: { tenantId: t.tenantId, campaignId: id, channel: "sms", scheduledAt: new Date() } }));
  await runBatchStep(t.tenantId, batch.id);
  const msgs = await withTenant(t.owner, (tx) => tx.outboundMessage.findMany({ where: { campaignId: id } }));
  return Object.fromEntries(msgs.map((m) => [m.customerId, m.status === "skipped" ? m.skipReason! : m.status]));
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("CapsA"), createTenant("CapsB")]);
});

describe("frequency cap settings", () => {
  it("starts at the default of 3 contacts in 7 days", async () => {
    expect(await capOf(a)).toEqual(DEFAULT_CAP);
    expect(DEFAULT_CAP).toEqual({ maxContacts: 3, windowDays: 7 });
  });

  it("refuses bad values field by field, with messages, saving nothing", async () => {
    signInAs({ userId: a.owner.userId, tenantId: a.tenantId });
    const r = await saveFrequencyCapAction(form({ maxContacts: "0", windowDays: "2.5" }));
    expect(r).toMatchObject({ ok: false, code: "validation" });
    if (!r.ok) {
      expect(r.fieldErrors?.maxContacts).toBe("The cap must be a whole number from 1 to 1000.");
      expect(r.fieldErrors?.windowDays).toBe("Enter a whole number of days from 1 to 365.");
    }
    for (const bad of [{ maxContacts: "abc", windowDays: "7" }, { maxContacts: "3", windowDays: "366" }, { maxContacts: "", windowDays: "7" }, { maxContacts: "1001", windowDays: "7" }]) {
      const x = await saveFrequencyCapAction(form(bad));
      expect(x.ok).toBe(false);
    }
    expect(await capOf(a)).toEqual(DEFAULT_CAP);
  });

  it("a user without tenant:manage (forged form post) and another tenant's owner change nothing of A's", async () => {
    const planner = await addMember(a, "marketing_planner");
    signInAs({ userId: planner.userId, tenantId: a.tenantId });
    expect(await saveFrequencyCapAction(form({ maxContacts: "50", windowDays: "1" }))).toMatchObject({ ok: false, code: "forbidden" });
    signInAs({ userId: b.owner.userId, tenantId: b.tenantId });
    expect(await saveFrequencyCapAction(form({ maxContacts: "9", windowDays: "9" }))).toMatchObject({ ok: true });
    expect(await capOf(a)).toEqual(DEFAULT_CAP);
    expect(await capOf(b)).toEqual({ maxContacts: 9, windowDays: 9 });
  });

  it("a changed cap is enforced by the send path and audited", async () => {
    const twiceIn20Days = (await createCustomer(a, { name: "近期两次", phone: "+8613800138101" })).id;
    const onceIn20Days = (await createCustomer(a, { name: "近期一次", phone: "+8613800138102" })).id;
    const fresh = (await createCustomer(a, { name: "未触达", phone: "+8613800138103" })).id;
    await pastContact(a, twiceIn20Days, 12);
    await pastContact(a, twiceIn20Days, 20);
    await pastContact(a, onceIn20Days, 15);

    // Under the default (3 in 7 days) contacts 12 to 20 days ago do not count: all three are sent.
    expect(await sendTo(a, [twiceIn20Days, onceIn20Days, fresh])).toEqual({ [twiceIn20Days]: "delivered", [onceIn20Days]: "delivered", [fresh]: "delivered" });

    signInAs({ userId: a.owner.userId, tenantId: a.tenantId });
    const r = await saveFrequencyCapAction(form({ maxContacts: " 3 ", windowDays: "30" }));
    expect(r).toMatchObject({ ok: true, data: { maxContacts: 3, windowDays: 30 } });
    // Now in 30 days: twiceIn20Days has 3 contacts (two old ones and the one just sent), onceIn20Days 2, fresh 1.
    expect(await sendTo(a, [twiceIn20Days, onceIn20Days, fresh])).toEqual({
      [twiceIn20Days]: "frequency_cap", [onceIn20Days]: "delivered", [fresh]: "delivered",
    });

    const audit = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { action: "campaign.frequency_cap" } }));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: a.owner.userId, before: { maxContacts: 3, windowDays: 7 }, after: { maxContacts: 3, windowDays: 30 } });
  });
});
