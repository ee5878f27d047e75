// The WeChat template message and in-store channels (issue 7, point 3), through the
// real launch action and send path. WeChat goes to the customer's openid (their
// 'wechat' channel identity); a customer without one is skipped as 'no_openid', an
// opted-out one as 'opt_out'. The real WeChat adapter is tried against a local fake
// of the template-message API. "In store" sends nothing: the customers become a
// per-home-store list (CSV), neither capped nor counted as a contact.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addIdentity, createCustomer, createStore } from "@/tests/factories/customers";
import { createApprovedCampaign, optOut, setFrequencyCap } from "@/tests/factories/campaigns";
import { withTenant } from "@/lib/db/tenant";
import { runBatchStep } from "@/lib/campaigns/execution/send";
import { adapterFor } from "@/lib/campaigns/execution/adapters";
import { closeQueues } from "@/lib/jobs/queues";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { launchCampaignAction } = await import("@/app/(app)/campaigns/[id]/execution/actions");
const { GET: storeListCsv } = await import("@/app/(app)/campaigns/[id]/execution/store-list/route");

let a: TestTenant;
let b: TestTenant;
let wechatApi: Server;
const wechatRequests: { touser: string; template_id: string; data: { content: { value: string } } }[] = [];

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}
const messagesOf = (campaignId: string) => withTenant(a.owner, (tx) => tx.outboundMessage.findMany({ where: { campaignId } }));
const byCustomer = (msgs: { customerId: string; status: string; skipReason: string | null }[]) =>
  Object.fromEntries(msgs.map((m) => [m.customerId, m.status === "skipped" ? m.skipReason : m.status]));

/** Launches through the action (one batch per channel), then runs each batch as the worker would. */
async function launchAndSend(campaignId: string, template: string) {
  signInAs({ userId: a.owner.userId, tenantId: a.tenantId });
  const r = await launchCampaignAction(form({ campaignId, messageTemplate: template }));
  expect(r.ok).toBe(true);
  const batches = await withTenant(a.owner, (tx) => tx.campaignBatch.findMany({ where: { campaignId } }));
  for (const batch of batches) await runBatchStep(a.tenantId, batch.id);
  return batches;
}

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `{${(process.env.TEST_QUEUE_PREFIX ?? "{crmtest}").replace(/[{}]/g, "")}-${randomUUID().slice(0, 8)}}`;
  [a, b] = await Promise.all([createTenant("ChannelsA"), createTenant("ChannelsB")]);
  wechatApi = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => { raw += c; });
    req.on("end", () => {
      const body = JSON.parse(raw);
      wechatRequests.push(body);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(body.touser === "o-blocked" ? { errcode: 43004, errmsg: "require subscribe" } : { errcode: 0, errmsg: "ok", msgid: 200228332 + wechatRequests.length }));
    });
  });
  await new Promise<void>((r) => wechatApi.listen(0, "127.0.0.1", r));
});

afterAll(async () => {
  await new Promise((r) => wechatApi?.close(r));
  await closeQueues();
});

describe("WeChat template messages", () => {
  it("go to each treatment customer's openid; no openid and opted out are skipped with the reason", async () => {
    const withOpenid = (await createCustomer(a, { name: "微信用户", phone: null })).id;
    const noOpenid = (await createCustomer(a, { name: "无微信", phone: "+8613800138201" })).id;
    const optedOut = (await createCustomer(a, { name: "微信退订" })).id;
    const optedOutSmsOnly = (await createCustomer(a, { name: "短信退订" })).id;
    await addIdentity(a, withOpenid, "wechat", "oWX-openid-0001");
    await addIdentity(a, optedOut, "wechat", "oWX-openid-0002");
    await addIdentity(a, optedOutSmsOnly, "wechat", "oWX-openid-0003");
    await addIdentity(a, noOpenid, "tmall", "tmall-nick");
    await optOut(a, optedOut, "all");
    await optOut(a, optedOutSmsOnly, "sms");
    const { id } = await createApprovedCampaign(a, { name: "会员日", channels: ["wechat"], targets: [withOpenid, noOpenid, optedOut, optedOutSmsOnly].map((customerId) => ({ customerId, arm: "treatment" as const })) });
    const [batch] = await launchAndSend(id, "{name}，{campaign}会员日福利已发放");
    expect(batch!.channel).toBe("wechat");
    const msgs = await messagesOf(id);
    expect(byCustomer(msgs)).toEqual({ [withOpenid]: "delivered", [noOpenid]: "no_openid", [optedOut]: "opt_out", [optedOutSmsOnly]: "delivered" });
    const sent = msgs.find((m) => m.customerId === withOpenid)!;
    expect(sent).toMatchObject({ toAddress: "oWX-openid-0001", channel: "wechat", body: "微信用户，会员日会员日福利已发放" });
    const after = await withTenant(a.owner, (tx) => tx.campaignBatch.findFirst({ where: { id: batch!.id } }));
    expect(after).toMatchObject({ sentCount: 2, skippedOptOut: 1, skippedNoAddress: 1 });
  });

  it("the WeChat adapter posts a template message to the openid and records WeChat's msgid; an errcode is a failure with its reason", async () => {
    const env = { CAMPAIGN_WECHAT_URL: `http://127.0.0.1:${(wechatApi.address() as AddressInfo).port}/cgi-bin/message/template/send?access_token=t`, CAMPAIGN_WECHAT_TEMPLATE_ID: "TPL-1" };
    const adapter = adapterFor("wechat", env);
    expect(adapter.name).toBe("wechat-template");
    expect(adapterFor("wechat", {}).name).toBe("dev");
    const base = { tenantId: a.tenantId, messageId: randomUUID(), idempotencyKey: "k1", channel: "wechat" as const, body: "双十一福利" };
    const ok = await adapter.send({ ...base, to: "oWX-openid-0001" });
    expect(ok).toEqual({ status: "sent", providerMessageId: String(200228332 + wechatRequests.length) });
    expect(wechatRequests.at(-1)).toEqual({ touser: "oWX-openid-0001", template_id: "TPL-1", data: { content: { value: "双十一福利" } } });
    const blocked = await adapter.send({ ...base, to: "o-blocked" });
    expect(blocked).toEqual({ status: "failed", error: "wechat errcode 43004: require subscribe" });
  });
});

describe("in store", () => {
  it("lists the customers per home store, sends nothing, and neither obeys nor uses up the frequency cap", async () => {
    const s1 = await createStore(a, "南京西路店");
    const s2 = await createStore(a, "徐家汇店");
    const c1 = (await createCustomer(a, { name: "甲", phone: "+8613800138301", homeStoreId: s1.id })).id;
    const c2 = (await createCustomer(a, { name: "乙", phone: "+8613800138302", homeStoreId: s1.id })).id;
    const c3 = (await createCustomer(a, { name: "丙", phone: "+8613800138303", homeStoreId: s2.id })).id;
    const noStore = (await createCustomer(a, { name: "丁", phone: "+8613800138304" })).id;
    const control = (await createCustomer(a, { name: "对照", homeStoreId: s1.id })).id;
    await setFrequencyCap(a, 1, 30);
    const { id } = await createApprovedCampaign(a, { name: "到店礼", channels: ["store"], targets: [
      ...[c1, c2, c3, noStore].map((customerId) => ({ customerId, arm: "treatment" as const })), { customerId: control, arm: "control" as const }] });
    await launchAndSend(id, "到店领取{campaign}");
    const msgs = await messagesOf(id);
    expect(byCustomer(msgs)).toEqual({ [c1]: "sent", [c2]: "sent", [c3]: "sent", [noStore]: "no_home_store" });
    expect(msgs.filter((m) => m.status === "sent").every((m) => m.provider === "in-store")).toBe(true);
    const targets = await withTenant(a.owner, (tx) => tx.campaignTarget.findMany({ where: { campaignId: id } }));
    expect(targets.every((t) => t.contactedAt === null)).toBe(true);

    // An SMS right after: the in-store line did not use up the cap of 1 in 30 days.
    const sms = await createApprovedCampaign(a, { channels: ["sms"], targets: [c1].map((customerId) => ({ customerId, arm: "treatment" as const })) });
    await launchAndSend(sms.id, "短信");
    expect(byCustomer(await messagesOf(sms.id))).toEqual({ [c1]: "delivered" });
    // …and a second in-store list still lists c1, now over the cap.
    const again = await createApprovedCampaign(a, { channels: ["store"], targets: [{ customerId: c1, arm: "treatment" }] });
    await launchAndSend(again.id, "");
    expect(byCustomer(await messagesOf(again.id))).toEqual({ [c1]: "sent" });

    const url = (store?: string) => `http://localhost/campaigns/${id}/execution/store-list${store ? `?store=${store}` : ""}`;
    const all = await storeListCsv(new Request(url()), { params: Promise.resolve({ id }) });
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toContain("text/csv");
    const text = await all.text();
    const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Store code,Store,Customer,Phone,Offer");
    expect(lines.slice(1).map((l) => l.split(",")[2]).sort()).toEqual(["乙", "丙", "甲"].sort());
    expect(text).not.toContain("丁");
    expect(text).not.toContain("对照");
    const one = await (await storeListCsv(new Request(url(s2.id)), { params: Promise.resolve({ id }) })).text();
    expect(one.trim().split("\r\n")).toHaveLength(2);
    expect(one).toContain(`${s2.code},徐家汇店,丙,`);
    expect(one).toContain("到店领取到店礼");

    signInAs({ userId: b.owner.userId, tenantId: b.tenantId });
    const other = await storeListCsv(new Request(url()), { params: Promise.resolve({ id }) });
    expect(other.status).toBe(404);
  });
});
