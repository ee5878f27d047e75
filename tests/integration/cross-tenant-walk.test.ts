// Tenant B's owner — every permission there is — calls every server action with
// tenant A's ids in every id field a form could carry, and opens every page that
// takes an id with A's ids. Afterwards A's rows, in every tenant table, must be
// byte-for-byte what they were, and each id page must answer "not found".
import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { findEntryPoints } from "@/tests/support/entry-points";
import { addDepartment, addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { withTenant } from "@/lib/db/tenant";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("@/lib/jobs/queues", () => ({ enqueue: vi.fn(async () => ({ id: "not-sent" })) }));

let a: TestTenant;
let b: TestTenant;
let idsOfA: Record<string, string>;

/** A digest of every row tenant A has, table by table, read as the owner (superuser). */
async function snapshotOfA(): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { table_name } of tables) {
      const t = pg.escapeIdentifier(table_name);
      const { rows } = await client.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x WHERE tenant_id = $1`, [a.tenantId]);
      out[table_name] = `${rows[0].n}:${rows[0].h}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

function forgedForm(): FormData {
  const f = new FormData();
  const fields: Record<string, string> = {
    tenantId: a.tenantId, id: idsOfA.department!, userId: idsOfA.member!, roleId: idsOfA.role!, departmentId: idsOfA.department!,
    parentId: idsOfA.department!, managerUserId: idsOfA.member!, customerId: idsOfA.customer!,
    name: "forged", email: `forged-${randomUUID().slice(0, 8)}@example.test`, password: "Forged-Pass-2026", status: "disabled",
    locale: "en", q: "", confirm: "true",
  };
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  f.append("roleIds[]", idsOfA.role!);
  f.append("grants[]", "customer:read:all");
  return f;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("WalkA"), createTenant("WalkB")]);
  const region = await addDepartment(a, "华南大区", a.headOfficeId, "region");
  const member = await addMember(a, "sales_staff", { departmentId: region.id });
  const customer = randomUUID();
  await withTenant(a.owner, (tx) => tx.customer.create({ data: { tenantId: a.tenantId, id: customer, name: "李四", ownerUserId: member.userId } }));
  idsOfA = { department: region.id, member: member.userId, role: a.roleIds.sales_staff, customer };
});

const actions = findEntryPoints().filter((e) => e.kind === "action" && e.access !== "public");
const idPages = findEntryPoints().filter((e) => e.kind === "page" && /\[\w+\]/.test(e.file));

describe("tenant B against tenant A", () => {
  it("has actions and id pages to try", () => {
    expect(actions.length).toBeGreaterThan(2);
    expect(idPages.length).toBeGreaterThan(0);
  });

  it("no server action called by B's owner with A's ids changes anything of A's", async () => {
    const before = await snapshotOfA();
    signInAs(b.owner);
    for (const e of actions) {
      const mod: Record<string, (f: FormData) => Promise<unknown>> = await import(/* @vite-ignore */ "@/" + e.file);
      const result = await mod[e.name]!(forgedForm());
      if (process.env.WALK_DEBUG) console.log("WALK", e.file, e.name, JSON.stringify(result));
      expect(result, `${e.file} ${e.name}`).toHaveProperty("ok");
      // A refusal must be a clear one, never "something went wrong".
      expect((result as { code?: string }).code, `${e.file} ${e.name}`).not.toBe("internal");
    }
    expect(await snapshotOfA()).toEqual(before);
  });

  it.each(idPages.map((e) => [e.file, e]))("page %s with A's ids is not found for B", async (_f, e) => {
    signInAs(b.owner);
    const mod: Record<string, (p: unknown) => Promise<unknown>> = await import(/* @vite-ignore */ "@/" + e.file);
    const params = Object.fromEntries(
      [...e.file.matchAll(/\[(\w+)\]/g)].map(([, name]) => [name, name === "roleId" ? idsOfA.role : name === "userId" ? idsOfA.member : idsOfA.department]),
    );
    const err = await Promise.resolve()
      .then(() => mod.default!({ params: Promise.resolve(params), searchParams: Promise.resolve({}) }))
      .then(() => null, (x: unknown) => x);
    expect(String((err as { digest?: string })?.digest)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
  });
});
