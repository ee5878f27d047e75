// Sign-in against the real database and Redis: the same refusal for an unknown
// e-mail and a wrong password, a rate limit per e-mail, and tenant switching that
// only honours tenants the user belongs to.
import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { checkCredentials } from "@/lib/auth/sign-in";
import { authOptions } from "@/lib/auth/options";
import { LOGIN_LIMIT_PER_EMAIL } from "@/lib/auth/rate-limit";
import { addMember, createTenant, TEST_PASSWORD, type TestTenant } from "@/tests/factories/tenants";
import { unsafeListMemberships } from "@/lib/users/accounts";

let a: TestTenant;
let b: TestTenant;
let ownerEmail: string;
const ip = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("A"), createTenant("B")]);
  ownerEmail = `owner-${a.slug}@example.test`;
});

describe("checkCredentials", () => {
  it("accepts the right password, case-insensitively for the e-mail", async () => {
    const r = await checkCredentials(ownerEmail.toUpperCase(), TEST_PASSWORD, ip());
    expect(r).toMatchObject({ ok: true, tenantId: a.tenantId, user: { id: a.ownerUserId } });
  });

  it("gives the same answer for a wrong password and an unknown e-mail", async () => {
    const wrong = await checkCredentials(ownerEmail, "Wrong-Password-1", ip());
    const unknown = await checkCredentials(`nobody-${randomUUID()}@example.test`, "Wrong-Password-1", ip());
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("rate-limits repeated attempts on one e-mail, even with the right password afterwards", async () => {
    const email = `owner-${b.slug}@example.test`;
    for (let i = 0; i < LOGIN_LIMIT_PER_EMAIL.max; i++) {
      expect((await checkCredentials(email, `Wrong-Password-${i}`, ip())).ok).toBe(false);
    }
    expect(await checkCredentials(email, TEST_PASSWORD, ip())).toEqual({ ok: false, reason: "rate_limited" });
  });

  it("refuses a user whose only membership is disabled", async () => {
    const m = await addMember(a, "sales_staff");
    const { withTenant } = await import("@/lib/db/tenant");
    await withTenant(a.owner, (tx) => tx.membership.update({ where: { tenantId_userId: { tenantId: a.tenantId, userId: m.userId } }, data: { status: "disabled" } }));
    expect(await checkCredentials(m.email, TEST_PASSWORD, ip())).toEqual({ ok: false, reason: "no_tenant" });
  });
});

describe("tenant switching through the session token", () => {
  const jwt = authOptions.callbacks!.jwt!;
  const call = (token: JWT, session: unknown) =>
    jwt({ token, user: undefined as never, account: null, trigger: "update", session } as Parameters<typeof jwt>[0]);

  it("switches to a tenant the user belongs to", async () => {
    const shared = await addMember(a, "sales_staff");
    await addMember(b, "manager", { email: shared.email });
    expect((await unsafeListMemberships(shared.userId)).map((m) => m.tenantId).sort()).toEqual([a.tenantId, b.tenantId].sort());
    const token = await call({ uid: shared.userId, tid: a.tenantId }, { tenantId: b.tenantId });
    expect(token.tid).toBe(b.tenantId);
  });

  it("ignores a forged tenant id the user does not belong to", async () => {
    const token = await call({ uid: a.ownerUserId, tid: a.tenantId }, { tenantId: b.tenantId });
    expect(token.tid).toBe(a.tenantId);
    const random = await call({ uid: a.ownerUserId, tid: a.tenantId }, { tenantId: randomUUID() });
    expect(random.tid).toBe(a.tenantId);
  });
});
