import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fieldsMarkdown } from "@/lib/import/docs";
import { ENTITIES, IMPORT_ENTITIES, type FieldDef } from "@/lib/import/fields";
import { headerToken, headerTokenBare } from "@/lib/import/headers";
import { checkMapping, importMappingSchema, type ImportMapping } from "@/lib/import/mapping";
import { en, zh } from "@/lib/i18n/messages/import";
import { suggestMapping } from "@/lib/import/suggest-mapping";
import { findTemplate, headerSignature, makeTemplate } from "@/lib/import/template";

const columnsOf = (m: ImportMapping) => Object.fromEntries(Object.entries(m.fields).map(([k, v]) => [k, v.column]));

describe("fields", () => {
  it("defines every entity, with unique keys and no header synonym claimed by two fields of one entity", () => {
    expect(Object.keys(ENTITIES).sort()).toEqual([...IMPORT_ENTITIES].sort());
    for (const entity of IMPORT_ENTITIES) {
      const fields = ENTITIES[entity].fields as readonly FieldDef[];
      expect(new Set(fields.map((f) => f.key)).size).toBe(fields.length);
      const owner = new Map<string, string>();
      for (const f of fields) {
        for (const s of [...f.synonyms, f.key]) {
          const token = headerToken(s);
          const other = owner.get(token);
          expect(other === undefined || other === f.key, `${entity}: "${s}" is a synonym of ${other} and ${f.key}`).toBe(true);
          owner.set(token, f.key);
        }
      }
      for (const f of fields) expect(f.label.en && f.label.zh).toBeTruthy();
    }
  });

  it("has the header names the brief lists", () => {
    const syn = (entity: (typeof IMPORT_ENTITIES)[number], key: string) =>
      (ENTITIES[entity].fields as readonly FieldDef[]).find((f) => f.key === key)!.synonyms.map(headerToken);
    expect(syn("customers", "name")).toEqual(expect.arrayContaining(["姓名", "客户姓名", "name", "customername"]));
    expect(syn("customers", "phone")).toEqual(expect.arrayContaining(["手机", "手机号", "手机号码", "电话", "联系电话", "mobile", "phone"]));
    expect(syn("customers", "province")).toEqual(expect.arrayContaining(["省份", "省", "province"]));
    expect(syn("customers", "city")).toEqual(expect.arrayContaining(["城市", "市", "city"]));
    expect(syn("orders", "orderedAt")).toEqual(expect.arrayContaining(["下单时间", "订单时间", "创建时间", "ordertime", "created"]));
    expect(syn("orders", "paidAt")).toEqual(expect.arrayContaining(["支付时间", "付款时间", "paidat"]));
    expect(syn("orders", "orderNo")).toEqual(expect.arrayContaining(["订单号", "订单编号", "orderno"]));
    expect(syn("orderLines", "sku")).toEqual(expect.arrayContaining(["商品编码", "sku", "货号"]));
    expect(syn("orderLines", "productName")).toEqual(expect.arrayContaining(["商品名称", "productname"]));
    expect(syn("orderLines", "quantity")).toEqual(expect.arrayContaining(["数量", "qty"]));
    expect(syn("orderLines", "unitPrice")).toEqual(expect.arrayContaining(["单价", "price"]));
    expect(syn("orders", "paidAmount")).toEqual(expect.arrayContaining(["实付金额", "支付金额"]));
    expect(syn("members", "tier")).toEqual(expect.arrayContaining(["会员等级", "tier"]));
    expect(syn("members", "points")).toEqual(expect.arrayContaining(["积分", "points"]));
  });

  it("keeps the en and zh messages in step", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const params = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1].replace(/(En|Zh)$/, "")).sort();
      expect(params(zh[key as keyof typeof en]), key).toEqual(params(text));
    }
  });

  it("docs/import-format.md carries the generated field tables", () => {
    const doc = readFileSync(fileURLToPath(new URL("../../docs/import-format.md", import.meta.url)), "utf8");
    expect(doc.includes(fieldsMarkdown()), "regenerate the tables: see the note in docs/import-format.md").toBe(true);
  });
});

describe("header normalization", () => {
  it("ignores case, width, spaces, punctuation and a required mark; the bare form drops bracketed notes", () => {
    expect(headerToken(" Customer_Name ")).toBe("customername");
    expect(headerToken("ＣＵＳＴＯＭＥＲ－ＮＡＭＥ")).toBe("customername");
    expect(headerToken("*客户 姓名")).toBe("客户姓名");
    expect(headerTokenBare("金额(元)")).toBe("金额");
    expect(headerTokenBare("手机号【必填】")).toBe("手机号");
    expect(headerTokenBare("下单时间（北京时间）")).toBe("下单时间");
  });
});

describe("suggestMapping", () => {
  it("maps a Chinese customer header set by synonyms, mobile-only for a 手机 column", () => {
    const r = suggestMapping("customers", ["客户编号", "姓名", "性别", "手机号", "邮箱", "省份", "城市", "生日", "注册时间"]);
    expect(columnsOf(r.mapping)).toEqual({
      externalId: "客户编号", name: "姓名", gender: "性别", birthday: "生日", phone: "手机号", email: "邮箱",
      province: "省份", city: "城市", registeredAt: "注册时间",
    });
    expect(r.mapping.fields.phone.transform).toEqual({ phoneKind: "mobile" });
    expect(r.suggestions.every((s) => s.method === "exact")).toBe(true);
    expect(r.unmappedRequired).toEqual([]);
    expect(r.unusedColumns).toEqual([]);
  });

  it("maps an English header set regardless of case and punctuation, a 'Phone' column accepting landlines", () => {
    const r = suggestMapping("customers", ["Customer ID", "Full Name", "E-mail", "PHONE", "Province", "City", "Date of Birth", "Created At"]);
    expect(columnsOf(r.mapping)).toEqual({
      externalId: "Customer ID", name: "Full Name", birthday: "Date of Birth", phone: "PHONE", email: "E-mail",
      province: "Province", city: "City", registeredAt: "Created At",
    });
    expect(r.mapping.fields.phone.transform).toBeUndefined();
  });

  it("matches headers with notes and longer names, without Latin false friends", () => {
    const r = suggestMapping("orderLines", ["订单编号", "下单时间(北京时间)", "买家会员名", "收货人手机号码", "收货地址", "商品编码", "商品名称", "购买数量", "商品单价", "实付金额(元)", "hotel"]);
    expect(columnsOf(r.mapping)).toMatchObject({
      orderNo: "订单编号", orderedAt: "下单时间(北京时间)", buyerNick: "买家会员名", customerPhone: "收货人手机号码",
      address: "收货地址", sku: "商品编码", productName: "商品名称", quantity: "购买数量", unitPrice: "商品单价", paidAmount: "实付金额(元)",
    });
    expect(r.suggestions.find((s) => s.field === "orderedAt")?.method).toBe("bare");
    expect(r.suggestions.find((s) => s.field === "customerPhone")).toMatchObject({ method: "contains", transform: { phoneKind: "mobile" } });
    expect(r.unusedColumns).toEqual(["hotel"]); // "tel" is a phone synonym, but only as a whole word
    expect(r.unmappedGroups).toEqual([]);
  });

  it("recognises columns by their values when the headers say nothing", () => {
    const headers = ["A", "B", "C", "D", "E"];
    const samples = [
      ["张三", "13800138000", "zs@example.com", "1990/5/1", "男"],
      ["李四", "+86 139 0013 9000", "ls@example.com", "1988-03-15", "女"],
      ["王五", "137-0013-7000", "", "1975年1月2日", "男"],
    ];
    const r = suggestMapping("customers", headers, samples);
    expect(columnsOf(r.mapping)).toEqual({ phone: "B", email: "C", birthday: "D", gender: "E" });
    expect(r.suggestions.every((s) => s.method === "values")).toBe(true);
    expect(r.unmappedRequired).toEqual(["name"]);
    expect(r.unusedColumns).toEqual(["A"]);
  });

  it("sends date-time values to a date-time field and never gives one column to two fields", () => {
    const r = suggestMapping("orders", ["单号", "X", "Y"], [["SO1", "2024-01-02 13:05", "13800138000"], ["SO2", "2024/1/3 9:00", "13900139000"]]);
    expect(columnsOf(r.mapping)).toEqual({ orderNo: "单号", orderedAt: "X", customerPhone: "Y" });
    const columns = Object.values(r.mapping.fields).map((f) => f.column);
    expect(new Set(columns).size).toBe(columns.length);
  });

  it("gives one field only one column when two headers fit it", () => {
    const r = suggestMapping("customers", ["手机", "手机号码", "姓名"]);
    expect(r.mapping.fields.phone.column).toBe("手机");
    expect(r.unusedColumns).toEqual(["手机号码"]);
  });

  it("reports required fields and required groups left unmapped", () => {
    const r = suggestMapping("orders", ["订单号", "备注"]);
    expect(r.unmappedRequired).toEqual(["orderedAt"]);
    expect(r.unmappedGroups.map((g) => g.key)).toEqual(["customerRef"]);
    expect(checkMapping(r.mapping, ["订单号", "备注"]).map((p) => p.key)).toEqual(["import.mapping.requiredUnmapped", "import.mapping.groupUnmapped"]);
  });
});

describe("checkMapping and the saved mapping's schema", () => {
  it("refuses unknown fields and columns and a column used twice", () => {
    const mapping = importMappingSchema.parse({
      entity: "customers",
      fields: { name: { column: "姓名" }, phone: { column: "手机" }, email: { column: "手机" }, nickname: { column: "昵称" } },
    });
    expect(mapping.splitAddress).toBe(true);
    expect(checkMapping(mapping, ["姓名", "手机"]).map((p) => p.key)).toEqual(["import.mapping.unknownField", "import.mapping.columnTwice"]);
    const missingColumn = importMappingSchema.parse({ entity: "customers", fields: { name: { column: "Name" } } });
    expect(checkMapping(missingColumn, ["姓名"])).toEqual([{ key: "import.mapping.unknownColumn", params: { column: "Name" } }]);
  });

  it("accepts a constant default in place of a column for a required field", () => {
    const mapping = importMappingSchema.parse({ entity: "members", fields: {
      memberNo: { column: "卡号" }, customerPhone: { column: "手机" }, joinedAt: { column: null, transform: { default: "2024-01-01" } },
    } });
    expect(checkMapping(mapping, ["卡号", "手机"])).toEqual([]);
    expect(() => importMappingSchema.parse({ entity: "customers", fields: { name: { column: "a", transform: { bogus: 1 } } } })).toThrow();
    expect(() => importMappingSchema.parse({ entity: "nope", fields: {} })).toThrow();
  });
});

describe("mapping templates", () => {
  const headers = ["姓名", "手机号", "Email", "省份"];

  it("has a header signature stable under column order, case, width and spacing", () => {
    const sig = headerSignature(headers);
    expect(sig).toMatch(/^hs1:[0-9a-f]{32}$/);
    expect(headerSignature(["省份", "EMAIL", "手机号", "姓名"])).toBe(sig);
    expect(headerSignature([" 姓名 ", "手机号", "ｅｍａｉｌ", "省份"])).toBe(sig);
    expect(headerSignature([...headers, ""])).toBe(sig);
    expect(headerSignature([...headers, "城市"])).not.toBe(sig);
    expect(headerSignature(["姓名", "手机号", "Email"])).not.toBe(sig);
  });

  it("re-applies a saved mapping to the same header set, pointing at this file's spelling of the headers", () => {
    const saved = makeTemplate(suggestMapping("customers", headers).mapping, headers);
    const again = findTemplate([saved], "customers", ["省份", "EMAIL", "姓名", "手机号"]);
    expect(again && columnsOf(again)).toEqual({ name: "姓名", phone: "手机号", email: "EMAIL", province: "省份" });
    expect(findTemplate([saved], "orders", headers)).toBeNull();
    expect(findTemplate([saved], "customers", ["姓名"])).toBeNull();
  });
});
