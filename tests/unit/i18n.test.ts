import { describe, expect, it } from "vitest";
import { allKeys, translator } from "@/lib/i18n/translate";
import { MAIN_NAV, ADMIN_NAV } from "@/lib/navigation";

describe("i18n", () => {
  it("zh-CN and English have exactly the same keys", () => {
    expect(allKeys("zh-CN").sort()).toEqual(allKeys("en").sort());
  });

  it("no zh-CN text is left in English by mistake for navigation", () => {
    const zh = translator("zh-CN");
    for (const item of [...MAIN_NAV, ...ADMIN_NAV]) expect(zh(item.label)).toMatch(/[\u4e00-\u9fff]/);
  });

  it("fills parameters and falls back to the key for unknown keys", () => {
    expect(translator("en")("error.forbidden", { permission: "user:manage" })).toContain("user:manage");
    expect(translator("zh-CN")("no.such.key")).toBe("no.such.key");
  });
});
