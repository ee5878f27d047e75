import { describe, expect, it } from "vitest";
import { maskEmail, maskPhone } from "@/lib/format/mask";

describe("maskPhone", () => {
  it.each([
    ["+8613800138000", "+86 138****8000"],
    ["+8613912345678", "+86 139****5678"],
    ["+862012345678", "+86 201***5678"],
    ["+14155552671", "+1 415***2671"],
    ["+85261234567", "+852 612*4567"],
    ["+861234", "+86 **34"],
  ])("%s → %s", (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it("never lets a non-E.164 value through: digits masked, everything else dropped", () => {
    expect(maskPhone("138-0013-8000")).toBe("138****8000");
    expect(maskPhone("call 13800138000 after 6pm")).toBe("138*****0006");
    expect(maskPhone("n/a")).toBe("****");
    expect(maskPhone("12")).toBe("****");
  });

  it("keeps at most 7 digits of any number visible", () => {
    for (const phone of ["+8613800138000", "+14155552671", "+862012345678"]) {
      const visible = maskPhone(phone).replace(/^\+\d+ /, "").replace(/\*/g, "");
      expect(visible.length).toBeLessThanOrEqual(7);
    }
  });
});

describe("maskEmail", () => {
  it.each([
    ["zhang.wei@example.com", "z***@example.com"],
    ["wang@example.com", "w***@example.com"],
    ["王小明@例子.中国", "王***@例子.中国"],
    ["a@example.com", "***@example.com"],
    ["weird@name@example.com", "w***@example.com"],
    ["no-at-sign", "***"],
    ["@example.com", "***"],
  ])("%s → %s", (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});
