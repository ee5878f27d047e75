import { describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { unsafePlatformTransaction } from "@/lib/db/unsafe-platform";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
const { signUpAction } = await import("@/app/(auth)/sign-up/actions");

function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

const tenantsWithSlug = (slug: string) => unsafePlatformTransaction((tx) => tx.tenant.count({ where: { slug } }));

describe("sign-up", () => {
  signInAs(null);
  const base = () => {
    const slug = `s-${randomUUID().slice(0, 10)}`;
    return { orgName: "Acme Phones", slug, name: "Ann", email: `${slug}@example.test`, password: "Strong-Pass-2026", locale: "en" };
  };

  it("creates a tenant, its owner and the five system roles", async () => {
    const input = base();
    const result = await signUpAction(form(input));
    expect(result.ok).toBe(true);
    expect(await tenantsWithSlug(input.slug)).toBe(1);
  });

  it("refuses a duplicate e-mail with a field message and creates nothing", async () => {
    const first = base();
    expect((await signUpAction(form(first))).ok).toBe(true);
    const second = { ...base(), email: first.email.toUpperCase() };
    const result = await signUpAction(form(second));
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    if (!result.ok) expect(result.fieldErrors?.email).toMatch(/already exists/);
    expect(await tenantsWithSlug(second.slug)).toBe(0);
  });

  it.each([
    ["short1A", /at least 10/],
    ["password123", /too common/],
    ["onlyletterslong", /letters and digits/],
  ])("refuses the weak password %s", async (password, message) => {
    const input = { ...base(), password };
    const result = await signUpAction(form(input));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors?.password).toMatch(message);
    expect(await tenantsWithSlug(input.slug)).toBe(0);
  });

  it("refuses a taken organization short name", async () => {
    const first = base();
    await signUpAction(form(first));
    const result = await signUpAction(form({ ...base(), slug: first.slug }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { slug: expect.stringMatching(/taken/) } });
  });
});
