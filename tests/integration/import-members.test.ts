// Member import end to end (route → check → run on a real worker): members by member
// no. on customers the tenant already has, tiers by name, rank or the usual zh/en
// names, points as ledger entries (balance = ledger sum), re-import idempotent,
// overwrite adjusting points by an entry for the difference, undo reversing what the
// import posted — and a phone only tenant B has never matches in tenant A.
import { describe, expect, it, vi } from "vitest";
import { sessionModuleMock } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { createMember, createTier } from "@/tests/factories/members";
import { withTenant } from "@/lib/db/tenant";
import { withTestWorker } from "@/tests/support/test-worker";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { importFile, job } = await import("@/tests/fixtures/import/jobs/import-driver");
const { csv, problemsByRow, snapshot, undoImport, wrongEntityMessage } = await import("@/tests/fixtures/import/jobs/record-imports");

withTestWorker();

async function tenantWithCustomers(name: string) {
  const t = await createTenant(name);
  const admin = await addMember(t, "admin");
  const tiers = { basic: await createTier(t, { rank: 1, name: "普通会员" }), silver: await createTier(t, { rank: 2, name: "银卡" }), gold: await createTier(t, { rank: 3, name: "金卡" }) };
  const c1 = await createCustomer(t, { phone: "+8613800138001" });
  const c3 = await createCustomer(t, { phone: "+8613500135005" });
  const c4 = await createCustomer(t, { externalId: "E4" });
  const c5 = await createCustomer(t, { phone: "+8613700137005" });
  const c6 = await createCustomer(t, { phone: "+8613600136006" });
  await createCustomer(t, { phone: "+8613900139002" });
  const m100 = await createMember(t, c5.id, { memberNo: "M100", tierId: tiers.silver.id, opening: 100 });
  await createMember(t, c6.id, { memberNo: "M200", tierId: tiers.basic.id });
  return { t, admin, tiers, c1, c3, c4, m100 };
}

const members = (who: { tenantId: string; userId: string }) => snapshot(who, `
  SELECT m.member_no, t.name AS tier, m.points_balance AS balance, m.status,
    (SELECT COALESCE(sum(l.delta), 0)::int FROM points_ledger l WHERE l.tenant_id = m.tenant_id AND l.member_id = m.id) AS ledger,
    (SELECT count(*)::int FROM points_ledger l WHERE l.tenant_id = m.tenant_id AND l.member_id = m.id) AS entries
  FROM members m LEFT JOIN member_tiers t ON t.tenant_id = m.tenant_id AND t.id = m.tier_id WHERE m.tenant_id = $1::uuid ORDER BY m.member_no`);

const FILE = csv([
  "会员号,手机,客户编号,会员等级,入会日期,积分,状态",
  "M001, 138-0013-8001 ,,Gold,2024/3/5,\"1,200\",正常",
  "M002,13900139002,,银卡会员,2024-04-01,300,",
  "M003,13500135005,,钻石,2024-05-01,10,",
  "M004,13600136666,,,2024-05-01,5,",
  "M005,,E4,V1,2024-06-01,0,frozen",
  "M001,13800138001,,金卡,2024/3/5,1200,正常",
  "M006,13300133333,,金卡,2024-01-01,1,",
  "M007,13800138001,,金卡,2024-01-01,1,",
  "M100,13700137005,,金卡,,150,",
  "M200,13500135005,,,,,",
]);

describe("a member file", () => {
  it("creates members with opening points, says why rows failed, never matches another tenant's customer; a second import changes nothing", async () => {
    const b = await createTenant("MembersB");
    await createCustomer(b, { phone: "+8613300133333" });
    const { admin } = await tenantWithCustomers("MembersA");
    const id = await importFile(admin, FILE, "会员.csv", "members");
    const j = await job(admin, id);
    expect(j).toMatchObject({ status: "succeeded", totalRows: 10, createdCount: 3, updatedCount: 0, skippedCount: 2, failedCount: 5 });
    expect(j!.dryRun).toMatchObject({ created: 3, updated: 0, skipped: 2, failed: 5 });
    expect(j!.report).toMatchObject({ duplicates: 1, unchanged: 1, details: { membersCreated: 3, pointsEntries: 2 } });
    expect(await members(admin)).toEqual([
      { member_no: "M001", tier: "金卡", balance: 1200, status: "active", ledger: 1200, entries: 1 },
      { member_no: "M002", tier: "银卡", balance: 300, status: "active", ledger: 300, entries: 1 },
      { member_no: "M005", tier: "普通会员", balance: 0, status: "frozen", ledger: 0, entries: 0 },
      { member_no: "M100", tier: "银卡", balance: 100, status: "active", ledger: 100, entries: 1 },
      { member_no: "M200", tier: "普通会员", balance: 0, status: "active", ledger: 0, entries: 0 },
    ]);
    expect(await withTenant(admin, (tx) => tx.pointsLedger.count({ where: { importId: id } }))).toBe(2);

    const p = await problemsByRow(admin, id);
    expect(p.line(4)).toEqual(["row 4: 会员等级 '钻石' is not one of your member tiers (普通会员, 银卡, 金卡)"]);
    expect(p.line(5)[0]).toMatch(/^row 5: 手机 '\+?(86)?13600136666' matches no customer; import or create the customer first$/);
    expect(p.line(7)[0]).toMatch(/^row 7: .*duplicate/);
    expect(p.line(8)[0]).toMatch(/^row 8: 手机 '\+?(86)?13300133333' matches no customer/);
    expect(p.line(9)).toEqual(["row 9: 会员号 'M007' is new, but this customer is already member M001"]);
    expect(p.line(11)).toEqual(["row 11: 会员号 'M200' is the member no. of another customer"]);
    expect(p.count).toBe(6);

    const before = await members(admin);
    const again = await job(admin, await importFile(admin, FILE, "again.csv", "members"));
    expect(again).toMatchObject({ createdCount: 0, updatedCount: 0, failedCount: 5 });
    expect(again!.report).toMatchObject({ unchanged: 4 });
    expect(await members(admin)).toEqual(before);
  });

  it("overwrite sets tier and points from the file, the difference as a ledger entry; undo reverses those entries", async () => {
    const { admin } = await tenantWithCustomers("MembersOverwrite");
    await importFile(admin, FILE, "first.csv", "members");
    const ow = await importFile(admin, csv(["会员号,手机,会员等级,积分", "M001,13800138001,银卡,1000", "M100,13700137005,3,150", "M002,13900139002,silver,300"]),
      "ow.csv", "members", { policy: "overwrite" });
    expect(await job(admin, ow)).toMatchObject({ createdCount: 0, updatedCount: 2, skippedCount: 1, failedCount: 0 });
    const after = await members(admin);
    expect(after.filter((m) => ["M001", "M100"].includes(m.member_no as string))).toEqual([
      { member_no: "M001", tier: "银卡", balance: 1000, status: "active", ledger: 1000, entries: 2 },
      { member_no: "M100", tier: "金卡", balance: 150, status: "active", ledger: 150, entries: 2 },
    ]);
    expect(await snapshot(admin, "SELECT delta, balance_after FROM points_ledger WHERE tenant_id = $1::uuid AND import_id IS NOT NULL AND delta IN (-200, 50) ORDER BY delta"))
      .toEqual([{ delta: -200, balance_after: 1000 }, { delta: 50, balance_after: 150 }]);
    expect(await withTenant(admin, (tx) => tx.tierChange.count())).toBe(2);

    const report = await undoImport(admin, ow);
    expect(report.records).toEqual({ removed: 0, kept: 0, pointsReversed: 2, pointsKept: 0 });
    const undone = await members(admin);
    expect(undone.find((m) => m.member_no === "M001")).toMatchObject({ balance: 1200, ledger: 1200 });
    expect(undone.find((m) => m.member_no === "M100")).toMatchObject({ balance: 100, ledger: 100 });
  });

  it("undo removes the members it created, keeps one whose points were spent since, reverses its opening entry on an existing member", async () => {
    const t: TestTenant = await createTenant("MembersUndo");
    const admin = await addMember(t, "admin");
    await createCustomer(t, { phone: "+8613800138011" });
    await createCustomer(t, { phone: "+8613800138012" });
    const c = await createCustomer(t, { phone: "+8613800138013" });
    await createMember(t, c.id, { memberNo: "M9" });
    const id = await importFile(admin, csv(["会员卡号,手机,积分", "N1,13800138011,100", "N2,13800138012,50", "M9,13800138013,40"]), "u.csv", "members");
    expect(await job(admin, id)).toMatchObject({ createdCount: 2, updatedCount: 1 });
    await withTenant(admin, async (tx) => {
      const n2 = await tx.member.findFirstOrThrow({ where: { memberNo: "N2" } });
      await tx.pointsLedger.create({ data: { tenantId: t.tenantId, memberId: n2.id, delta: -10, balanceAfter: 40, reason: "兑换" } });
      await tx.member.update({ where: { tenantId_id: { tenantId: t.tenantId, id: n2.id } }, data: { pointsBalance: 40 } });
    });
    const report = await undoImport(admin, id);
    expect(report.records).toEqual({ removed: 1, kept: 1, pointsReversed: 1, pointsKept: 0 });
    expect(await members(admin)).toEqual([
      { member_no: "M9", tier: null, balance: 0, status: "active", ledger: 0, entries: 2 },
      { member_no: "N2", tier: null, balance: 40, status: "active", ledger: 40, entries: 2 },
    ]);
  });

  it("a customer file uploaded as members is refused, naming the member no. it lacks", async () => {
    const t = await createTenant("MembersWrong");
    const admin = await addMember(t, "admin");
    const message = await wrongEntityMessage(admin, csv(["姓名,手机,城市", "张三,13800138000,上海"]), "members");
    expect(message).toMatch(/会员卡号|Member no\./);
  });
});
