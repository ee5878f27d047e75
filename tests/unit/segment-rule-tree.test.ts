// The rule tree schema: only whitelisted fields and operators, bounded depth and
// size, and values (even SQL-looking ones) are compiled as bound parameters only.
import { describe, expect, it } from "vitest";
import { MAX_CONDITIONS, legacyToRuleTree, parseRuleTree, type RuleGroup } from "@/lib/segments/rule-tree";
import { ruleTreeSql } from "@/lib/segments/rule-sql";
import { presetTree } from "@/lib/segments/builder-options";
import { toRuleTree, toUi } from "@/components/segments/rule-builder-model";

const cond = (x: Record<string, unknown>) => ({ type: "condition", ...x });
const group = (op: "and" | "or", children: unknown[]) => ({ type: "group", op, children });
const ctx = { tenantId: "00000000-0000-4000-8000-000000000001", timeZone: "Asia/Shanghai" };

describe("rule tree schema", () => {
  it("accepts a nested AND/OR tree of known conditions", () => {
    const tree = group("and", [
      cond({ field: "city", op: "in", values: ["北京"] }),
      group("or", [cond({ field: "rScore", op: "between", value: 4, value2: 5 }), cond({ field: "tag", op: "hasNone", values: ["11111111-1111-4111-8111-111111111111"] })]),
    ]);
    const r = parseRuleTree(JSON.stringify(tree));
    expect(r.ok).toBe(true);
  });

  it("rejects unknown fields, unknown operators and extra keys", () => {
    expect(parseRuleTree(group("and", [cond({ field: "password", op: "in", values: ["x"] })])).ok).toBe(false);
    expect(parseRuleTree(group("and", [cond({ field: "city", op: "like", values: ["x"] })])).ok).toBe(false);
    expect(parseRuleTree(group("and", [cond({ field: "city", op: "in", values: ["x"], column: "c.phone" })])).ok).toBe(false);
    expect(parseRuleTree(group("xor" as "and", []))).toMatchObject({ ok: false });
    expect(parseRuleTree(group("and", [cond({ field: "homeStore", op: "in", values: ["not-a-uuid"] })])).ok).toBe(false);
    expect(parseRuleTree(group("and", [cond({ field: "rScore", op: "gte", value: 9 })])).ok).toBe(false);
    expect(parseRuleTree(group("and", [cond({ field: "interactedOn", op: "within", channel: "x' OR 1=1", days: 3 })])).ok).toBe(false);
    expect(parseRuleTree("{not json").ok).toBe(false);
  });

  it("between needs both ends in order", () => {
    expect(parseRuleTree(group("and", [cond({ field: "clv", op: "between", value: 10 })]))).toEqual({ ok: false, error: "segments.builder.error.between" });
    expect(parseRuleTree(group("and", [cond({ field: "clv", op: "between", value: 10, value2: 5 })]))).toEqual({ ok: false, error: "segments.builder.error.betweenOrder" });
  });

  it("limits depth to 3 and conditions to 50, with specific errors", () => {
    const c = cond({ field: "city", op: "in", values: ["x"] });
    expect(parseRuleTree(group("and", [group("or", [group("and", [c])])])).ok).toBe(true);
    expect(parseRuleTree(group("and", [group("or", [group("and", [group("or", [c])])])]))).toEqual({ ok: false, error: "segments.builder.error.depth" });
    let deep: unknown = c;
    for (let i = 0; i < 5000; i++) deep = group("and", [deep]);
    expect(parseRuleTree(deep)).toEqual({ ok: false, error: "segments.builder.error.depth" });
    expect(parseRuleTree(group("and", Array.from({ length: MAX_CONDITIONS }, () => c))).ok).toBe(true);
    expect(parseRuleTree(group("and", Array.from({ length: MAX_CONDITIONS + 1 }, () => c)))).toEqual({ ok: false, error: "segments.builder.error.tooMany" });
  });

  it("an injection string stays a value: bound as a parameter, never in the SQL text", () => {
    const evil = "x'); DROP TABLE customers; --";
    const r = parseRuleTree(group("or", [cond({ field: "city", op: "in", values: [evil] }), cond({ field: "boughtCategory", op: "notBought", values: [evil], days: 30 })]));
    expect(r.ok).toBe(true);
    const sql = ruleTreeSql(ctx, (r as { tree: RuleGroup }).tree)!;
    expect(sql.sql).not.toContain("DROP");
    expect(sql.values.filter((v) => Array.isArray(v) && v[0] === evil)).toHaveLength(2);
    expect(sql.sql).toContain(" OR ");
  });

  it("an empty tree means no condition; empty nested groups are left out", () => {
    expect(ruleTreeSql(ctx, { type: "group", op: "or", children: [] })).toBeNull();
    const one = ruleTreeSql(ctx, { type: "group", op: "or", children: [{ type: "group", op: "and", children: [] }, { type: "condition", field: "gender", op: "in", values: ["F"] }] })!;
    expect(one.sql).not.toContain(" OR ");
  });
});

describe("old definitions and presets", () => {
  it("an old AND definition becomes one AND group", () => {
    const { tree, rest } = legacyToRuleTree({ filters: { city: "北京", q: "王" }, rfmSegments: ["champions"], churnRisk: ["high"], clvMin: 100 });
    expect(tree.op).toBe("and");
    expect(tree.children.map((c) => (c.type === "condition" ? c.field : "group"))).toEqual(["city", "rfmSegment", "churnRisk", "clv"]);
    expect(rest).toEqual({ q: "王" });
    expect(parseRuleTree(tree).ok).toBe(true);
  });

  it("overview presets are one condition; unknown presets are empty", () => {
    expect(presetTree("rfm:champions").children).toEqual([{ type: "condition", field: "rfmSegment", op: "in", values: ["champions"] }]);
    expect(presetTree("cluster:2").children).toEqual([{ type: "condition", field: "cluster", op: "in", values: [2] }]);
    expect(presetTree("rfm:nope").children).toEqual([]);
    expect(presetTree("x'--").children).toEqual([]);
  });

  it("the builder's model round-trips a stored tree, and an incomplete condition gives no tree", () => {
    const stored: RuleGroup = { type: "group", op: "or", children: [
      { type: "condition", field: "cluster", op: "in", values: [1, 3] },
      { type: "group", op: "and", children: [{ type: "condition", field: "pAlive", op: "between", value: 0.1, value2: 0.3 }, { type: "condition", field: "lastOrderWithin", op: "notWithin", days: 90 }] },
    ] };
    expect(toRuleTree(toUi(stored))).toEqual(stored);
    const ui = toUi({ type: "group", op: "and", children: [{ type: "condition", field: "city", op: "in", values: ["x"] }] });
    (ui.children[0] as { text: string }).text = " ";
    expect(toRuleTree(ui)).toBeNull();
  });
});
