// The import API end to end: a key made in Administration, a program that uploads
// and runs an import with it (no session), idempotent retries, a mapping sent later,
// and every way a key can be wrong — unknown, revoked, another tenant's, a role
// without the permission, a key handed out beyond its maker's own grants.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { withTestWorker } from "@/tests/support/test-worker";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { POST: create, GET: list } = await import("@/app/api/v1/imports/route");
const { GET: show } = await import("@/app/api/v1/imports/[importId]/route");
const { PUT: map } = await import("@/app/api/v1/imports/[importId]/mapping/route");
const { GET: problems } = await import("@/app/api/v1/imports/[importId]/errors/route");
const { GET: openapi } = await import("@/app/api/v1/openapi.json/route");
const { createApiKeyAction, revokeApiKeyAction } = await import("@/app/(app)/admin/api-keys/actions");

const CSV = "客户编号,姓名,手机,城市\nA1,张三,138 0013 8001,深圳\nA2,李四,+86 139-0013-9002,广州\nA3,王五,12345,杭州\n";
const UNMAPPABLE = "col1,col2\nx,y\n";

let a: TestTenant;
let b: TestTenant;
let keyA: string;
let keyB: string;

const none = { params: Promise.resolve({}) };
const withId = (importId: string) => ({ params: Promise.resolve({ importId }) });
const auth = (key: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, ...extra });

async function makeKey(who: { tenantId: string; userId: string }, roleId: string, name = "ERP") {
  signInAs(who);
  const res = await createApiKeyAction({ name, roleId });
  signInAs(null);
  return res;
}

function post(key: string, query: string, body: string, headers: Record<string, string> = {}) {
  return create(new Request(`http://localhost/api/v1/imports?${query}`, { method: "POST", body, headers: auth(key, headers) }), none);
}

async function finished(key: string, importId: string) {
  for (let i = 0; i < 600; i++) {
    const s = await (await show(new Request(`http://localhost/api/v1/imports/${importId}`, { headers: auth(key) }), withId(importId))).json();
    if (!["queued", "running", "validating"].includes(s.status)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("import did not finish");
}

const customerCount = (t: TestTenant) => withTenant(t.owner, (tx) => tx.customer.count());

withTestWorker();

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("ApiA"), createTenant("ApiB")]);
  const ka = await makeKey(a.owner, a.roleIds.admin);
  const kb = await makeKey(b.owner, b.roleIds.admin);
  if (!ka.ok || !kb.ok) throw new Error("could not create keys");
  keyA = ka.data.token;
  keyB = kb.data.token;
});

describe("import API", () => {
  it("stores only a hash of the key and shows its prefix", async () => {
    const row = await withTenant(a.owner, (tx) => tx.apiKey.findFirst({ where: { name: "ERP" } }));
    expect(row!.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(keyA).toContain(`_${row!.prefix}_`);
    expect(keyA).not.toContain(row!.keyHash);
  });

  it("uploads and runs an import with a key, no session; a retry with the same Idempotency-Key imports nothing again", async () => {
    signInAs(null);
    const res = await post(keyA, "entity=customers&name=erp.csv", CSV, { "idempotency-key": "erp-2026-11-25" });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(202);
    const done = await finished(keyA, body.id);
    expect(done.status).toBe("succeeded");
    expect(done.counts).toMatchObject({ created: 2, failed: 1 });
    expect(await customerCount(a)).toBe(2);

    const again = await post(keyA, "entity=customers&name=erp.csv", CSV, { "idempotency-key": "erp-2026-11-25" });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).id).toBe(body.id);
    expect(await customerCount(a)).toBe(2);

    const reused = await post(keyA, "entity=customers&name=other.csv", CSV, { "idempotency-key": "erp-2026-11-25" });
    expect(reused.status).toBe(409);

    const csv = await problems(new Request(`http://localhost/api/v1/imports/${body.id}/errors`, { headers: auth(keyA) }), withId(body.id));
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain("12345");

    const history = await (await list(new Request("http://localhost/api/v1/imports", { headers: auth(keyA) }), none)).json();
    expect(history.imports.map((i: { id: string }) => i.id)).toContain(body.id);
  });

  it("keeps a file whose columns cannot be matched (422) and runs it once a mapping is sent", async () => {
    const res = await post(keyA, "entity=customers&name=odd.csv", UNMAPPABLE);
    const body = await res.json();
    expect(res.status).toBe(422);
    expect(body.error.code).toBe("mapping_required");
    expect(body.import.status).toBe("uploaded");
    const put = await map(new Request(`http://localhost/api/v1/imports/${body.import.id}/mapping`, {
      method: "PUT", headers: auth(keyA, { "content-type": "application/json" }),
      body: JSON.stringify({ mapping: { entity: "customers", fields: { name: { column: "col1" }, externalId: { column: "col2" } } }, mode: "run" }),
    }), withId(body.import.id));
    expect(put.status, await put.clone().text()).toBe(202);
    expect((await finished(keyA, body.import.id)).counts.created).toBe(1);
  });

  it("refuses a bad mapping body with field errors", async () => {
    const res = await post(keyA, "entity=customers&name=later.csv&mode=upload", CSV);
    const { id } = await res.json();
    const put = await map(new Request(`http://localhost/api/v1/imports/${id}/mapping`, {
      method: "PUT", headers: auth(keyA, { "content-type": "application/json" }), body: JSON.stringify({ mapping: { entity: "nonsense" } }),
    }), withId(id));
    expect(put.status).toBe(400);
    expect((await put.json()).error.code).toBe("validation");
  });

  it("answers 401 to an unknown, malformed or revoked key", async () => {
    expect((await post("crm_not-a-key", "entity=customers&name=x.csv", CSV)).status).toBe(401);
    const forged = keyA.replace(/.{4}$/, "AAAA");
    expect((await post(forged, "entity=customers&name=x.csv", CSV)).status).toBe(401);
    const extra = await makeKey(a.owner, a.roleIds.admin, "to revoke");
    if (!extra.ok) throw new Error("no key");
    signInAs(a.owner);
    expect(await revokeApiKeyAction({ id: extra.data.id })).toMatchObject({ ok: true });
    signInAs(null);
    const res = await post(extra.data.token, "entity=customers&name=x.csv", CSV);
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).not.toMatch(/prisma|sql|stack/i);
  });

  it("never shows tenant A's import to tenant B's key", async () => {
    const res = await post(keyA, "entity=customers&name=mine.csv&mode=upload", CSV);
    const { id } = await res.json();
    const other = await show(new Request(`http://localhost/api/v1/imports/${id}`, { headers: auth(keyB) }), withId(id));
    expect(other.status).toBe(404);
    const put = await map(new Request(`http://localhost/api/v1/imports/${id}/mapping`, {
      method: "PUT", headers: auth(keyB, { "content-type": "application/json" }),
      body: JSON.stringify({ mapping: { entity: "customers", fields: { name: { column: "姓名" } } } }),
    }), withId(id));
    expect(put.status).toBe(404);
    // A key whose tenant part is rewritten to A's is simply not a key.
    const swapped = keyB.replace(b.tenantId, a.tenantId);
    expect((await show(new Request(`http://localhost/api/v1/imports/${id}`, { headers: auth(swapped) }), withId(id))).status).toBe(401);
  });

  it("holds a key to its role's permissions (403) and refuses a key beyond its maker's grants", async () => {
    const sales = await makeKey(a.owner, a.roleIds.sales_staff, "sales key");
    if (!sales.ok) throw new Error("no key");
    expect((await post(sales.data.token, "entity=customers&name=x.csv", CSV)).status).toBe(403);

    const keeper = await addMemberWithGrants(a, [["api_key:manage", "all"], ["import:run", "all"], ["customer:import", "all"]]);
    const beyond = await makeKey(keeper, a.roleIds.owner, "escalation");
    expect(beyond).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("publishes an OpenAPI 3.1 description of every route", async () => {
    const doc = await (await openapi(new Request("http://localhost/api/v1/openapi.json"), none)).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      "/api/v1/imports", "/api/v1/imports/{importId}", "/api/v1/imports/{importId}/mapping", "/api/v1/imports/{importId}/errors",
      "/api/v1/imports/{importId}/undo",
    ]));
    expect(doc.paths["/api/v1/imports/{importId}/mapping"].put.requestBody.content["application/json"].schema.properties.mapping).toBeTruthy();
  });
});
