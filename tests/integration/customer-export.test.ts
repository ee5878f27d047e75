// Customer export end to end on real Postgres, Redis and a real worker: the action
// queues it, the worker writes the CSV into the file store, the route streams it.
// The file holds exactly the rows the requester may see under the list's filters,
// masked per permission, safe against formula injection, and readable by Excel.
import { beforeAll, describe, expect, it, vi } from "vitest";
import Papa from "papaparse";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants, bulkCustomers, createCustomer, createTag, tagCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { runCustomerExport } from "@/lib/exports/run-customer-export";
import { withTestWorker } from "@/tests/support/test-worker";
import { form } from "@/tests/support/form-data";

vi.mock("@/lib/auth/session", () => sessionModuleMock);

const { requestCustomerExportAction } = await import("@/app/(app)/exports/actions");
const { GET: download } = await import("@/app/api/exports/[exportId]/download/route");
const { GET: status } = await import("@/app/api/exports/[exportId]/route");

type Who = { tenantId: string; userId: string };
let a: TestTenant;
let b: TestTenant;
let admin: Who;
let sales: Who;
let masker: Who;

withTestWorker();

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("ExportA"), createTenant("ExportB")]);
  admin = await addMember(a, "admin");
  sales = await addMember(a, "sales_staff");
  masker = await addMemberWithGrants(a, [["customer:read", "all"], ["customer:export", "all"]]);
  const vip = await createTag(a, "VIP");
  const c1 = await createCustomer(a, { name: "张三", phone: "+8613800138000", email: "zhang@example.com", city: "深圳市", ownerUserId: sales.userId });
  await tagCustomer(a, c1.id, vip.id);
  await createCustomer(a, { name: "=HYPERLINK(\"http://evil\")", phone: "+8613900139000", city: "深圳市" });
  await createCustomer(a, { name: "李四, \"老客户\"", city: "深圳市" });
  await createCustomer(a, { name: "王五", city: "广州市" });
  await createCustomer(a, { name: "已删除", city: "深圳市", deletedAt: new Date() });
  await bulkCustomers(a, 4_321);
  await createCustomer(b, { name: "B的客户", city: "深圳市" });
});

const params = (exportId: string) => ({ params: Promise.resolve({ exportId }) });
const req = (path: string) => new Request(`http://localhost${path}`);

async function finished(exportId: string) {
  for (let i = 0; i < 150; i++) {
    const s = await (await status(req(`/api/exports/${exportId}`), params(exportId))).json();
    if (s.status === "succeeded" || s.status === "failed") return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("export did not finish");
}

async function exportAs(who: Who, filters: Record<string, string>, columns: string[]) {
  signInAs(who);
  const res = await requestCustomerExportAction(form({ filters: JSON.stringify(filters), columns }));
  if (!res.ok) throw new Error(res.message);
  const s = await finished(res.data.exportId);
  const file = await download(req(`/api/exports/${res.data.exportId}/download`), params(res.data.exportId));
  const bytes = Buffer.from(await file.arrayBuffer());
  return { exportId: res.data.exportId, s, file, bytes, rows: Papa.parse<string[]>(bytes.toString("utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data };
}

describe("customer export", () => {
  it("writes the filtered list, unmasked for an admin, as UTF-8 with BOM and neutralized formulas", async () => {
    const { s, file, bytes, rows } = await exportAs(admin, { city: "深圳市" }, ["name", "phone", "email", "city", "tags"]);
    expect(s).toMatchObject({ status: "succeeded", rowsDone: 3, rowsTotal: 3 });
    expect(file.headers.get("content-type")).toContain("text/csv");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows[0]).toEqual(["Name", "Mobile", "E-mail", "City", "Tags"]);
    const body = rows.slice(1).sort((x, y) => x[0]!.localeCompare(y[0]!));
    expect(body.map((r) => r[0]).sort()).toEqual(["'=HYPERLINK(\"http://evil\")", "张三", "李四, \"老客户\""].sort());
    // A phone starts with "+", which a spreadsheet would evaluate: it is neutralized too.
    expect(body.find((r) => r[0] === "张三")).toEqual(["张三", "'+8613800138000", "zhang@example.com", "深圳市", "VIP"]);
    expect(rows.flat()).not.toContain("B的客户");
    expect(rows.flat()).not.toContain("已删除");
  });

  it("masks phone and e-mail for a role without customer:unmask", async () => {
    const { rows } = await exportAs(masker, { q: "张三" }, ["name", "phone", "email"]);
    expect(rows).toHaveLength(2);
    expect(rows[1]![1]).toMatch(/^\+86 138\*{4}8000$|138\*{4}8000/);
    expect(rows[1]![1]).not.toContain("00138000");
    expect(rows[1]![2]).not.toBe("zhang@example.com");
  });

  it("exports thousands of rows in batches with the count and progress right", async () => {
    const { s, rows } = await exportAs(admin, {}, ["id", "name"]);
    expect(s.rowsTotal).toBe(4_325);
    expect(s.rowsDone).toBe(4_325);
    expect(rows).toHaveLength(4_326);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(4_325);
  });

  it("is audited on request and on download", async () => {
    const { exportId } = await exportAs(admin, { city: "广州市" }, ["name"]);
    const actions = await withTenant(a.owner, (tx) => tx.auditLog.findMany({ where: { entityId: exportId }, select: { action: true, actorUserId: true } }));
    expect(actions.map((x) => x.action).sort()).toEqual(["customer.export.download", "customer.export.request"]);
    expect(actions.every((x) => x.actorUserId === admin.userId)).toBe(true);
  });

  it("refuses sales staff, another user of the tenant, and tenant B", async () => {
    signInAs(sales);
    expect(await requestCustomerExportAction(form({ columns: ["name"] }))).toMatchObject({ ok: false, code: "forbidden" });
    const { exportId } = await exportAs(admin, { city: "广州市" }, ["name"]);
    signInAs(sales);
    expect((await download(req("/x"), params(exportId))).status).toBe(403);
    signInAs(masker);
    expect((await download(req("/x"), params(exportId))).status).toBe(404);
    expect((await status(req("/x"), params(exportId))).status).toBe(404);
    signInAs(b.owner);
    expect((await download(req("/x"), params(exportId))).status).toBe(404);
    expect((await download(req("/x"), params("not-a-uuid"))).status).toBe(404);
  });

  it("refuses unknown columns and forged filters with a clear message", async () => {
    signInAs(admin);
    const bad = await requestCustomerExportAction(form({ columns: ["name", "password_hash"] }));
    expect(bad).toMatchObject({ ok: false, code: "validation" });
    const forged = await requestCustomerExportAction(form({ columns: ["name"], filters: JSON.stringify({ ownerUserId: "'; DROP TABLE customers; --" }) }));
    expect(forged).toMatchObject({ ok: false, code: "validation" });
  });

  it("stops when the requester lost the export permission before it ran", async () => {
    const exp = await withTenant(a.owner, (tx) =>
      tx.export.create({ data: { tenantId: a.tenantId, entity: "customer", requestedBy: sales.userId, columns: ["name"] } }),
    );
    await withTenant(a.owner, (tx) => runCustomerExport(tx, { tenantId: a.tenantId, exportId: exp.id }));
    const after = await withTenant(a.owner, (tx) => tx.export.findFirst({ where: { id: exp.id } }));
    expect(after).toMatchObject({ status: "failed", fileId: null });
    expect(after?.error).toBeTruthy();
  });
});
