import { describe, expect, it } from "vitest";
import { formatPhone, looksLikePhone, normalizePhone, phoneDigits } from "@/lib/format/phone";

describe("normalizePhone (China as the default region)", () => {
  it.each([
    ["+86 138 0013 8000", "+8613800138000"],
    ["138-0013-8000", "+8613800138000"],
    ["0086 13800138000", "+8613800138000"],
    ["8613800138000", "+8613800138000"],
    ["13800138000", "+8613800138000"],
    ["(138) 0013 8000", "+8613800138000"],
    ["１３８ ００１３ ８０００", "+8613800138000"],
    ["＋86 13800138000", "+8613800138000"],
    ["020-1234 5678", "+862012345678"],
    ["+1 415 555 2671", "+14155552671"],
  ])("%s → %s", (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
  });

  it.each(["", "   ", "8000", "12345", "+86 12345", "not a phone", "1380013800012345678901234567890123456789012"])(
    "refuses %j", (input) => {
      expect(normalizePhone(input)).toBeNull();
    });

  it("formats a stored E.164 number for reading, and leaves anything else as it is", () => {
    expect(formatPhone("+8613800138000")).toBe("+86 138 0013 8000");
    expect(formatPhone("legacy 123")).toBe("legacy 123");
  });

  it("reads digits and tells phone-shaped text from names", () => {
    expect(phoneDigits("+86 (138) 0013-8000")).toBe("8613800138000");
    expect(looksLikePhone("0013 8000")).toBe(true);
    expect(looksLikePhone("+86-138.0013.8000")).toBe(true);
    expect(looksLikePhone("王小明")).toBe(false);
    expect(looksLikePhone("EXT-001")).toBe(false);
  });
});
