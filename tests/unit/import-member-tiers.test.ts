// Which tier a member file's 等级 cell names (lib/imports/members/tiers.ts).
import { describe, expect, it } from "vitest";
import { resolveTiers } from "@/lib/imports/members/tiers";

const tiers = [{ id: "t1", name: "普通会员", rank: 1 }, { id: "t2", name: "银卡", rank: 2 }, { id: "t3", name: "Gold Member", rank: 3 }];
const one = (cell: string) => resolveTiers([cell], tiers).get(cell);

describe("member tiers from a file", () => {
  it("finds a tier by its name, blind to case, width, spaces and the words around it", () => {
    expect(one("普通会员")).toBe("t1");
    expect(one("普通")).toBe("t1");
    expect(one("银卡会员")).toBe("t2");
    expect(one(" gold ")).toBe("t3");
    expect(one("ＧＯＬＤ")).toBe("t3");
  });

  it("finds a tier by rank and by the usual Chinese / English names", () => {
    expect(one("2")).toBe("t2");
    expect(one("V3")).toBe("t3");
    expect(one("LV1")).toBe("t1");
    expect(one("Silver")).toBe("t2");
    expect(one("金卡")).toBe("t3");
    expect(one("黄金会员")).toBe("t3");
    expect(one("Regular")).toBe("t1");
  });

  it("names no tier for anything else, or when two tiers share a family", () => {
    expect(one("钻石")).toBeUndefined();
    expect(one("9")).toBeUndefined();
    expect(one("VIP")).toBeUndefined();
    const two = [{ id: "a", name: "金卡", rank: 3 }, { id: "b", name: "黄金会员", rank: 4 }];
    expect(resolveTiers(["gold"], two).get("gold")).toBeUndefined();
    expect(resolveTiers(["黄金会员"], two).get("黄金会员")).toBe("b");
  });
});
