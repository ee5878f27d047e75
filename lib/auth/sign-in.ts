// Checking an e-mail and password. The same generic refusal for an unknown e-mail
// and a wrong password, with the same (slow) work done in both cases.
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { hit, reset, LOGIN_LIMIT_PER_EMAIL, LOGIN_LIMIT_PER_IP } from "@/lib/auth/rate-limit";
import { normalizeEmail, unsafeFindAccountByEmail, unsafeListMemberships } from "@/lib/users/accounts";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string }; tenantId: string }
  | { ok: false; reason: "invalid" | "rate_limited" | "no_tenant" };

export async function checkCredentials(emailInput: string, password: string, ip: string): Promise<SignInResult> {
  const email = normalizeEmail(emailInput);
  const [emailOk, ipOk] = await Promise.all([
    hit("login-email", email, LOGIN_LIMIT_PER_EMAIL),
    hit("login-ip", ip, LOGIN_LIMIT_PER_IP),
  ]);
  if (!emailOk || !ipOk) return { ok: false, reason: "rate_limited" };
  const user = await unsafeFindAccountByEmail(email);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid) return { ok: false, reason: "invalid" };
  const memberships = await unsafeListMemberships(user.id);
  if (memberships.length === 0) return { ok: false, reason: "no_tenant" };
  await reset("login-email", email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name }, tenantId: memberships[0]!.tenantId };
}
