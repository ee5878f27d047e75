// Points through the real server action and real Postgres: earn and consume with a
// reason (member:manage), audited; a consumption beyond the balance is refused with
// both numbers; and 50 concurrent posts on one member leave a ledger whose running
// balance is exact, never negative, and equal to the member's stored balance.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { createCustomer } from "@/tests/factories/customers";
import { createMember } from "@/tests/factories/members";
import { withTenant } from "@/lib/db/tenant";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { adjustPointsAction } = await import("@/app/(app)/members/actions");

let a: TestTenant;
let b: TestTenant;
let manager: { tenantId: string; userId: string };
let sales: { tenantId: string; userId: string };

function form(fields: Record<string, string | number>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, String(v));
  return f;
}

const ledgerOf = (memberId: string) => withTenant(a.owner, (tx) =>
  tx.pointsLedger.findMany({ where: { memberId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }));
const storedBalance = async (memberId: string) => (await withTenant(a.owner, (tx) =>
  tx.member.findFirstOrThrow({ where: { id: memberId }, select: { pointsBalance: true } }))).pointsBalance;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("PointsA"), createTenant("PointsB")]);
  // The owner holds member:manage over everything; sales staff have member:read only.
  manager = a.owner;
  sales = await addMember(a, "sales_staff");
});

describe("earn and consume", () => {
  it("earns and consumes with a reason; each post is audited with the balance after", async () => {
    const customer = await createCustomer(a, { name: "积分客户" });
    const member = await createMember(a, customer.id, { opening: 100 });
    signInAs(manager);
    expect(await adjustPointsAction(form({ memberId: member.id, direction: "earn", points: 50, reason: "生日赠送" })))
      .toMatchObject({ ok: true, data: { delta: 50, balanceAfter: 150 } });
    expect(await adjustPointsAction(form({ memberId: member.id, direction: "consume", points: 120, reason: "兑换手机壳" })))
      .toMatchObject({ ok: true, data: { delta: -120, balanceAfter: 30 } });
    const ledger = await ledgerOf(member.id);
    expect(ledger.map((l) => [l.delta, l.balanceAfter, l.reason])).toEqual([[100, 100, "adjustment"], [50, 150, "生日赠送"], [-120, 30, "兑换手机壳"]]);
    expect(await storedBalance(member.id)).toBe(30);
    const audits = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { entityId: member.id }, orderBy: { createdAt: "asc" } }));
    expect(audits.map((x) => x.action)).toEqual(["points.earn", "points.consume"]);
    expect(audits[1]!.after).toMatchObject({ delta: -120, balanceAfter: 30, reason: "兑换手机壳" });
    expect(audits[1]!.actorUserId).toBe(manager.userId);
  });

  it("refuses consuming more than the balance, saying both numbers, and posts nothing", async () => {
    const customer = await createCustomer(a);
    const member = await createMember(a, customer.id, { opening: 40 });
    signInAs(manager);
    const r = await adjustPointsAction(form({ memberId: member.id, direction: "consume", points: 41, reason: "兑换" }));
    expect(r).toMatchObject({ ok: false, code: "validation", fieldErrors: { points: "More than the balance." } });
    expect((r as { message: string }).message).toBe("Cannot consume 41 points: the balance is only 40.");
    expect((await ledgerOf(member.id)).length).toBe(1);
    expect(await storedBalance(member.id)).toBe(40);
  });

  it("validates the amount, the direction and the reason", async () => {
    const customer = await createCustomer(a);
    const member = await createMember(a, customer.id);
    signInAs(manager);
    for (const [fields, field] of [
      [{ direction: "earn", points: 0, reason: "x" }, "points"],
      [{ direction: "earn", points: 1.5, reason: "x" }, "points"],
      [{ direction: "earn", points: "abc", reason: "x" }, "points"],
      [{ direction: "earn", points: 2_000_000, reason: "x" }, "points"],
      [{ direction: "steal", points: 5, reason: "x" }, "direction"],
      [{ direction: "earn", points: 5, reason: "   " }, "reason"],
      [{ direction: "earn", points: 5, reason: "x".repeat(201) }, "reason"],
    ] as const) {
      const r = await adjustPointsAction(form({ memberId: member.id, ...fields }));
      expect(r, JSON.stringify(fields)).toMatchObject({ ok: false, code: "validation" });
      expect((r as { fieldErrors: Record<string, string> }).fieldErrors).toHaveProperty(field);
    }
    expect(await ledgerOf(member.id)).toEqual([]);
  });

  it("refuses without member:manage, and another tenant's member reads as not found", async () => {
    const customer = await createCustomer(a, { ownerUserId: sales.userId });
    const member = await createMember(a, customer.id, { opening: 10 });
    signInAs(sales);
    expect(await adjustPointsAction(form({ memberId: member.id, direction: "earn", points: 5, reason: "x" }))).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(b.owner);
    expect(await adjustPointsAction(form({ memberId: member.id, direction: "consume", points: 5, reason: "x" }))).toMatchObject({ ok: false, code: "not_found" });
    signInAs(null);
    expect(await adjustPointsAction(form({ memberId: member.id, direction: "earn", points: 5, reason: "x" }))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect((await ledgerOf(member.id)).map((l) => l.delta)).toEqual([10]);
  });

  it("a member of a deleted customer reads as not found", async () => {
    const customer = await createCustomer(a, { deletedAt: new Date() });
    const member = await createMember(a, customer.id, { opening: 10 });
    signInAs(manager);
    expect(await adjustPointsAction(form({ memberId: member.id, direction: "earn", points: 5, reason: "x" }))).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("concurrency", () => {
  it("50 concurrent earns and consumes on one member: exact running balance, never negative, stored balance = ledger sum", async () => {
    const customer = await createCustomer(a, { name: "并发客户" });
    const opening = 100;
    const member = await createMember(a, customer.id, { opening });
    signInAs(manager);
    // More consumption than can ever be covered, so some consumes must be refused.
    const calls = Array.from({ length: 50 }, (_, i) => (i % 5 < 2
      ? { direction: "earn", points: 10 + (i % 3) }
      : { direction: "consume", points: 25 + (i % 4) }));
    const results = await Promise.all(calls.map((c, i) => adjustPointsAction(form({ memberId: member.id, ...c, reason: `并发 ${i}` }))));

    // Every call answered clearly: a post, or the "more than the balance" refusal.
    for (const r of results) {
      if (!r.ok) expect(r).toMatchObject({ code: "validation", fieldErrors: { points: "More than the balance." } });
    }
    const okEarn = calls.filter((c, i) => c.direction === "earn" && results[i]!.ok);
    const okConsume = calls.filter((c, i) => c.direction === "consume" && results[i]!.ok);
    const refused = results.filter((r) => !r.ok);
    expect(okEarn.length).toBe(20); // an earn is never refused
    expect(refused.length).toBeGreaterThan(0);
    expect(okConsume.length).toBeGreaterThan(0);

    const ledger = await ledgerOf(member.id);
    expect(ledger.length).toBe(1 + okEarn.length + okConsume.length);
    // Walking the ledger in order, each balance_after is the previous plus its delta, and never below zero.
    let running = 0;
    for (const entry of ledger) {
      running += entry.delta;
      expect(entry.balanceAfter).toBe(running);
      expect(entry.balanceAfter).toBeGreaterThanOrEqual(0);
    }
    const expected = opening + okEarn.reduce((s, c) => s + c.points, 0) - okConsume.reduce((s, c) => s + c.points, 0);
    expect(running).toBe(expected);
    expect(await storedBalance(member.id)).toBe(expected);
    // Refused calls left no trace: one ledger entry and one audit row per accepted post.
    const audits = await withTenant(a.owner, (tx) => tx.auditLog.count({ where: { entityId: member.id } }));
    expect(audits).toBe(okEarn.length + okConsume.length);
  });

  it("the database itself refuses a negative balance, even past the application", async () => {
    const customer = await createCustomer(a);
    const member = await createMember(a, customer.id, { opening: 5 });
    await expect(withTenant(a.owner, (tx) => tx.$executeRaw`UPDATE members SET points_balance = -1 WHERE id = ${member.id}::uuid`)).rejects.toThrow();
    await expect(withTenant(a.owner, (tx) => tx.pointsLedger.create({
      data: { tenantId: a.tenantId, memberId: member.id, delta: -10, balanceAfter: -5, reason: "x" },
    }))).rejects.toThrow();
    expect(await storedBalance(member.id)).toBe(5);
  });
});
