// Provider delivery receipts (issue 7, point 2), through the real route handler.
// Messages are sent by the real send path with the HTTP adapter pointed at a local
// fake provider, so each carries the provider message id the adapter recorded; then
// signed receipts move them to delivered/failed. The test tries to break it: a wrong
// or missing signature, an unknown tenant, another tenant's message id, another
// channel, a replay, malformed bodies, a rotated-away secret, a forged rotation.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { createApprovedCampaign } from "@/tests/factories/campaigns";
import { withTenant } from "@/lib/db/tenant";
import { runBatchStep } from "@/lib/campaigns/execution/send";
import { loadExecution } from "@/lib/campaigns/execution/queries";
import { signBody } from "@/lib/campaigns/delivery/secret";
import { loadAuthContext } from "@/lib/auth/context";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { POST } = await import("@/app/api/v1/delivery/[channel]/route");
const { rotateDeliverySecretAction } = await import("@/app/(app)/campaigns/actions");

let a: TestTenant;
let b: TestTenant;
let provider: Server;
let providerCalls = 0;
const secrets = { a: "", b: "" };
let campaignA = "";
let batchA = "";
let messageIdsA: string[] = [];
let messageIdB = "";

async function rotate(t: TestTenant): Promise<string> {
  signInAs({ userId: t.owner.userId, tenantId: t.tenantId });
  const r = await rotateDeliverySecretAction(new FormData());
  if (!r.ok) throw new Error(r.message);
  return r.data.secret;
}

function receipt(opts: { tenantId: string; body: string; secret?: string; signature?: string | null; channel?: string }) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signature = opts.signature === undefined ? signBody(opts.secret ?? "", opts.body) : opts.signature;
  if (signature !== null) headers["x-crm-signature"] = signature;
  const channel = opts.channel ?? "sms";
  const req = new Request(`http://localhost/api/v1/delivery/${channel}?tenant=${opts.tenantId}`, { method: "POST", headers, body: opts.body });
  return POST(req, { params: Promise.resolve({ channel }) });
}

const messagesOf = (t: TestTenant, campaignId: string) =>
  withTenant(t.owner, (tx) => tx.outboundMessage.findMany({ where: { campaignId }, orderBy: { providerMessageId: "asc" } }));
const batchOf = (t: TestTenant, id: string) => withTenant(t.owner, (tx) => tx.campaignBatch.findFirst({ where: { id } }));
const eventCount = (t: TestTenant) => withTenant(t.owner, (tx) => tx.outboundMessageEvent.count());

async function sendCampaign(t: TestTenant, phones: string[]): Promise<{ campaignId: string; batchId: string }> {
  const customers = await Promise.all(phones.map((phone, i) => createCustomer(t, { name: `收件人${i}`, phone })));
  const { id } = await createApprovedCampaign(t, { channels: ["sms"], status: "running", targets: customers.map((c) => ({ customerId: c.id, arm: "treatment" as const })) });
  const batch = await withTenant(t.owner, (tx) => tx.campaignBatch.create({ data: { tenantId: t.tenantId, campaignId: id, channel: "sms", scheduledAt: new Date() } }));
  const result = await runBatchStep(t.tenantId, batch.id);
  expect(result).toMatchObject({ state: "done", sent: phones.length });
  return { campaignId: id, batchId: batch.id };
}

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `{${(process.env.TEST_QUEUE_PREFIX ?? "{crmtest}").replace(/[{}]/g, "")}-${randomUUID().slice(0, 8)}}`;
  provider = createServer((req, res) => {
    providerCalls += 1;
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ id: `prov-${providerCalls}-${randomUUID().slice(0, 6)}` }));
    });
  });
  await new Promise<void>((r) => provider.listen(0, "127.0.0.1", r));
  process.env.CAMPAIGN_SMS_URL = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/send`;
  process.env.CAMPAIGN_SMS_TOKEN = "test-token";
  [a, b] = await Promise.all([createTenant("DeliveryA"), createTenant("DeliveryB")]);
  secrets.a = await rotate(a);
  secrets.b = await rotate(b);
  ({ campaignId: campaignA, batchId: batchA } = await sendCampaign(a, ["+8613800138001", "+8613800138002", "+8613800138003"]));
  messageIdsA = (await messagesOf(a, campaignA)).map((m) => m.providerMessageId!);
  const sentB = await sendCampaign(b, ["+8613900139001"]);
  messageIdB = (await messagesOf(b, sentB.campaignId))[0]!.providerMessageId!;
});

afterAll(async () => {
  delete process.env.CAMPAIGN_SMS_URL;
  delete process.env.CAMPAIGN_SMS_TOKEN;
  await new Promise((r) => provider?.close(r));
});

describe("delivery receipts", () => {
  it("the HTTP adapter recorded the provider's message ids, and the sends start as 'sent'", async () => {
    const msgs = await messagesOf(a, campaignA);
    expect(msgs).toHaveLength(3);
    expect(msgs.every((m) => m.status === "sent" && m.provider === "http-sms" && m.providerMessageId?.startsWith("prov-"))).toBe(true);
    expect(await batchOf(a, batchA)).toMatchObject({ sentCount: 3, failedCount: 0 });
  });

  it("refuses a wrong signature, a missing one, an unknown tenant and a tenant's receipt signed with another tenant's secret (401), changing nothing", async () => {
    const body = JSON.stringify({ messageId: messageIdsA[0], status: "delivered" });
    const events = await eventCount(a);
    const attempts = [
      await receipt({ tenantId: a.tenantId, body, secret: "whsec_wrong" }),
      await receipt({ tenantId: a.tenantId, body, signature: null }),
      await receipt({ tenantId: a.tenantId, body, signature: "sha256=" + "0".repeat(64) }),
      await receipt({ tenantId: a.tenantId, body, secret: secrets.b }),
      await receipt({ tenantId: randomUUID(), body, secret: secrets.a }),
      await receipt({ tenantId: "not-a-tenant", body, secret: secrets.a }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect((await res.json()).error.message).toBe("The receipt's signature is missing or wrong.");
    }
    // A signature over a different body (the body was changed in transit).
    const tampered = await receipt({ tenantId: a.tenantId, body: body.replace("delivered", "failed"), signature: signBody(secrets.a, body) });
    expect(tampered.status).toBe(401);
    expect((await messagesOf(a, campaignA)).every((m) => m.status === "sent")).toBe(true);
    expect(await eventCount(a)).toBe(events);
  });

  it("answers a malformed body with 400 and a message naming the problem", async () => {
    const cases: [string, RegExp][] = [
      ["{not json", /not valid JSON/],
      [JSON.stringify({ messageId: messageIdsA[0], status: "read" }), /malformed at “status”/],
      [JSON.stringify({ status: "delivered" }), /malformed at “messageId”/],
      [JSON.stringify({ receipts: [] }), /malformed at “receipts”/],
      [JSON.stringify({ receipts: [{ messageId: messageIdsA[0], status: "delivered", occurredAt: "yesterday" }] }), /malformed at “receipts\.0\.occurredAt”/],
    ];
    for (const [body, message] of cases) {
      const res = await receipt({ tenantId: a.tenantId, body, secret: secrets.a });
      expect(res.status).toBe(400);
      const json = await res.json();
      expect(json.error.code).toBe("validation");
      expect(json.error.message).toMatch(message);
    }
    const unknownChannel = await receipt({ tenantId: a.tenantId, body: "{}", secret: secrets.a, channel: "fax" });
    expect(unknownChannel.status).toBe(404);
    expect((await messagesOf(a, campaignA)).every((m) => m.status === "sent")).toBe(true);
  });

  it("a delivered receipt marks the send delivered and the monitoring counts show it; a replay changes nothing", async () => {
    const body = JSON.stringify({ messageId: messageIdsA[0], status: "delivered", occurredAt: "2026-11-25T10:00:00+08:00" });
    const first = await receipt({ tenantId: a.tenantId, body, secret: secrets.a });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 1, applied: 1, duplicates: 0, unknown: 0 });
    const events = await eventCount(a);
    const replay = await Promise.all([1, 2, 3].map(() => receipt({ tenantId: a.tenantId, body, secret: secrets.a })));
    for (const res of replay) expect(await res.json()).toEqual({ received: 1, applied: 0, duplicates: 1, unknown: 0 });
    expect(await eventCount(a)).toBe(events);
    const msg = (await messagesOf(a, campaignA)).find((m) => m.providerMessageId === messageIdsA[0])!;
    expect(msg.status).toBe("delivered");
    expect(msg.deliveredAt?.toISOString()).toBe("2026-11-25T02:00:00.000Z");
    const ctx = await loadAuthContext({ userId: a.owner.userId, tenantId: a.tenantId });
    const view = await loadExecution(ctx!, campaignA);
    expect(view!.progress).toMatchObject({ sent: 2, delivered: 1, failed: 0 });
  });

  it("a failed receipt (in a batch of receipts) records the reason and moves the batch's counts; a later 'delivered' for it changes nothing", async () => {
    const body = JSON.stringify({ receipts: [
      { messageId: messageIdsA[1], status: "failed", reason: "空号 (number does not exist)" },
      { messageId: messageIdsA[1], status: "delivered" },
      { messageId: "no-such-message", status: "delivered" },
    ] });
    const res = await receipt({ tenantId: a.tenantId, body, secret: secrets.a });
    expect(await res.json()).toEqual({ received: 3, applied: 1, duplicates: 1, unknown: 1 });
    const msg = (await messagesOf(a, campaignA)).find((m) => m.providerMessageId === messageIdsA[1])!;
    expect(msg).toMatchObject({ status: "failed", error: "空号 (number does not exist)" });
    expect(await batchOf(a, batchA)).toMatchObject({ sentCount: 2, failedCount: 1 });
  });

  it("another tenant's message id, or the right id on another channel, changes nothing anywhere", async () => {
    const before = await messagesOf(b, (await withTenant(b.owner, (tx) => tx.outboundMessage.findFirst()))!.campaignId!);
    const res = await receipt({ tenantId: a.tenantId, body: JSON.stringify({ messageId: messageIdB, status: "failed", reason: "x" }), secret: secrets.a });
    expect(await res.json()).toEqual({ received: 1, applied: 0, duplicates: 0, unknown: 1 });
    const after = await messagesOf(b, before[0]!.campaignId!);
    expect(after.map((m) => [m.status, m.error])).toEqual(before.map((m) => [m.status, m.error]));
    const wrongChannel = await receipt({ tenantId: a.tenantId, channel: "email", body: JSON.stringify({ messageId: messageIdsA[2], status: "delivered" }), secret: secrets.a });
    expect(await wrongChannel.json()).toMatchObject({ applied: 0, unknown: 1 });
    expect((await messagesOf(a, campaignA)).find((m) => m.providerMessageId === messageIdsA[2])!.status).toBe("sent");
  });

  it("only tenant:manage may rotate the secret (a forged post is refused); after rotation the old secret is refused", async () => {
    const planner = await addMember(a, "marketing_planner");
    signInAs({ userId: planner.userId, tenantId: a.tenantId });
    const forged = await rotateDeliverySecretAction(new FormData());
    expect(forged).toMatchObject({ ok: false, code: "forbidden" });
    const stored = await withTenant(a.owner, (tx) => tx.deliveryWebhookSecret.findFirst());
    expect(stored!.secretCiphertext).not.toContain(secrets.a.slice(6));
    expect(secrets.a.startsWith(stored!.prefix)).toBe(true);

    const old = secrets.a;
    secrets.a = await rotate(a);
    const body = JSON.stringify({ messageId: messageIdsA[2], status: "delivered" });
    expect((await receipt({ tenantId: a.tenantId, body, secret: old })).status).toBe(401);
    const ok = await receipt({ tenantId: a.tenantId, body, secret: secrets.a });
    expect(await ok.json()).toMatchObject({ applied: 1 });
    const audit = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { action: { startsWith: "campaign.delivery_secret" } }, orderBy: { createdAt: "asc" } }));
    expect(audit.map((x) => x.action)).toEqual(["campaign.delivery_secret.create", "campaign.delivery_secret.rotate"]);
    expect(JSON.stringify(audit)).not.toContain(secrets.a);
  });
});
