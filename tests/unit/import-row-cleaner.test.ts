import { createReadStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dataRows, readCsvRows } from "@/lib/import/read/csv";
import { HashRowMap, InFileDedupe, hash64 } from "@/lib/import/dedupe";
import { importMappingSchema, type ImportMapping } from "@/lib/import/mapping";
import { formatRowIssue } from "@/lib/i18n/messages/import";
import { createRowCleaner, ImportMappingError } from "@/lib/import/row-cleaner";
import { suggestMapping } from "@/lib/import/suggest-mapping";
import { previewCsv } from "@/lib/import/sniff/preview";
import { readFileSync } from "node:fs";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const mapping = (input: unknown): ImportMapping => importMappingSchema.parse(input);

const customerMapping = mapping({
  entity: "customers",
  fields: {
    externalId: { column: "客户编号" }, name: { column: "姓名" }, gender: { column: "性别" },
    phone: { column: "手机", transform: { phoneKind: "mobile" } }, email: { column: "邮箱" },
    province: { column: "省份" }, city: { column: "城市" }, birthday: { column: "生日" }, registeredAt: { column: "注册时间" },
  },
});

describe("row cleaner: one raw row to a typed record plus every problem", () => {
  it("cleans a good row into typed values", () => {
    const cleaner = createRowCleaner(customerMapping);
    const r = cleaner.clean(2, {
      客户编号: " C001 ", 姓名: "\u3000张三\u200B", 性别: "男", 手机: "+86 138 0013 8000", 邮箱: "ZhangSan@Example.COM",
      省份: "广东", 城市: "深圳", 生日: "1990/5/1", 注册时间: "2024-01-02 13:05",
    });
    expect(r.status).toBe("ok");
    expect(r.errors).toEqual([]);
    expect(r.record).toEqual({
      externalId: "C001", name: "张三", gender: "male", phone: "+8613800138000", email: "zhangsan@example.com",
      province: "广东省", city: "深圳市", birthday: new Date("1990-05-01T00:00:00Z"), registeredAt: new Date("2024-01-02T05:05:00Z"),
    });
  });

  it("marks a row failed and lists all its errors, never a half-clean record", () => {
    const cleaner = createRowCleaner(customerMapping);
    const r = cleaner.clean(17, { 客户编号: "C003", 姓名: "", 性别: "外星人", 手机: "12345", 邮箱: "wangwu@example", 省份: "内蒙古", 城市: "", 生日: "2024-02-30", 注册时间: "=NOW()" });
    expect(r.status).toBe("failed");
    expect(r.errors.map((e) => [e.column, e.reason.key])).toEqual([
      ["生日", "import.reason.dateImpossible"],
      ["手机", "import.reason.mobileInvalid"],
      ["邮箱", "import.reason.emailInvalid"],
      ["注册时间", "import.reason.formula"],
      ["姓名", "import.reason.required"],
    ]);
    expect(r.warnings.map((w) => w.reason.key)).toEqual(["import.warning.genderUnknown"]);
    const lines = r.errors.map((e) => formatRowIssue("en", e));
    expect(lines).toContain("row 17: 手机 '12345' is not a valid mobile number");
    expect(lines).toContain("row 17: 姓名 is required");
    expect(lines).toContain("row 17: 生日 '2024-02-30' is not a real date: 2024-2 has 29 days");
    expect(r.errors.map((e) => formatRowIssue("zh-CN", e))).toContain("第 17 行：手机 '12345' 不是有效的手机号码");
  });

  it("uses per-column defaults and constant defaults, cleaned like cells", () => {
    const cleaner = createRowCleaner(mapping({
      entity: "members",
      fields: {
        memberNo: { column: "卡号" }, customerPhone: { column: "手机" }, tier: { column: "等级", transform: { default: "普通会员" } },
        joinedAt: { column: null, transform: { default: "2024/1/1" } }, points: { column: "积分" },
      },
    }), { timeZone: "UTC" });
    const r = cleaner.clean(2, { 卡号: "M1", 手机: "13800138000", 等级: "", 积分: "1,200" });
    expect(r.status).toBe("ok");
    expect(r.record).toEqual({ memberNo: "M1", customerPhone: "+8613800138000", tier: "普通会员", joinedAt: new Date("2024-01-01T00:00:00Z"), points: 1200 });
    // A default fills empty cells only; a bad value is still reported.
    const gender = createRowCleaner(mapping({ entity: "customers", fields: { name: { column: "姓名" }, gender: { column: "性别", transform: { default: "女" } } } }));
    expect(gender.clean(2, { 姓名: "甲", 性别: "" }).record.gender).toBe("female");
    expect(gender.clean(3, { 姓名: "乙", 性别: "N/A" }).record.gender).toBe("female");
    const unknown = gender.clean(4, { 姓名: "丙", 性别: "外星人" });
    expect([unknown.record.gender, unknown.warnings[0].reason.key]).toEqual([null, "import.warning.genderUnknown"]);
  });

  it("needs a way to find the customer on every order row", () => {
    const cleaner = createRowCleaner(mapping({ entity: "orders", fields: { orderNo: { column: "订单号" }, orderedAt: { column: "下单时间" }, customerPhone: { column: "手机" } } }));
    const r = cleaner.clean(5, { 订单号: "SO1", 下单时间: "2024-01-02", 手机: "" });
    expect(r.status).toBe("failed");
    expect(formatRowIssue("en", r.errors[0])).toBe("row 5: no way to find the customer: fill in at least one of Customer external id, Customer phone, Customer e-mail, Buyer account (channel id)");
  });

  it("splits the address into province/city/district when those columns are absent", () => {
    const cleaner = createRowCleaner(mapping({ entity: "customers", fields: { name: { column: "姓名" }, address: { column: "地址" }, city: { column: "城市" } } }));
    expect(cleaner.clean(2, { 姓名: "张三", 地址: "广东省深圳市南山区科技园", 城市: "" }).record)
      .toEqual({ name: "张三", address: "广东省深圳市南山区科技园", province: "广东省", city: "深圳市", district: "南山区" });
    // A city the row has wins over the address's; the province follows a known city.
    expect(cleaner.clean(3, { 姓名: "李四", 地址: "科技园科苑路", 城市: "广州" }).record)
      .toEqual({ name: "李四", address: "科技园科苑路", city: "广州市", province: "广东省" });
    const off = createRowCleaner(mapping({ entity: "customers", splitAddress: false, fields: { name: { column: "姓名" }, address: { column: "地址" } } }));
    expect(off.clean(2, { 姓名: "张三", 地址: "广东省深圳市南山区" }).record).toEqual({ name: "张三", address: "广东省深圳市南山区" });
  });

  it("warns when a city is not in the row's province", () => {
    const r = createRowCleaner(customerMapping).clean(4, { 姓名: "王五", 省份: "浙江", 城市: "深圳" });
    expect(r.status).toBe("ok");
    expect(r.warnings.map((w) => formatRowIssue("en", w))).toEqual(["row 4: 城市 '深圳' is not a city of 浙江省"]);
  });

  it("derives the missing line amount or unit price on order lines, in exact cents", () => {
    const cleaner = createRowCleaner(mapping({ entity: "orderItems", fields: {
      orderNo: { column: "订单号" }, sku: { column: "SKU" }, quantity: { column: "数量" }, unitPrice: { column: "单价" }, amount: { column: "小计" },
    } }));
    expect(cleaner.clean(2, { 订单号: "SO1", SKU: "A", 数量: "3", 单价: "19.90", 小计: "" }).record).toMatchObject({ amount: "59.70" });
    expect(cleaner.clean(3, { 订单号: "SO1", SKU: "B", 数量: "3", 单价: "", 小计: "100" }).record).toMatchObject({ unitPrice: "33.33" });
    expect(cleaner.clean(4, { 订单号: "SO1", SKU: "C", 数量: "0", 单价: "1", 小计: "" }).errors[0].reason).toEqual({ key: "import.reason.belowMin", params: { min: 1 } });
    expect(cleaner.clean(5, { 订单号: "SO1", SKU: "D", 数量: "1", 单价: "", 小计: "" }).errors[0].reason.key).toBe("import.reason.priceMissing");
  });

  it("takes an order the file says was paid, with no paid time, as paid when ordered; an unpaid one stays unpaid", () => {
    for (const entity of ["orders", "orderLines"] as const) {
      const cleaner = createRowCleaner(mapping({ entity, fields: {
        orderNo: { column: "订单号" }, orderedAt: { column: "下单时间" }, paidAt: { column: "支付时间" }, status: { column: "状态" },
        shippedAt: { column: "发货时间" }, customerPhone: { column: "手机" },
        ...(entity === "orderLines" ? { sku: { column: "SKU" }, quantity: { column: "数量" }, unitPrice: { column: "单价" } } : {}),
      } }));
      const row = (cells: Record<string, string>) =>
        cleaner.clean(2, { 订单号: "SO1", 下单时间: "2024-01-02 13:05", 支付时间: "", 状态: "", 发货时间: "", 手机: "13800138000", SKU: "A", 数量: "1", 单价: "9", ...cells }).record;
      const ordered = row({}).orderedAt as Date;
      for (const status of ["已付款", "已发货", "已完成", "已退款"]) expect(row({ 状态: status }).paidAt, `${entity} ${status}`).toEqual(ordered);
      expect(row({ 发货时间: "2024-01-03 09:00" }).paidAt).toEqual(ordered);
      expect(row({ 状态: "待付款" }).paidAt ?? null).toBeNull();
      expect(row({ 状态: "已取消" }).paidAt ?? null).toBeNull();
      expect(row({}).paidAt ?? null).toBeNull();
      // A paid time in the file is kept.
      expect((row({ 状态: "已付款", 支付时间: "2024-01-02 14:00" }).paidAt as Date).getTime()).toBeGreaterThan(ordered.getTime());
    }
  });

  it("warns when times run backwards", () => {
    const cleaner = createRowCleaner(mapping({ entity: "orders", fields: {
      orderNo: { column: "订单号" }, orderedAt: { column: "下单时间" }, paidAt: { column: "支付时间" }, customerPhone: { column: "手机" },
    } }));
    const r = cleaner.clean(2, { 订单号: "SO1", 下单时间: "2024-01-02 13:05", 支付时间: "2024-01-02 12:00", 手机: "13800138000" });
    expect(r.status).toBe("ok");
    expect(formatRowIssue("en", r.warnings[0])).toBe("row 2: 支付时间 '2024-01-02 12:00' is earlier than Ordered at");
  });

  it("takes cell arrays with the headers, and checks ragged rows", () => {
    const headers = ["姓名", "手机"];
    const cleaner = createRowCleaner(mapping({ entity: "customers", fields: { name: { column: "姓名" }, phone: { column: "手机" } } }), { headers, dedupe: false });
    expect(cleaner.clean(2, ["张三", "13800138000"]).record).toEqual({ name: "张三", phone: "+8613800138000" });
    expect(cleaner.clean(3, ["张三", "13800138000", "", ""]).status).toBe("ok");
    const ragged = cleaner.clean(4, ["张三", "138", "00138000"]);
    expect(ragged.errors[0].reason).toEqual({ key: "import.reason.tooManyCells", params: { cells: 3, columns: 2 } });
    expect(cleaner.clean(5, ["李四"]).warnings[0].reason.key).toBe("import.warning.tooFewCells");
  });

  it("refuses a mapping that cannot run", () => {
    expect(() => createRowCleaner(mapping({ entity: "customers", fields: { phone: { column: "手机" } } }))).toThrow(ImportMappingError);
    try {
      createRowCleaner(mapping({ entity: "customers", fields: { name: { column: "Name" } } }), { headers: ["姓名"] });
    } catch (e) {
      expect((e as ImportMappingError).problems).toEqual([{ key: "import.mapping.unknownColumn", params: { column: "Name" } }]);
    }
  });
});

describe("in-file dedupe", () => {
  it("reports the earlier row for a repeated external id, phone, e-mail or channel id", () => {
    const d = new InFileDedupe("customers");
    expect(d.keyNames).toEqual(["externalId", "phone", "email", "identity:wechat", "identity:tmall", "identity:jd"]);
    expect(d.check(2, { externalId: "C1", phone: "+8613800138000" })).toBeNull();
    expect(d.check(3, { externalId: "C2", email: "a@x.com", wechatOpenid: "oX1" })).toBeNull();
    expect(d.check(4, { externalId: "C3", phone: "+8613800138000" })).toMatchObject({ row: 4, of: 2, key: "phone" });
    expect(d.check(5, { externalId: "C2" })).toMatchObject({ of: 3, key: "externalId" });
    expect(d.check(6, { wechatOpenid: "oX1" })).toMatchObject({ of: 3, key: "identity:wechat" });
    // The same text under another key is no duplicate.
    expect(d.check(7, { tmallNick: "oX1" })).toBeNull();
    expect(d.check(8, { email: "b@x.com" })).toBeNull();
  });

  it("takes composite and configured keys", () => {
    const d = new InFileDedupe("orderLines", [["orderNo", "sku"]]);
    expect(d.check(2, { orderNo: "SO1", sku: "A" })).toBeNull();
    expect(d.check(3, { orderNo: "SO1", sku: "B" })).toBeNull();
    expect(d.check(4, { orderNo: "SO1", sku: "A" })).toMatchObject({ of: 2, key: "orderNo+sku" });
    expect(() => new InFileDedupe("customers", [["nickname"]])).toThrow();
  });

  it("keeps only hashes, grows, and finds every repeat among many keys", () => {
    const map = new HashRowMap(4);
    let clashes = 0;
    for (let i = 1; i <= 50_000; i++) if (map.setIfAbsent(hash64(`+86138${String(i).padStart(8, "0")}`), i + 1) !== undefined) clashes++;
    expect(clashes).toBe(0);
    expect(map.size).toBe(50_000);
    let wrong = 0;
    for (let i = 1; i <= 50_000; i++) if (map.get(hash64(`+86138${String(i).padStart(8, "0")}`)) !== i + 1) wrong++;
    expect(wrong).toBe(0);
    expect(map.setIfAbsent(hash64("+8613800000001"), 99)).toBe(2);
    expect(map.get(hash64("+8613900000000"))).toBeUndefined();
  });

  it("runs inside the row pipeline: the duplicate row is skipped and says of which row", () => {
    const cleaner = createRowCleaner(customerMapping);
    expect(cleaner.clean(2, { 客户编号: "C002", 姓名: "李四", 手机: "13900139000" }).status).toBe("ok");
    const failed = cleaner.clean(3, { 客户编号: "C009", 姓名: "", 手机: "13600136000" });
    expect(failed.status).toBe("failed");
    // A failed row is not remembered, so a later good row with its phone is not a duplicate.
    expect(cleaner.clean(4, { 客户编号: "C010", 姓名: "赵六", 手机: "13600136000" }).status).toBe("ok");
    const dup = cleaner.clean(5, { 客户编号: "c002", 姓名: "李四", 手机: "139-0013-9000" });
    expect(dup.status).toBe("duplicate");
    expect(dup.errors).toEqual([]);
    expect(formatRowIssue("en", dup.skipped!)).toBe("row 5: same Phone as row 2: skipped as a duplicate");
    expect(formatRowIssue("zh-CN", dup.skipped!)).toBe("第 5 行：手机与第 2 行重复，作为重复行跳过");
  });
});

describe("the whole path on a fixture: sniff → suggest → stream → clean", () => {
  it("imports the Excel-saved customers file, saying what happened to every row", async () => {
    const path = fixture("customers-utf8-bom.csv");
    const preview = previewCsv(new Uint8Array(readFileSync(path)), { complete: true });
    const suggestion = suggestMapping("customers", preview.headers, preview.rows.map((r) => r.cells));
    expect(suggestion.unmappedRequired).toEqual([]);
    const cleaner = createRowCleaner(suggestion.mapping, { headers: preview.headers, timeZone: "Asia/Shanghai" });
    const outcome: Record<number, string> = {};
    const report: string[] = [];
    for await (const raw of dataRows(readCsvRows(createReadStream(path), { delimiter: preview.delimiter!, encoding: "auto" }), preview.headerRow)) {
      const r = cleaner.clean(raw.row, raw.cells);
      outcome[r.row] = r.status;
      report.push(...r.errors.map((e) => formatRowIssue("en", e)));
      if (r.skipped) report.push(formatRowIssue("en", r.skipped));
    }
    expect(outcome).toEqual({ 2: "ok", 3: "ok", 4: "failed", 5: "ok", 6: "duplicate" });
    expect(report).toEqual([
      "row 4: 生日 '2024-02-30' is not a real date: 2024-2 has 29 days",
      "row 4: 手机号 '12345' is not a valid mobile number",
      "row 4: 邮箱 'wangwu@example' is not a valid e-mail address",
      "row 6: same External id as row 3: skipped as a duplicate",
    ]);
  });
});
