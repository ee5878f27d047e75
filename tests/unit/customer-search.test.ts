import { describe, expect, it } from "vitest";
import { planSearch, prefixUpperBound, reversed } from "@/lib/customers/search";

describe("planSearch: what the search box means", () => {
  it.each([
    ["+86 138 0013 8000", { kind: "phone", e164: "+8613800138000" }],
    ["138-0013-8000", { kind: "phone", e164: "+8613800138000" }],
    ["0086 13800138000", { kind: "phone", e164: "+8613800138000" }],
    ["8000", { kind: "phoneTail", digits: "8000" }],
    ["0013 8000", { kind: "phoneTail", digits: "00138000" }],
    ["123", { kind: "name", prefix: "123" }],
    ["Wang@Example.COM", { kind: "email", email: "wang@example.com", raw: "Wang@Example.COM" }],
    ["王小明", { kind: "name", prefix: "王小明" }],
    ["Zhang Wei", { kind: "name", prefix: "zhang wei" }],
    ["EXT-001", { kind: "name", prefix: "ext-001", raw: "EXT-001" }],
  ])("%s", (input, expected) => {
    expect(planSearch(input)).toMatchObject(expected);
  });

  it("ignores blank input and caps very long input", () => {
    expect(planSearch("   ")).toBeNull();
    expect(planSearch(undefined)).toBeNull();
    expect(planSearch("王".repeat(500))!.raw).toHaveLength(100);
  });
});

describe("prefixUpperBound: prefix search as an index range", () => {
  it("is the prefix with its last character incremented", () => {
    expect(prefixUpperBound("abc")).toBe("abd");
    expect(prefixUpperBound("王")).toBe("王".replace("王", String.fromCodePoint("王".codePointAt(0)! + 1)));
    expect(prefixUpperBound("0008")).toBe("0009");
    expect(prefixUpperBound("9")).toBe(":");
  });

  it("bounds exactly the strings that start with the prefix (code-point order)", () => {
    const prefix = "王小";
    const upper = prefixUpperBound(prefix)!;
    const inRange = (s: string) => Buffer.compare(Buffer.from(s), Buffer.from(prefix)) >= 0 && Buffer.compare(Buffer.from(s), Buffer.from(upper)) < 0;
    for (const s of ["王小", "王小明", "王小\u{10FFFF}", "王小😀"]) expect(inRange(s), s).toBe(true);
    for (const s of ["王", "王大锤", "王少", "李王小", "王Ｘ"]) expect(inRange(s), s).toBe(false);
  });

  it("handles astral characters, the surrogate gap and the top of Unicode", () => {
    expect(prefixUpperBound("a😀")).toBe("a😁");
    expect(prefixUpperBound("a\uD7FF")).toBe("a\uE000");
    expect(prefixUpperBound("a\u{10FFFF}")).toBe("b");
    expect(prefixUpperBound("\u{10FFFF}")).toBeNull();
  });

  it("reverses by code point", () => {
    expect(reversed("13800138000")).toBe("00083100831");
  });
});
