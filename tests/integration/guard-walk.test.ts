// Calls every guarded entry point for real, as (1) nobody and (2) an active member
// with no roles at all. Pages must redirect to sign-in / answer 403, actions and
// routes must refuse with "unauthenticated" / "forbidden" — before reading input.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { findEntryPoints } from "@/tests/support/entry-points";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { unsafeFindOrCreateAccount } from "@/lib/users/accounts";
import { withTenant } from "@/lib/db/tenant";
import { randomUUID } from "node:crypto";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

const guarded = findEntryPoints().filter((e) => e.access !== "public");
let tenant: TestTenant;
type Session = { tenantId: string; userId: string } | null;
let roleless: Session;

beforeAll(async () => {
  tenant = await createTenant("Walk");
  const { user } = await unsafeFindOrCreateAccount({ email: `noroles-${randomUUID()}@example.test`, name: "No roles", password: "Test-Password-2026" });
  await withTenant(tenant.owner, (tx) => tx.membership.create({ data: { tenantId: tenant.tenantId, userId: user.id } }));
  roleless = { tenantId: tenant.tenantId, userId: user.id };
});

async function load(file: string, name: string): Promise<(...args: unknown[]) => Promise<unknown>> {
  const mod: Record<string, unknown> = await import(/* @vite-ignore */ "@/" + file);
  return mod[name] as (...args: unknown[]) => Promise<unknown>;
}

const pageProps = { params: Promise.resolve({ userId: randomUUID(), roleId: randomUUID(), id: randomUUID() }), searchParams: Promise.resolve({}) };
const digestOf = (err: unknown) => String((err as { digest?: string })?.digest ?? (err as Error)?.message);

describe.each([
  ["signed out", (): Session => null, { page: /NEXT_REDIRECT.*sign-in/, code: "unauthenticated", status: 401 }],
  ["member without roles", (): Session => roleless, { page: /NEXT_HTTP_ERROR_FALLBACK;403/, code: "forbidden", status: 403 }],
] as const)("as %s", (_who, session, expected) => {
  it("there are guarded entry points to walk", () => {
    expect(guarded.length).toBeGreaterThan(5);
  });

  it.each(guarded.filter((e) => e.kind === "page" && e.access !== "signed-in").map((e) => [e.file, e]))("page %s refuses", async (_f, e) => {
    signInAs(session());
    const Page = await load(e.file, "default");
    const err = await Promise.resolve().then(() => Page(pageProps)).then(() => null, (x: unknown) => x);
    expect(digestOf(err)).toMatch(expected.page);
  });

  it.each(guarded.filter((e) => e.kind === "action" && e.access !== "signed-in").map((e) => [`${e.file} ${e.name}`, e]))("action %s refuses", async (_f, e) => {
    signInAs(session());
    const action = await load(e.file, e.name);
    const form = new FormData();
    form.set("tenantId", randomUUID());
    const result = await action(form);
    expect(result).toMatchObject({ ok: false, code: expected.code });
  });

  it.each(guarded.filter((e) => e.kind === "route" && e.access !== "signed-in").map((e) => [`${e.file} ${e.name}`, e]))("route %s refuses", async (_f, e) => {
    signInAs(session());
    const handler = await load(e.file, e.name);
    const res = (await handler(new Request("http://localhost/x", { method: e.name }), { params: Promise.resolve({}) })) as Response;
    expect(res.status).toBe(expected.status);
  });
});
