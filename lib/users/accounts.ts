// Global user accounts. Finding an account by e-mail crosses tenants, so these
// functions use the platform path; they never touch tenant rows.
import { unsafePlatformTransaction } from "@/lib/db/unsafe-platform";
import { hashPassword } from "@/lib/auth/password";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function unsafeFindAccountByEmail(email: string) {
  return unsafePlatformTransaction((tx) => tx.user.findUnique({ where: { email: normalizeEmail(email) } }));
}

/** Returns the existing account for this e-mail, or creates one with the password given. */
export async function unsafeFindOrCreateAccount(input: { email: string; name: string; password: string; locale?: string }) {
  const email = normalizeEmail(input.email);
  const existing = await unsafeFindAccountByEmail(email);
  if (existing) return { user: existing, created: false };
  const passwordHash = await hashPassword(input.password);
  const user = await unsafePlatformTransaction((tx) =>
    tx.user.create({ data: { email, name: input.name, passwordHash, locale: input.locale ?? null } }),
  );
  return { user, created: true };
}

/** Active memberships of a user, across tenants: for sign-in and the tenant switcher. */
export async function unsafeListMemberships(userId: string) {
  return unsafePlatformTransaction(async (tx) => {
    const rows = await tx.membership.findMany({ where: { userId, status: "active" }, orderBy: { createdAt: "asc" } });
    const tenants = await tx.tenant.findMany({ where: { id: { in: rows.map((r) => r.tenantId) } } });
    const byId = new Map(tenants.map((t) => [t.id, t]));
    return rows.map((r) => ({ tenantId: r.tenantId, name: byId.get(r.tenantId)?.name ?? "", locale: byId.get(r.tenantId)?.locale ?? "zh-CN" }));
  });
}

/** Undoes an account made moments ago for a request that then failed; never one in use. */
export async function unsafeDeleteAccountWithoutMemberships(userId: string) {
  return unsafePlatformTransaction((tx) => tx.user.deleteMany({ where: { id: userId, memberships: { none: {} } } }));
}
