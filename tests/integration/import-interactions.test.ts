// Interaction import end to end (route → check → run on a real worker): interactions
// on customers the tenant already has, channels from zh/en words, found again by
// external id or by customer + channel + time + type so a re-import changes nothing,
// undo removing what it created — and a phone only tenant B has never matches in A.
import { describe, expect, it, vi } from "vitest";
import { sessionModuleMock } from "@/tests/support/session";
import { addMember, createTenant } from "@/tests/factories/tenants";
import { addInteraction, createCustomer } from "@/tests/factories/customers";
import { withTestWorker } from "@/tests/support/test-worker";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { importFile, job } = await import("@/tests/fixtures/import/jobs/import-driver");
const { csv, problemsByRow, snapshot, undoImport, wrongEntityMessage } = await import("@/tests/fixtures/import/jobs/record-imports");

withTestWorker();

const FILE = csv([
  "互动编号,手机,客户编号,渠道,互动类型,时间,内容,积分",
  "I-1,13800138001,,微信,咨询,2024/3/5 10:00,问尺码,5",
  ",138 0013 8001,,电话,回访,2024-03-06 09:30,满意,",
  ",13800138001,,Phone,回访,2024-03-06 09:30,重复,",
  ",,E2,门店,到店,2024-03-07,,",
  "I-5,13300133333,,短信,通知,2024-03-08,,",
  "I-6,13800138001,,传真,通知,2024-03-08,,",
  "I-1,13800138001,,微信,咨询,2024/3/5 10:00,问尺码,5",
  ",13800138001,,SMS,,2024-03-08,,",
]);

const interactions = (who: { tenantId: string; userId: string }) => snapshot(who, `
  SELECT id, external_id, customer_id, channel, type, occurred_at, note, points_earned, import_id FROM interactions
  WHERE tenant_id = $1::uuid ORDER BY occurred_at, id`);

describe("an interaction file", () => {
  it("creates interactions, normalizes channels, says why rows failed, never matches another tenant; a second import changes nothing; undo removes them", async () => {
    const b = await createTenant("InteractionsB");
    await createCustomer(b, { phone: "+8613300133333" });
    const t = await createTenant("InteractionsA");
    const admin = await addMember(t, "admin");
    const c1 = await createCustomer(t, { phone: "+8613800138001" });
    const c2 = await createCustomer(t, { externalId: "E2" });
    await addInteraction(t, c1.id, { channel: "sms", type: "通知", occurredAt: new Date("2024-01-01T00:00:00Z"), note: "早先的" });

    const id = await importFile(admin, FILE, "互动.csv", "interactions");
    const j = await job(admin, id);
    expect(j).toMatchObject({ status: "succeeded", totalRows: 8, createdCount: 3, updatedCount: 0, skippedCount: 2, failedCount: 3 });
    expect(j!.dryRun).toMatchObject({ created: 3, skipped: 2, failed: 3 });
    expect(j!.report).toMatchObject({ duplicates: 1, unchanged: 1 });
    const rows = await interactions(admin);
    expect(rows.map((r) => [r.external_id, r.customer_id, r.channel, r.type, r.note, r.points_earned, r.import_id === id])).toEqual([
      [null, c1.id, "sms", "通知", "早先的", 0, false],
      ["I-1", c1.id, "wechat", "咨询", "问尺码", 5, true],
      [null, c1.id, "call", "回访", "满意", 0, true],
      [null, c2.id, "visit", "到店", null, 0, true],
    ]);

    const p = await problemsByRow(admin, id);
    expect(p.line(4)).toEqual(["row 4: same customer, channel, time and type as row 3: skipped as a duplicate"]);
    expect(p.line(6)[0]).toMatch(/^row 6: 手机 '\+?(86)?13300133333' matches no customer/);
    expect(p.line(7)[0]).toMatch(/^row 7: 渠道 '传真'/);
    expect(p.line(8)[0]).toMatch(/^row 8: .*duplicate/);
    expect(p.line(9)).toEqual(["row 9: 互动类型 is required"]);

    const again = await job(admin, await importFile(admin, FILE, "again.csv", "interactions"));
    expect(again).toMatchObject({ createdCount: 0, updatedCount: 0, failedCount: 3 });
    expect(again!.report).toMatchObject({ unchanged: 4 });
    expect(await interactions(admin)).toEqual(rows);

    // The same interaction given an id later: it takes the id instead of becoming a second one.
    const withId = await importFile(admin, csv(["互动编号,手机,渠道,互动类型,时间", "I-2,13800138001,call,回访,2024-03-06 09:30"]), "id.csv", "interactions");
    expect(await job(admin, withId)).toMatchObject({ createdCount: 0, updatedCount: 1 });
    expect((await interactions(admin)).map((r) => r.external_id)).toEqual([null, "I-1", "I-2", null]);

    const report = await undoImport(admin, id);
    expect(report.records).toEqual({ removed: 3, kept: 0, pointsReversed: 0, pointsKept: 0 });
    expect((await interactions(admin)).map((r) => r.note)).toEqual(["早先的"]);
  });

  it("a member file uploaded as interactions is refused, naming what it lacks", async () => {
    const t = await createTenant("InteractionsWrong");
    const admin = await addMember(t, "admin");
    const message = await wrongEntityMessage(admin, csv(["会员卡号,手机,积分", "M1,13800138000,10"]), "interactions");
    expect(message).toMatch(/互动渠道|互动类型|互动时间|Channel|Type|Occurred at/);
  });
});
