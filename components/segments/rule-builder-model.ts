// The rule builder's editing model: the tree with a key per node (for React and
// for labels' ids), the value editor each field uses, and the conversion to the
// stored tree (lib/segments/rule-tree.ts), which the server validates again.
import type { RuleCondition, RuleField, RuleGroup } from "@/lib/segments/rule-tree";

export type Editor = "multi" | "text" | "range" | "date" | "days" | "bought" | "channelDays";
export type FieldMeta = { group: "attributes" | "scores" | "membership" | "behaviour"; editor: Editor; ops: string[]; options?: string; numeric?: boolean; step?: string };

const SET = ["in", "notIn"];
const RANGE = ["gte", "lte", "between"];
export const FIELDS: Record<RuleField, FieldMeta> = {
  province: { group: "attributes", editor: "text", ops: SET, options: "provinces" },
  city: { group: "attributes", editor: "text", ops: SET, options: "cities" },
  gender: { group: "attributes", editor: "multi", ops: SET, options: "genders" },
  sourceChannel: { group: "attributes", editor: "multi", ops: SET, options: "channels" },
  homeStore: { group: "attributes", editor: "multi", ops: SET, options: "stores" },
  createdAt: { group: "attributes", editor: "date", ops: ["onOrAfter", "onOrBefore", "between"] },
  birthdayMonth: { group: "attributes", editor: "multi", ops: SET, options: "months", numeric: true },
  rScore: { group: "scores", editor: "range", ops: RANGE, step: "1" },
  fScore: { group: "scores", editor: "range", ops: RANGE, step: "1" },
  mScore: { group: "scores", editor: "range", ops: RANGE, step: "1" },
  rfmSegment: { group: "scores", editor: "multi", ops: SET, options: "rfm" },
  churnRisk: { group: "scores", editor: "multi", ops: SET, options: "churn" },
  pAlive: { group: "scores", editor: "range", ops: RANGE, step: "0.01" },
  clv: { group: "scores", editor: "range", ops: RANGE, step: "any" },
  cluster: { group: "scores", editor: "multi", ops: SET, options: "clusters", numeric: true },
  tag: { group: "membership", editor: "multi", ops: ["hasAny", "hasNone"], options: "tags" },
  tier: { group: "membership", editor: "multi", ops: SET, options: "tiers" },
  department: { group: "membership", editor: "multi", ops: SET, options: "departments" },
  ordersCount: { group: "behaviour", editor: "range", ops: RANGE, step: "1" },
  totalPaid: { group: "behaviour", editor: "range", ops: RANGE, step: "any" },
  lastOrderWithin: { group: "behaviour", editor: "days", ops: ["within", "notWithin"] },
  boughtProduct: { group: "behaviour", editor: "bought", ops: ["bought", "notBought"], options: "products" },
  boughtCategory: { group: "behaviour", editor: "bought", ops: ["bought", "notBought"], options: "categories" },
  interactedOn: { group: "behaviour", editor: "channelDays", ops: ["within", "notWithin"], options: "interactionChannels" },
};
export const FIELD_GROUPS = ["attributes", "scores", "membership", "behaviour"] as const;

/** A condition as edited: every input kept as typed (strings), converted on the way out. */
export type UiCondition = { key: string; type: "condition"; field: RuleField; op: string; values: string[]; text: string; value: string; value2: string; days: string; channel: string };
export type UiGroup = { key: string; type: "group"; op: "and" | "or"; children: UiNode[] };
export type UiNode = UiCondition | UiGroup;

let seq = 0;
export const nextKey = () => `n${++seq}`;

export function newCondition(field: RuleField = "city"): UiCondition {
  return { key: nextKey(), type: "condition", field, op: FIELDS[field].ops[0]!, values: [], text: "", value: "", value2: "", days: "", channel: "" };
}
export const newGroup = (op: "and" | "or" = "and"): UiGroup => ({ key: nextKey(), type: "group", op, children: [] });

/**
 * A stored tree to the editing model (for presets and later edits). Its keys come
 * from each node's position, so the server's render and the browser's hydration
 * give the same ids; nodes added later get nextKey()'s.
 */
export function toUi(g: RuleGroup, path = "p0"): UiGroup {
  return {
    key: path, type: "group", op: g.op,
    children: g.children.map((c, i) => {
      if (c.type === "group") return toUi(c, `${path}-${i}`);
      const u = { ...newCondition(c.field), key: `${path}-${i}` };
      u.op = c.op;
      const r = c as Record<string, unknown>;
      if (Array.isArray(r.values)) {
        u.values = (r.values as unknown[]).map(String);
        u.text = u.values.join(", ");
      }
      if (r.value !== undefined) u.value = String(r.value);
      if (r.value2 !== undefined) u.value2 = String(r.value2);
      if (r.days !== undefined) u.days = String(r.days);
      if (typeof r.channel === "string") u.channel = r.channel;
      return u;
    }),
  };
}

const num = (s: string) => (s.trim() === "" ? NaN : Number(s));
const splitText = (s: string) => [...new Set(s.split(/[,，、;；\n]/).map((x) => x.trim()).filter(Boolean))];

/** One condition for the server; null when it is not complete yet. */
function toCondition(u: UiCondition): RuleCondition | null {
  const meta = FIELDS[u.field];
  const base = { type: "condition", field: u.field, op: u.op } as Record<string, unknown>;
  switch (meta.editor) {
    case "multi":
      if (!u.values.length) return null;
      base.values = meta.numeric ? u.values.map(Number) : u.values;
      break;
    case "text": {
      const values = splitText(u.text);
      if (!values.length) return null;
      base.values = values;
      break;
    }
    case "range": {
      const a = num(u.value);
      if (!Number.isFinite(a)) return null;
      base.value = a;
      if (u.op === "between") {
        const b = num(u.value2);
        if (!Number.isFinite(b)) return null;
        base.value2 = b;
      }
      break;
    }
    case "date":
      if (!u.value) return null;
      base.value = u.value;
      if (u.op === "between") {
        if (!u.value2) return null;
        base.value2 = u.value2;
      }
      break;
    case "days": {
      const d = num(u.days);
      if (!Number.isInteger(d)) return null;
      base.days = d;
      break;
    }
    case "bought": {
      const values = u.field === "boughtCategory" ? u.values : u.values;
      if (!values.length) return null;
      base.values = values;
      const d = num(u.days);
      if (Number.isInteger(d)) base.days = d;
      break;
    }
    case "channelDays": {
      const d = num(u.days);
      if (!u.channel || !Number.isInteger(d)) return null;
      base.channel = u.channel;
      base.days = d;
      break;
    }
  }
  return base as RuleCondition;
}

/** The tree for the server, or null while some condition is incomplete. */
export function toRuleTree(g: UiGroup): RuleGroup | null {
  const children: RuleGroup["children"] = [];
  for (const c of g.children) {
    const out = c.type === "group" ? toRuleTree(c) : toCondition(c);
    if (!out) return null;
    children.push(out);
  }
  return { type: "group", op: g.op, children };
}

/** The tree with the node `key` replaced by `fn(node)` (null removes it). */
export function updateNode(g: UiGroup, key: string, fn: (n: UiNode) => UiNode | null): UiGroup {
  if (g.key === key) return (fn(g) as UiGroup | null) ?? g;
  return {
    ...g,
    children: g.children.flatMap((c) => {
      if (c.key === key) {
        const next = fn(c);
        return next ? [next] : [];
      }
      return c.type === "group" ? [updateNode(c, key, fn)] : [c];
    }),
  };
}

export function conditionCount(g: UiGroup): number {
  return g.children.reduce((n, c) => n + (c.type === "group" ? conditionCount(c) : 1), 0);
}
