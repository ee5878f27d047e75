// The create and edit forms' rules, without a database: what each typed value
// becomes, and which issues (with the typed value as a parameter) a bad one raises.
import { describe, expect, it } from "vitest";
import { createCustomerSchema, updateCustomerSchema } from "@/lib/customers/edit-schema";
import { fieldErrorsOf } from "@/lib/customers/form-errors";
import { translator } from "@/lib/i18n/translate";

const NOW = new Date("2026-06-15T12:00:00Z");
const create = (raw: Record<string, unknown>) => createCustomerSchema(NOW).safeParse(raw);
const update = (raw: Record<string, unknown>) => updateCustomerSchema(NOW).safeParse(raw);
const errors = (raw: Record<string, unknown>, locale: "en" | "zh-CN" = "en") => {
  const r = create(raw);
  if (r.success) throw new Error("expected issues");
  return fieldErrorsOf(r.error.issues, translator(locale));
};

describe("customer form values", () => {
  it("normalizes phone numbers typed any way to E.164 (China by default)", () => {
    for (const typed of ["+86 138-0013-8000", "138 0013 8000", "0086 13800138000", "（+86）１３８００１３８０００", "13800138000"]) {
      const r = create({ name: "张三", phone: typed });
      expect(r.success && r.data.phone, typed).toBe("+8613800138000");
    }
    expect(create({ name: "张三", phone: "010-1234 5678" })).toMatchObject({ success: true, data: { phone: "+861012345678" } });
    expect(create({ name: "张三", phone: "" })).toMatchObject({ success: true, data: { phone: null } });
  });

  it("lower-cases e-mails, trims text, splits interests on commas and 、, drops empties and repeats", () => {
    const r = create({ name: "  张三 ", email: " Zhang.San@Example.COM ", interests: "摄影, 游戏、摄影,, 旅行", city: " 广州 ", gender: "F" });
    expect(r).toMatchObject({ success: true, data: { name: "张三", email: "zhang.san@example.com", interests: ["摄影", "游戏", "旅行"], city: "广州", gender: "F" } });
    expect(create({ name: "x", interests: ["a", "b, c"] })).toMatchObject({ success: true, data: { interests: ["a", "b", "c"] } });
  });

  it("reads a birthday as a calendar day; refuses impossible, future and pre-1900 dates with the value quoted", () => {
    expect(create({ name: "x", birthday: "1990-02-28" })).toMatchObject({ success: true, data: { birthday: new Date("1990-02-28T00:00:00Z") } });
    expect(create({ name: "x", birthday: "2026-06-15" }).success).toBe(true); // today is fine
    expect(errors({ name: "x", birthday: "1990-02-30" }).birthday).toBe("Birthday “1990-02-30” is not a real date; use YYYY-MM-DD.");
    expect(errors({ name: "x", birthday: "15/06/1990" }).birthday).toContain("“15/06/1990”");
    expect(errors({ name: "x", birthday: "2026-06-17" }).birthday).toBe("Birthday 2026-06-17 is in the future.");
    expect(errors({ name: "x", birthday: "1899-12-31" }).birthday).toBe("Birthday 1899-12-31 is before 1900.");
  });

  it("quotes the typed phone and e-mail in both languages", () => {
    const en = errors({ name: "x", phone: "12345", email: "a@b" });
    expect(en.phone).toBe("Phone “12345” is not a valid mobile number (or a landline with its area code), e.g. 138 0013 8000.");
    expect(en.email).toBe("E-mail “a@b” is not a valid address, e.g. name@example.com.");
    const zh = errors({ name: "x", phone: "12345" }, "zh-CN");
    expect(zh.phone).toBe("手机号“12345”不是有效的手机号（固话请带区号），例如 138 0013 8000。");
  });

  it("requires a name, a known gender, ids that look like ids, and a channel for a channel id", () => {
    const e = errors({ name: " ", gender: "X", homeStoreId: "store-1", ownerUserId: "1 OR 1=1", identityExternalId: "oWx1" });
    expect(Object.keys(e).sort()).toEqual(["gender", "homeStoreId", "identityChannel", "name", "ownerUserId"]);
    expect(create({ name: "x", identityChannel: "wechat", identityExternalId: " oWx1 " })).toMatchObject({
      success: true, data: { identity: { channel: "wechat", externalId: "oWx1" } },
    });
    expect(create({ name: "x", identityChannel: "wechat" })).toMatchObject({ success: true, data: { identity: null } });
  });

  it("limits lengths and the number of interests", () => {
    expect(Object.keys(errors({ name: "长".repeat(101), occupation: "x".repeat(51), interests: Array.from({ length: 21 }, (_, i) => `i${i}`).join(",") })).sort())
      .toEqual(["interests", "name", "occupation"]);
    expect(errors({ name: "x", interests: "一".repeat(21) }).interests).toContain("longer than 20");
  });

  it("keeps only well-formed acknowledged duplicate ids", () => {
    const id = "0f0e0d0c-0b0a-4988-8776-655443322110";
    expect(create({ name: "x", acknowledgedDuplicates: [id, "nope", id.toUpperCase()] })).toMatchObject({ success: true, data: { acknowledgedDuplicates: [id] } });
  });
});

describe("the edit form", () => {
  const id = "0f0e0d0c-0b0a-4988-8776-655443322110";

  it("needs the customer id and the version it was opened with", () => {
    expect(update({ customerId: id, version: "3", name: "x" })).toMatchObject({ success: true, data: { customerId: id, version: 3 } });
    const r = update({ customerId: "x", name: "x" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["customerId", "version"]));
    expect(update({ customerId: id, version: "0", name: "x" }).success).toBe(false);
  });

  it("keeps a masked phone or e-mail when the field is left empty, unless removal is asked for", () => {
    const base = { customerId: id, version: "1", name: "x", keepPhone: "1", keepEmail: "1" };
    expect(update(base)).toMatchObject({ success: true, data: { keep: { phone: true, email: true } } });
    expect(update({ ...base, phone: "13800138000", removeEmail: "1" })).toMatchObject({
      success: true, data: { phone: "+8613800138000", keep: { phone: false, email: false } },
    });
    expect(update({ customerId: id, version: "1", name: "x" })).toMatchObject({ success: true, data: { keep: { phone: false, email: false } } });
  });
});
