// A rule segment's definition: a tree of AND/OR groups whose leaves are conditions
// on one whitelisted field each (attributes, scores, tags, tier, region, behaviour).
// Stored in segments.definition.rules (jsonb) and validated here on the way in and
// out. Every condition is a strict object of a known field, operator and value
// shape, so an unknown field or operator is refused; values are only ever bound as
// SQL parameters by rule-sql.ts (never written into the SQL text).
//
// Limits: groups nest at most MAX_DEPTH deep (the root is depth 1) and a tree holds
// at most MAX_CONDITIONS conditions, checked before the schema walks the value so a
// hostile payload (10,000 nested arrays) is refused cheaply.
import { z } from "zod";
import { CHURN_LEVELS, type CustomerFilters } from "@/lib/customers/filters";
import { RFM_SEGMENTS } from "@/lib/analytics/rfm/segments";
import { INTERACTION_CHANNELS } from "@/lib/customers/schemas";

export const MAX_DEPTH = 3;
export const MAX_CONDITIONS = 50;
const MAX_VALUES = 200;

const text = z.string().trim().min(1).max(100);
const texts = z.array(text).min(1).max(MAX_VALUES);
const ids = z.array(z.guid()).min(1).max(MAX_VALUES);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
});
const days = z.number().int().min(1).max(3650);
const setOp = z.enum(["in", "notIn"]);
const rangeOp = z.enum(["gte", "lte", "between"]);

/** A number range: gte uses `value`, lte uses `value`, between uses `value` … `value2` inclusive. */
function range(value: z.ZodNumber) {
  return { op: rangeOp, value, value2: value.optional() };
}

const cond = <F extends string, S extends z.ZodRawShape>(field: F, shape: S) =>
  z.object({ type: z.literal("condition"), field: z.literal(field), ...shape }).strict();

const score = z.number().int().min(1).max(5);
const money = z.number().finite().min(0).max(1e12);

// One entry per field: the whitelist. rule-sql.ts has one compiler per entry.
export const CONDITION_SCHEMAS = [
  // attributes
  cond("province", { op: setOp, values: texts }),
  cond("city", { op: setOp, values: texts }),
  cond("gender", { op: setOp, values: texts }),
  cond("sourceChannel", { op: setOp, values: texts }),
  cond("homeStore", { op: setOp, values: ids }),
  cond("createdAt", { op: z.enum(["onOrAfter", "onOrBefore", "between"]), value: day, value2: day.optional() }),
  cond("birthdayMonth", { op: setOp, values: z.array(z.number().int().min(1).max(12)).min(1).max(12) }),
  // scores (newest successful scoring run; clusters of the current cluster model)
  cond("rScore", range(score)),
  cond("fScore", range(score)),
  cond("mScore", range(score)),
  cond("rfmSegment", { op: setOp, values: z.array(z.enum(RFM_SEGMENTS)).min(1).max(RFM_SEGMENTS.length) }),
  cond("churnRisk", { op: setOp, values: z.array(z.enum(CHURN_LEVELS)).min(1).max(CHURN_LEVELS.length) }),
  cond("pAlive", range(z.number().finite().min(0).max(1))),
  cond("clv", range(money)),
  cond("cluster", { op: setOp, values: z.array(z.number().int().min(0).max(1000)).min(1).max(100) }),
  // tags, tier, region
  cond("tag", { op: z.enum(["hasAny", "hasNone"]), values: ids }),
  cond("tier", { op: setOp, values: ids }),
  cond("department", { op: setOp, values: ids }),
  // behaviour
  cond("ordersCount", range(z.number().int().min(0).max(1e6))),
  cond("totalPaid", range(money)),
  cond("lastOrderWithin", { op: z.enum(["within", "notWithin"]), days }),
  cond("boughtProduct", { op: z.enum(["bought", "notBought"]), values: ids, days: days.optional() }),
  cond("boughtCategory", { op: z.enum(["bought", "notBought"]), values: texts, days: days.optional() }),
  cond("interactedOn", { op: z.enum(["within", "notWithin"]), channel: z.enum(INTERACTION_CHANNELS), days }),
] as const;

export const conditionSchema = z.discriminatedUnion("field", CONDITION_SCHEMAS).superRefine((c, ctx) => {
  if (c.op === "between" && "value" in c) {
    const a = c.value as number | string;
    const b = (c as { value2?: number | string }).value2;
    if (b === undefined) ctx.addIssue({ code: "custom", path: ["value2"], message: "segments.builder.error.between" });
    else if (a > b) ctx.addIssue({ code: "custom", path: ["value2"], message: "segments.builder.error.betweenOrder" });
  }
});
export type RuleCondition = z.infer<typeof conditionSchema>;
export type RuleField = RuleCondition["field"];
export const RULE_FIELDS = CONDITION_SCHEMAS.map((s) => s.shape.field.value) as RuleField[];

export type RuleGroup = { type: "group"; op: "and" | "or"; children: (RuleGroup | RuleCondition)[] };
export type RuleNode = RuleGroup | RuleCondition;

// Fixed depth without recursion: a level-3 group holds conditions only.
const groupOf = (child: z.ZodType) => z.object({ type: z.literal("group"), op: z.enum(["and", "or"]), children: z.array(child).max(MAX_CONDITIONS) }).strict();
const level3 = groupOf(conditionSchema);
const level2 = groupOf(z.union([conditionSchema, level3]));
const level1 = groupOf(z.union([conditionSchema, level2]));

/** Depth and condition count of an untrusted value, walking at most MAX_DEPTH + 1 levels. */
export function measureTree(value: unknown): { depth: number; conditions: number } {
  let deepest = 0;
  let conditions = 0;
  const walk = (node: unknown, depth: number) => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: unknown; children?: unknown };
    if (n.type === "group") {
      deepest = Math.max(deepest, depth);
      if (depth > MAX_DEPTH || !Array.isArray(n.children)) return;
      for (const child of n.children.slice(0, MAX_CONDITIONS * 4)) walk(child, depth + 1);
    } else conditions++;
  };
  walk(value, 1);
  return { depth: deepest, conditions };
}

export const ruleTreeSchema = z.unknown().superRefine((v, ctx) => {
  const m = measureTree(v);
  if (m.depth > MAX_DEPTH) ctx.addIssue({ code: "custom", message: "segments.builder.error.depth" });
  if (m.conditions > MAX_CONDITIONS) ctx.addIssue({ code: "custom", message: "segments.builder.error.tooMany" });
}).pipe(level1) as unknown as z.ZodType<RuleGroup>;

export type ParsedTree = { ok: true; tree: RuleGroup } | { ok: false; error: string };

/** An untrusted tree (JSON text or value) parsed; the error is a message key. */
export function parseRuleTree(input: unknown): ParsedTree {
  let value = input;
  if (typeof input === "string") {
    if (input.length > 100_000) return { ok: false, error: "segments.builder.error.invalid" };
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, error: "segments.builder.error.invalid" };
    }
  }
  const parsed = ruleTreeSchema.safeParse(value);
  if (parsed.success) return { ok: true, tree: parsed.data };
  const known = parsed.error.issues.map((i) => i.message).find((m) => m.startsWith("segments.builder.error."));
  return { ok: false, error: known ?? "segments.builder.error.invalid" };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export const emptyTree = (): RuleGroup => ({ type: "group", op: "and", children: [] });

export function countConditions(g: RuleGroup): number {
  return g.children.reduce((n, c) => n + (c.type === "group" ? countConditions(c) : 1), 0);
}

/**
 * An older dynamic definition (customer-list filters ANDed with score conditions)
 * as one AND group, for showing and editing it in the builder. `q` (free-text
 * search) and the owner have no rule field, so they are returned apart.
 */
export function legacyToRuleTree(d: {
  filters: CustomerFilters; rfmSegments: readonly string[]; churnRisk: readonly string[]; clvMin?: number; clvMax?: number;
}): { tree: RuleGroup; rest: Pick<CustomerFilters, "q" | "ownerUserId" | "lastOrderFrom" | "lastOrderTo"> } {
  const f = d.filters;
  const children: RuleCondition[] = [];
  const c = (x: DistributiveOmit<RuleCondition, "type">) => children.push({ type: "condition", ...x } as RuleCondition);
  if (f.province) c({ field: "province", op: "in", values: [f.province] });
  if (f.city) c({ field: "city", op: "in", values: [f.city] });
  if (f.storeId) c({ field: "homeStore", op: "in", values: [f.storeId] });
  if (f.channel) c({ field: "sourceChannel", op: "in", values: [f.channel] });
  if (f.tagId) c({ field: "tag", op: "hasAny", values: [f.tagId] });
  if (f.tierId) c({ field: "tier", op: "in", values: [f.tierId] });
  if (f.createdFrom) c({ field: "createdAt", op: "onOrAfter", value: f.createdFrom });
  if (f.createdTo) c({ field: "createdAt", op: "onOrBefore", value: f.createdTo });
  const rfm = [...new Set([...(f.rfmSegment ? [f.rfmSegment] : []), ...d.rfmSegments])];
  if (f.rfmSegment && d.rfmSegments.length) {
    c({ field: "rfmSegment", op: "in", values: [f.rfmSegment] });
    c({ field: "rfmSegment", op: "in", values: d.rfmSegments as never });
  } else if (rfm.length) c({ field: "rfmSegment", op: "in", values: rfm as never });
  if (f.churnRisk) c({ field: "churnRisk", op: "in", values: [f.churnRisk] });
  if (d.churnRisk.length) c({ field: "churnRisk", op: "in", values: d.churnRisk as never });
  if (d.clvMin !== undefined) c({ field: "clv", op: "gte", value: d.clvMin });
  if (d.clvMax !== undefined) c({ field: "clv", op: "lte", value: d.clvMax });
  const rest: Pick<CustomerFilters, "q" | "ownerUserId" | "lastOrderFrom" | "lastOrderTo"> = {};
  if (f.q) rest.q = f.q;
  if (f.ownerUserId) rest.ownerUserId = f.ownerUserId;
  if (f.lastOrderFrom) rest.lastOrderFrom = f.lastOrderFrom;
  if (f.lastOrderTo) rest.lastOrderTo = f.lastOrderTo;
  return { tree: { type: "group", op: "and", children }, rest };
}
