// Customer import end to end on real Postgres, Redis and a real worker: the upload
// route streams the file into the file store, the wizard's actions save the mapping
// and start the check and the run, the worker stages and applies, the routes report
// progress and stream the problems CSV. Counts are exact, row by row.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant, type TestTenant } from "@/tests/factories/tenants";
import { addMemberWithGrants, createCustomer } from "@/tests/factories/customers";
import { withTenant } from "@/lib/db/tenant";
import { withTestWorker } from "@/tests/support/test-worker";
import { elements, textOf as joinedText } from "@/tests/support/react-tree";
const textOf = (node: unknown) => joinedText(node, " ");

vi.mock("@/lib/auth/session", () => sessionModuleMock);

const { POST: upload } = await import("@/app/api/imports/route");
const { GET: status } = await import("@/app/api/imports/[importId]/route");
const { GET: errors } = await import("@/app/api/imports/[importId]/errors/route");
const { saveMappingAction, startImportAction, cancelImportAction } = await import("@/app/(app)/imports/actions");
const ImportPage = (await import("@/app/(app)/imports/[id]/page")).default;
const HistoryPage = (await import("@/app/(app)/imports/page")).default;

type Who = { tenantId: string; userId: string };
const FIX = "tests/fixtures/import/jobs/";
const gbk = readFileSync(`${FIX}customers-gbk.csv`);
const bom = readFileSync(`${FIX}customers-utf8-bom.csv`);
withTestWorker();

const params = (importId: string) => ({ params: Promise.resolve({ importId }) });
const req = (path: string) => new Request(`http://localhost${path}`);

async function uploadAs(who: Who, bytes: Buffer | Uint8Array, name: string, entity = "customers") {
  signInAs(who);
  const res = await upload(new Request(`http://localhost/api/imports?entity=${entity}&name=${encodeURIComponent(name)}`, {
    method: "POST", body: new Uint8Array(bytes), headers: { "content-type": "application/octet-stream", "content-length": String(bytes.length) },
  }), { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
}

async function waitFor(importId: string, until: (s: { status: string; active: boolean }) => boolean = (s) => !s.active) {
  for (let i = 0; i < 600; i++) {
    const s = await (await status(req(`/api/imports/${importId}`), params(importId))).json();
    if (until(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("import did not finish");
}

async function job(who: Who, importId: string) {
  return withTenant(who, (tx) => tx.importJob.findFirst({ where: { id: importId } }));
}

/** Upload → accept the suggested mapping (with these options) → check → run; returns the import id. */
async function importFile(who: Who, bytes: Buffer, name: string, opts: { policy?: string; matchKeys?: string[]; run?: boolean } = {}) {
  const up = await uploadAs(who, bytes, name);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const importId = up.body.importId as string;
  const j = await job(who, importId);
  const check = await saveMappingAction({
    importId, mapping: JSON.stringify(j!.mapping), matchKeys: opts.matchKeys ?? ["externalId", "identity", "phone", "email"],
    policy: opts.policy ?? "fill_empty", saveTemplate: true,
  });
  expect(check, JSON.stringify(check)).toMatchObject({ ok: true });
  const checked = await waitFor(importId);
  expect(checked.status).toBe("validated");
  if (opts.run !== false) {
    signInAs(who);
    expect(await startImportAction({ importId })).toMatchObject({ ok: true });
    const done = await waitFor(importId);
    expect(done.status).toBe("succeeded");
  }
  return importId;
}


async function customersOf(who: Who) {
  return withTenant(who, (tx) => tx.customer.findMany({ orderBy: [{ externalId: "asc" }, { name: "asc" }], include: { tags: { include: { tag: true } }, identities: true } }));
}

async function errorCsv(who: Who, importId: string) {
  signInAs(who);
  const res = await errors(req(`/api/imports/${importId}/errors`), params(importId));
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return Papa.parse<string[]>(bytes.toString("utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
}

/** Tenant with the customers the GBK file's rows 10, 11, 13 and 14 run into. */
async function tenantWithExisting(name: string) {
  const t = await createTenant(name);
  const admin = await addMember(t, "admin");
  await createCustomer(t, { externalId: "K009", name: "周杰" });
  await createCustomer(t, { name: "黄强老", email: "existing@example.com" });
  await createCustomer(t, { externalId: "K010", name: "孙丽", gender: "F", phone: "+8613000130010", email: "sunli@example.com", province: "浙江省", city: "宁波市" });
  await createCustomer(t, { externalId: "K011", name: "郑洁" });
  await createCustomer(t, { name: "别人", phone: "+8615900159011" });
  return { t, admin };
}

describe("GBK CSV with Chinese headers", () => {
  let admin: Who;
  let importId: string;

  beforeAll(async () => {
    ({ admin } = await tenantWithExisting("ImportGbk"));
    importId = await importFile(admin, gbk, "客户-gbk.csv");
  });

  it("detects GBK and the headers, and suggests the mapping from them", async () => {
    const j = await job(admin, importId);
    const preview = j!.preview as { encoding: { encoding: string }; headers: string[]; delimiter: string; headerRow: number };
    expect(preview.encoding.encoding).toBe("gb18030");
    expect(preview.delimiter).toBe(",");
    expect(preview.headers[0]).toBe("客户编号");
    const fields = (j!.mapping as { fields: Record<string, { column: string; transform?: { phoneKind?: string } }> }).fields;
    expect(fields.externalId?.column).toBe("客户编号");
    expect(fields.phone).toEqual({ column: "手机", transform: { phoneKind: "mobile" } });
    expect(fields.tags?.column).toBe("标签");
  });

  it("counts every row exactly: created, updated, skipped, failed", async () => {
    const j = await job(admin, importId);
    expect(j).toMatchObject({ status: "succeeded", totalRows: 13, createdCount: 4, updatedCount: 2, skippedCount: 3, failedCount: 4 });
    expect(j!.report).toMatchObject({ rows: 13, duplicates: 2, unchanged: 1, existingSkipped: 0, sameCustomer: 0, cleanFailed: 3, conflicts: 1 });
    // The dry run said the same before anything was written.
    expect(j!.dryRun).toMatchObject({ created: 4, updated: 2, skipped: 3, failed: 4 });
  });

  it("writes clean values: E.164 phones, lower-case e-mails, full province and city names, split addresses, tags", async () => {
    const all = await customersOf(admin);
    const by = (ext: string | null, name?: string) => all.find((c) => c.externalId === ext && (!name || c.name === name))!;
    const k001 = by("K001");
    expect(k001).toMatchObject({ name: "张伟", gender: "M", phone: "+8613800138001", email: "zhangwei@example.com", province: "广东省", city: "深圳市", district: "南山区" });
    expect(k001.birthday?.toISOString().slice(0, 10)).toBe("1990-05-01");
    expect(k001.tags.map((x) => x.tag.name).sort()).toEqual(["VIP", "老客户"]);
    expect(by("K002")).toMatchObject({ phone: "+8613900139002", province: "浙江省", city: "杭州市", district: "西湖区" });
    expect(by("K006")).toMatchObject({ phone: "+8613500135006" });
    expect(by(null, "吴刚")).toMatchObject({ phone: "+8613100131010", email: "wugang@example.com" });
    // Row 10 matched the existing customer by e-mail: empty fields filled, the name kept.
    expect(by("K008")).toMatchObject({ name: "黄强老", phone: "+8613300133008", province: "湖北省", city: "武汉市", gender: "M" });
    expect(by("K009")).toMatchObject({ name: "周杰", phone: "+8613200132009", province: "广东省", city: "广州市" });
    // Failed and duplicate rows wrote nothing; the conflicting row left both customers alone.
    expect(all.filter((c) => ["K003", "K004", "K005", "K007"].includes(c.externalId ?? ""))).toEqual([]);
    expect(all.filter((c) => c.externalId === "K001")).toHaveLength(1);
    expect(by("K011").phone).toBeNull();
    expect(all).toHaveLength(5 + 4);
  });

  it("writes the problems CSV with row, column, value, the reason in the user's language and the row's cells", async () => {
    const rows = await errorCsv(admin, importId);
    expect(rows[0]).toEqual(["Row", "Kind", "Column", "Value", "Problem", "客户编号", "姓名", "性别", "手机", "邮箱", "省份", "城市", "生日", "地址", "标签"]);
    const line = (row: number) => rows.find((r) => r[0] === String(row))!;
    expect(line(4).slice(0, 5)).toEqual(["4", "Error", "手机", "12345", "row 4: 手机 '12345' is not a valid mobile number"]);
    expect(line(4).slice(5)).toEqual(["K003", "李娜", "女", "12345", "lina@example.com", "北京", "北京", "1992-07-08", "", ""]);
    expect(line(5)[4]).toBe("row 5: 邮箱 'liuyang@example' is not a valid e-mail address");
    expect(line(6)[4]).toBe("row 6: 生日 '2024-02-30' is not a real date: 2024-2 has 29 days");
    expect(line(8)[4]).toBe("row 8: same External id as row 2: skipped as a duplicate");
    expect(line(9)[4]).toBe("row 9: same Phone as row 2: skipped as a duplicate");
    // Found while applying: the cells are read back from the file.
    expect(line(14)[4]).toBe("row 14: matches one customer by External id and another by Phone: which one is meant cannot be told, so it was not imported");
    expect(line(14).slice(5, 7)).toEqual(["K011", "郑洁"]);
    expect(rows).toHaveLength(1 + 6);
  });

  it("shows the report and the history", async () => {
    signInAs(admin);
    const page = await ImportPage({ params: Promise.resolve({ id: importId }), searchParams: Promise.resolve({}) });
    const outcome = elements(page).find((e) => (e.type as { name?: string }).name === "ImportOutcome");
    expect(outcome?.props).toMatchObject({ planned: false, summary: { created: 4, updated: 2, skipped: 3, failed: 4 }, downloadHref: `/api/imports/${importId}/errors` });
    const list = await HistoryPage({ params: Promise.resolve({}), searchParams: Promise.resolve({}) });
    expect(textOf(list)).toContain("客户-gbk.csv");
  });

  it("re-applies the saved mapping to a file with the same headers", async () => {
    const up = await uploadAs(admin, gbk, "again.csv");
    const j = await job(admin, up.body.importId);
    expect(j!.options).toMatchObject({ templateApplied: true });
    // Importing the same file again changes nothing and creates nothing.
    const check = await saveMappingAction({ importId: j!.id, mapping: JSON.stringify(j!.mapping), matchKeys: ["externalId", "identity", "phone", "email"], policy: "fill_empty", saveTemplate: false });
    expect(check.ok).toBe(true);
    const s = await waitFor(j!.id);
    expect(s.status).toBe("validated");
    const again = await job(admin, j!.id);
    expect(again!.dryRun).toMatchObject({ created: 0, updated: 0, failed: 4 });
  });
});

describe("update policies against existing customers", () => {
  it("overwrite replaces stored values with the file's non-empty ones", async () => {
    const { admin } = await tenantWithExisting("ImportOverwrite");
    const id = await importFile(admin, gbk, "o.csv", { policy: "overwrite" });
    expect(await job(admin, id)).toMatchObject({ createdCount: 4, updatedCount: 2, skippedCount: 3, failedCount: 4 });
    const k008 = (await customersOf(admin)).find((c) => c.externalId === "K008")!;
    expect(k008.name).toBe("黄强");
  });

  it("skip leaves matched customers untouched", async () => {
    const { admin } = await tenantWithExisting("ImportSkip");
    const id = await importFile(admin, gbk, "s.csv", { policy: "skip" });
    const j = await job(admin, id);
    expect(j).toMatchObject({ createdCount: 4, updatedCount: 0, skippedCount: 5, failedCount: 4 });
    expect(j!.report).toMatchObject({ existingSkipped: 3 });
    const all = await customersOf(admin);
    expect(all.find((c) => c.externalId === "K009")!.phone).toBeNull();
    expect(all.find((c) => c.name === "黄强老")!.externalId).toBeNull();
  });

  it("without phone as a match key, a repeated phone is a new customer", async () => {
    const { admin } = await tenantWithExisting("ImportKeys");
    const id = await importFile(admin, gbk, "k.csv", { matchKeys: ["externalId"] });
    const j = await job(admin, id);
    // Row 9 (K007, same phone as row 2) is created; row 10 no longer matches by e-mail: created; row 14 no conflict: updates K011.
    expect(j).toMatchObject({ createdCount: 6, failedCount: 3 });
    expect(j!.report).toMatchObject({ duplicates: 1, conflicts: 0 });
  });
});

describe("UTF-8 CSV with BOM", () => {
  it("links home stores by code or name, channel ids, registration times; warns about unknown stores", async () => {
    const t = await createTenant("ImportBom");
    const admin = await addMember(t, "admin");
    const store = await withTenant(t.owner, (tx) => tx.store.create({ data: { tenantId: t.tenantId, code: "SZ01", name: "南山旗舰店" } }));
    const id = await importFile(admin, bom, "members.csv");
    expect(await job(admin, id)).toMatchObject({ totalRows: 5, createdCount: 3, updatedCount: 0, skippedCount: 1, failedCount: 1 });
    const all = await customersOf(admin);
    const m100 = all.find((c) => c.externalId === "M100")!;
    expect(m100).toMatchObject({ name: "林小雨", phone: "+8618600001001", email: "linxy@example.com", homeStoreId: store.id });
    expect(m100.createdAt.toISOString()).toBe("2024-01-02T05:05:00.000Z");
    expect(m100.identities.map((i) => [i.channel, i.externalId])).toEqual([["wechat", "wx_lin"]]);
    expect(all.find((c) => c.externalId === "M101")).toMatchObject({ name: "欧阳, 明", homeStoreId: store.id });
    expect(all.find((c) => c.externalId === "M102")).toMatchObject({ homeStoreId: null });
    expect(all.find((c) => c.externalId === "M104")).toBeUndefined();
    const rows = await errorCsv(admin, id);
    const lines = rows.slice(1).map((r) => r[4]);
    expect(lines).toContain("row 4: 所属门店 '不存在的店' is not the code or name of one of your stores; left empty");
    expect(lines).toContain("row 5: 客户姓名 '=A1&B1' is a spreadsheet formula, not a value: in Excel copy the column and paste it as values, then save again");
    expect(lines).toContain("row 6: same WeChat openid as row 2: skipped as a duplicate");
    // A formula in the file stays text in the report (the CSV cell is neutralized).
    expect(rows.find((r) => r[0] === "5")![3]).toBe("'=A1&B1");
  });
});

describe("Excel workbook", () => {
  it("reads the first sheet of an .xlsx with dates, numbers and rich text", async () => {
    const t = await createTenant("ImportXlsx");
    const admin = await addMember(t, "admin");
    const id = await importFile(admin, readFileSync("tests/fixtures/import/customers.xlsx"), "客户.xlsx");
    const j = await job(admin, id);
    expect((j!.preview as { kind: string }).kind).toBe("xlsx");
    expect(j).toMatchObject({ totalRows: 2, createdCount: 2, failedCount: 0 });
    const all = await customersOf(admin);
    expect(all.map((c) => [c.name, c.phone, c.birthday?.toISOString().slice(0, 10)]).sort()).toEqual([
      ["张三", "+8613800138000", "1990-05-01"], ["李四", "+8613900139000", "1988-03-15"],
    ]);
    // 注册时间 2024-01-02 13:05 in the sheet is Shanghai wall-clock time.
    expect(all.find((c) => c.name === "张三")!.createdAt.toISOString()).toBe("2024-01-02T05:05:00.000Z");
  });
});

describe("bad files", () => {
  let t: TestTenant;
  let admin: Who;
  beforeAll(async () => {
    t = await createTenant("ImportBad");
    admin = await addMember(t, "admin");
  });
  const count = () => withTenant(admin, (tx) => tx.customer.count());

  it.each([
    ["empty", Buffer.alloc(0), "The file is empty."],
    ["blank lines", Buffer.from("\r\n\r\n  \r\n"), "The file is empty."],
    ["header only", Buffer.from("姓名,手机\r\n"), "The file has a header row but no data rows."],
    ["binary", Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x13, 0x37, 0x00, 0x10]), "This is not a text (CSV) file. Save it from Excel as “CSV UTF-8” or upload the .xlsx workbook."],
    ["old .xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), "Old Excel workbooks (.xls) cannot be read. Save it as .xlsx or as CSV and upload again."],
  ])("refuses %s at upload with a clear message and keeps nothing", async (_name, bytes, message) => {
    const files = await withTenant(admin, (tx) => tx.storedFile.count());
    const res = await uploadAs(admin, bytes, "bad.csv");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
    expect(await withTenant(admin, (tx) => tx.storedFile.count())).toBe(files);
    expect(await withTenant(admin, (tx) => tx.importJob.count({ where: { fileName: "bad.csv" } }))).toBe(0);
  });

  it("refuses a file over the limit", async () => {
    const { receiveUpload } = await import("@/lib/imports/upload");
    const { loadAuthContext } = await import("@/lib/auth/context");
    const ctx = (await loadAuthContext(admin))!;
    const body = new Blob([Buffer.alloc(5000, 0x41)]).stream();
    await expect(receiveUpload(ctx, { entity: "customers", fileName: "big.csv", body, declaredBytes: null, maxBytes: 4096 }))
      .rejects.toMatchObject({ key: "import.file.tooLarge", params: { limit: "4 KB" } });
    const declared = await uploadAs(admin, Buffer.from("姓名\r\n张三\r\n"), "x.csv");
    expect(declared.status).toBe(201);
  });

  it("stops at an unclosed quote: the import fails with the row, nothing is imported", async () => {
    const good = Array.from({ length: 50 }, (_, i) => `客户${i},1380013${String(8000 + i)}`);
    const bytes = Buffer.from(["姓名,手机", ...good, '"没有闭合的引号,13800138999', "后面,13800138998"].join("\r\n") + "\r\n");
    const up = await uploadAs(admin, bytes, "quote.csv");
    const j = await job(admin, up.body.importId);
    await saveMappingAction({ importId: j!.id, mapping: JSON.stringify(j!.mapping), matchKeys: ["phone"], policy: "fill_empty", saveTemplate: false });
    const s = await waitFor(j!.id);
    expect(s.status).toBe("failed");
    const failed = await job(admin, j!.id);
    expect(failed!.error).toMatchObject({ key: "import.reason.unclosedQuote", row: 52 });
    const { jobErrorText } = await import("@/lib/imports/text");
    expect(jobErrorText("en", failed!.error)).toBe("row 52: opens a quote that is never closed, so the rest of the file could not be read");
    expect(await count()).toBe(0);
    expect(await withTenant(admin, (tx) => tx.importCustomerRow.count({ where: { importId: j!.id } }))).toBe(0);
    signInAs(admin);
    expect(await startImportAction({ importId: j!.id })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("refuses a mapping without the required name, and an entity that cannot be imported", async () => {
    const up = await uploadAs(admin, Buffer.from("手机\r\n13800138000\r\n"), "noname.csv");
    const res = await saveMappingAction({ importId: up.body.importId, mapping: JSON.stringify({ entity: "customers", fields: { phone: { column: "手机" } } }), matchKeys: [], policy: "fill_empty" });
    expect(res).toMatchObject({ ok: false, code: "validation" });
    // Every entity of lib/import/fields.ts has a database side now; one it does not know is refused.
    const coupons = await uploadAs(admin, Buffer.from("券码,手机\r\nC1,13800138000\r\n"), "c.csv", "coupons");
    expect(coupons.status).toBe(400);
  });

  it("can be cancelled before it runs; nothing is imported", async () => {
    const up = await uploadAs(admin, Buffer.from("姓名,手机\r\n张三,13800138000\r\n"), "cancel.csv");
    const j = await job(admin, up.body.importId);
    await saveMappingAction({ importId: j!.id, mapping: JSON.stringify(j!.mapping), matchKeys: ["phone"], policy: "fill_empty", saveTemplate: false });
    await waitFor(j!.id);
    expect(await withTenant(admin, (tx) => tx.importCustomerRow.count({ where: { importId: j!.id } }))).toBe(1);
    expect(await cancelImportAction({ importId: j!.id })).toMatchObject({ ok: true });
    expect(await job(admin, j!.id)).toMatchObject({ status: "cancelled" });
    expect(await startImportAction({ importId: j!.id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await count()).toBe(0);
    // The check's staged rows are cleared by the worker, not by the request.
    for (let i = 0; i < 100 && (await withTenant(admin, (tx) => tx.importCustomerRow.count({ where: { importId: j!.id } }))); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await withTenant(admin, (tx) => tx.importCustomerRow.count({ where: { importId: j!.id } }))).toBe(0);
  });
});

describe("who may import, and tenants", () => {
  it("refuses without import:run or without customer:import, and another tenant sees nothing", async () => {
    const { t, admin } = await tenantWithExisting("ImportRls");
    const other = await createTenant("ImportOther");
    const before = await withTenant(other.owner, (tx) => tx.customer.count());
    const id = await importFile(admin, gbk, "rls.csv", { run: false });

    const sales = await addMember(t, "sales_staff");
    const res = await uploadAs(sales, gbk, "s.csv");
    expect(res.status).toBe(403);
    signInAs(sales);
    expect(await startImportAction({ importId: id })).toMatchObject({ ok: false, code: "forbidden" });
    const onlyRun = await addMemberWithGrants(t, [["import:run", "all"], ["import:read", "all"]]);
    expect((await uploadAs(onlyRun, gbk, "s.csv")).status).toBe(403);
    signInAs(onlyRun);
    expect(await startImportAction({ importId: id })).toMatchObject({ ok: false, code: "forbidden" });
    expect((await errors(req("/x"), params(id))).status).toBe(403);

    signInAs(other.owner);
    expect(await startImportAction({ importId: id })).toMatchObject({ ok: false, code: "not_found" });
    expect((await status(req("/x"), params(id))).status).toBe(404);
    expect((await errors(req("/x"), params(id))).status).toBe(404);
    const page = await Promise.resolve().then(() => ImportPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) })).then(() => null, (e: unknown) => e);
    expect(String((page as { digest?: string }).digest)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);

    signInAs(admin);
    expect(await startImportAction({ importId: id })).toMatchObject({ ok: true });
    expect((await waitFor(id)).status).toBe("succeeded");
    // The import touched only its own tenant.
    expect(await withTenant(other.owner, (tx) => tx.customer.count())).toBe(before);
    const { rows } = await (await import("@/lib/db/pools")).appPgPool().query("SELECT count(*)::int AS n FROM import_jobs");
    expect(rows[0].n).toBe(0); // no tenant set: RLS shows nothing
  });
});
