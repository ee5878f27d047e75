// Service-ticket import end to end (route → check → run on a real worker): tickets on
// customers the tenant already has, by ticket no., status / priority / kind from
// zh/en words, an existing ticket filled by policy, a re-import that changes nothing,
// undo removing what it created — and a phone only tenant B has never matches in A.
import { describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { withTestWorker } from "@/tests/support/test-worker";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { importFile, job } = await import("@/tests/fixtures/import/jobs/import-driver");
const { POST: createViaApi } = await import("@/app/api/v1/imports/route");
const { createApiKeyAction } = await import("@/app/(app)/admin/api-keys/actions");
const { openApiDocument } = await import("@/lib/api/openapi");
const { csv, problemsByRow, snapshot, undoImport, wrongEntityMessage } = await import("@/tests/fixtures/import/jobs/record-imports");

withTestWorker();

const FILE = csv([
  "工单号,手机,邮箱,主题,描述,状态,优先级,创建时间,关闭时间,分类,工单类型",
  "T-1,13800138001,,退货问题,鞋码不对,已解决,高,2024/3/5 10:00,2024/3/6 12:00,售后,投诉",
  "T-2,, A@B.com ,咨询尺码,,处理中,Normal,2024-03-07,,咨询,",
  "T-3,13300133333,,别人的,,open,,2024-03-07,,,",
  "T-4,13800138001,,关错了,,closed,,2024-03-08,2024-03-01,,",
  "T-OLD,13800138001,,旧工单改名,补充描述,,urgent,,,,",
  "T-5,13800138001,,,,,,,,,",
  "T-1,13800138001,,退货问题,鞋码不对,已解决,高,2024/3/5 10:00,2024/3/6 12:00,售后,投诉",
]);

const tickets = (who: { tenantId: string; userId: string }) => snapshot(who, `
  SELECT id, ticket_no, customer_id, kind, status, priority, category, subject, body, opened_at, closed_at, import_id FROM service_tickets
  WHERE tenant_id = $1::uuid ORDER BY ticket_no`);

async function tenant(name: string) {
  const t = await createTenant(name);
  const admin = await addMember(t, "admin");
  const c1 = await createCustomer(t, { phone: "+8613800138001" });
  const c2 = await createCustomer(t, { email: "a@b.com" });
  await withTenant(t.owner, (tx) => tx.serviceTicket.create({
    data: { tenantId: t.tenantId, customerId: c1.id, ticketNo: "T-OLD", kind: "consultation", subject: "旧工单", openedAt: new Date("2024-01-02T00:00:00Z") },
  }));
  return { t, admin, c1, c2 };
}

describe("a service-ticket file", () => {
  it("creates tickets, fills an existing one, says why rows failed, never matches another tenant; a second import changes nothing; undo removes them", async () => {
    const b = await createTenant("TicketsB");
    await createCustomer(b, { phone: "+8613300133333" });
    const { admin, c1, c2 } = await tenant("TicketsA");

    const id = await importFile(admin, FILE, "工单.csv", "serviceTickets");
    const j = await job(admin, id);
    expect(j).toMatchObject({ status: "succeeded", totalRows: 7, createdCount: 3, updatedCount: 1, skippedCount: 1, failedCount: 2 });
    expect(j!.dryRun).toMatchObject({ created: 3, updated: 1, skipped: 1, failed: 2 });
    const rows = await tickets(admin);
    expect(rows.map((r) => [r.ticket_no, r.customer_id, r.kind, r.status, r.priority, r.category, r.subject, r.body, r.closed_at !== null, r.import_id === id])).toEqual([
      ["T-1", c1.id, "complaint", "closed", "high", "售后", "退货问题", "鞋码不对", true, true],
      ["T-2", c2.id, "consultation", "open", "normal", "咨询", "咨询尺码", null, false, true],
      ["T-4", c1.id, "consultation", "closed", null, null, "关错了", null, true, true],
      ["T-OLD", c1.id, "consultation", "open", "urgent", null, "旧工单", "补充描述", false, false],
    ]);

    const p = await problemsByRow(admin, id);
    expect(p.line(4)[0]).toMatch(/^row 4: 手机 '\+?(86)?13300133333' matches no customer/);
    expect(p.line(5)).toEqual(["row 5: 关闭时间 '2024-03-01' is earlier than Opened at"]);
    expect(p.line(7)).toEqual(["row 7: 主题 is required"]);
    expect(p.line(8)[0]).toMatch(/^row 8: .*duplicate/);
    expect(p.count).toBe(4);
    expect(j!.report).toMatchObject({ warnings: 1 });

    const again = await job(admin, await importFile(admin, FILE, "again.csv", "serviceTickets"));
    expect(again).toMatchObject({ createdCount: 0, updatedCount: 0, failedCount: 2 });
    expect(again!.report).toMatchObject({ unchanged: 4 });
    expect(await tickets(admin)).toEqual(rows);

    const report = await undoImport(admin, id);
    expect(report.records).toEqual({ removed: 3, kept: 0, pointsReversed: 0, pointsKept: 0 });
    expect((await tickets(admin)).map((r) => r.ticket_no)).toEqual(["T-OLD"]);
  });

  it("overwrite replaces an existing ticket's values with the file's non-empty ones; skip leaves it", async () => {
    const o = await tenant("TicketsOverwrite");
    expect(await job(o.admin, await importFile(o.admin, FILE, "o.csv", "serviceTickets", { policy: "overwrite" })))
      .toMatchObject({ createdCount: 3, updatedCount: 1 });
    expect((await tickets(o.admin)).find((r) => r.ticket_no === "T-OLD")).toMatchObject({ subject: "旧工单改名", priority: "urgent", body: "补充描述" });

    const s = await tenant("TicketsSkip");
    const sj = await job(s.admin, await importFile(s.admin, FILE, "s.csv", "serviceTickets", { policy: "skip" }));
    expect(sj).toMatchObject({ createdCount: 3, updatedCount: 0 });
    expect(sj!.report).toMatchObject({ existingSkipped: 1 });
    expect((await tickets(s.admin)).find((r) => r.ticket_no === "T-OLD")).toMatchObject({ subject: "旧工单", priority: null, body: null });
  });

  it("runs through the REST API with a key, and the OpenAPI description offers every new entity", async () => {
    const { t, admin } = await tenant("TicketsApi");
    signInAs(t.owner);
    const k = await createApiKeyAction({ name: "helpdesk", roleId: t.roleIds.admin });
    if (!k.ok) throw new Error("no key");
    const res = await createViaApi(new Request("http://localhost/api/v1/imports?entity=serviceTickets&name=t.csv", {
      method: "POST", body: "工单号,手机,主题\nAPI-1,13800138001,接口来的\n", headers: { authorization: `Bearer ${k.data.token}` },
    }), { params: Promise.resolve({}) });
    expect(res.status).toBeLessThan(300);
    const { id } = await res.json();
    for (let i = 0; i < 600 && (await job(admin, id))!.status !== "succeeded"; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await job(admin, id)).toMatchObject({ status: "succeeded", createdCount: 1 });
    expect((await tickets(admin)).map((r) => r.ticket_no)).toEqual(["API-1", "T-OLD"]);
    const doc = openApiDocument() as unknown as { info: { description: string }; paths: Record<string, { post?: { parameters: { name: string; schema: { enum?: string[] } }[] } }> };
    const entityEnum = doc.paths["/api/v1/imports"]!.post!.parameters.find((p) => p.name === "entity")!.schema.enum;
    expect(entityEnum).toEqual(expect.arrayContaining(["members", "interactions", "serviceTickets"]));
    expect(doc.info.description).toMatch(/database side today: .*members, interactions, serviceTickets/);
  });

  it("an order file uploaded as service tickets is refused, naming what it lacks", async () => {
    const t = await createTenant("TicketsWrong");
    const admin = await addMember(t, "admin");
    const message = await wrongEntityMessage(admin, csv(["订单号,下单时间,手机,订单金额", "O1,2024-01-01,13800138000,10"]), "serviceTickets");
    expect(message).toMatch(/主题|Subject/);
  });
});
